using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;

namespace HipFx.Cli.Tests.Fuzz;

/// <summary>What a case gives the CLI: its arguments, the names one of which a failure must mention (the mutated
/// file, the option), and an output folder that must not exist after a failure (all-or-nothing writers).</summary>
internal sealed record PreparedCase(string[] Args, string[] Mentions, string? AllOrNothing = null, TimeSpan? Limit = null);

/// <summary>One seeded case: <see cref="Prepare"/> writes its inputs into the world's in/ folder.</summary>
internal sealed record FuzzCase(string Id, string Target, Func<FuzzWorld, PreparedCase> Prepare)
{
    /// <summary>For an option case, "command --option".</summary>
    public string? OptionKey { get; init; }
}

/// <summary>
/// The case generators. Each target mutates one kind of input (DICOM, VOC, manifest, detections, COCO ground truth,
/// reads, checkpoint) or puts a hostile file-system entry in the input (a FIFO, a link to /dev/zero, a linked folder
/// out of the input, a link loop, a folder named like a file), or gives a numeric option a hostile value. Case
/// <c>i</c> of a target is the same on every run (seed = target and index).
/// </summary>
internal static class FuzzCases
{
    public static readonly string[] HostileOptionValues = ["0", "-1", "1e309", "NaN", "", "text", "-1e309", "99999999999"];

    /// <summary>Targets and their relative weights in a mixed run.</summary>
    public static IReadOnlyList<(string Target, int Weight, Func<FuzzCorpus, Mutator, FuzzCase> Make)> Targets { get; } =
    [
        ("dicom", 6, Dicom),
        ("voc", 5, Voc),
        ("manifest", 5, Manifest),
        ("detections", 4, Detections),
        ("readers", 2, Readers),
        ("filesystem", 3, FileSystem),
    ];

    /// <summary><paramref name="count"/> cases mixed by weight, from seed <paramref name="seed"/>.</summary>
    public static IEnumerable<FuzzCase> Mixed(FuzzCorpus corpus, int seed, int count)
    {
        int total = Targets.Sum(t => t.Weight);
        for (int i = 0; i < count; i++)
        {
            int pick = (int)((uint)HashCode.Combine(seed, i, 17) % (uint)total);
            foreach (var (target, weight, make) in Targets)
            {
                if (pick < weight)
                {
                    yield return make(corpus, new Mutator(HashCode.Combine(seed, i, target.Length, weight)));
                    break;
                }
                pick -= weight;
            }
        }
    }

    private static string Name(string target, Mutator m) => $"{target}-{m.Next(1 << 30):x8}";

    private static FuzzCase Dicom(FuzzCorpus corpus, Mutator m)
    {
        var (name, bytes) = m.Pick(corpus.Dicoms);
        int kind = m.Next(3);
        byte[] mutated = kind == 0 ? m.Bytes(bytes) : kind == 1 ? m.DicomHeader(bytes) : m.DicomFrames(bytes);
        bool withValid = m.Next(2) == 0;
        string[] window = m.Pick<string[]>([[], ["--window", "auto"], ["--window", "none"], ["--max-size", "64"]]);
        return new FuzzCase($"{Name("dicom", m)} {name} kind {kind}", "dicom", w =>
        {
            File.WriteAllBytes(w.InFile("case.dcm"), mutated);
            if (withValid)
            {
                File.WriteAllBytes(w.InFile("ok.dcm"), corpus.Dicoms[0].Bytes);
            }
            return new PreparedCase(["convert", "--in", w.In, "--out", Path.Combine(w.Out, "conv"), "--jobs", "1", .. window], ["case.dcm"]);
        });
    }

    private static FuzzCase Voc(FuzzCorpus corpus, Mutator m)
    {
        bool deep = m.Next(20) == 0;
        string source = m.Next(3) == 0 ? m.Pick(corpus.Vocs) : corpus.Voc("a.jpg");
        string xml = deep ? Nest(source, "<x>", "</x>", 1 + m.Next(200_000)) : m.Text(source);
        bool quick = m.Next(2) == 0;
        bool asBytes = m.Next(8) == 0;
        byte[] bytes = asBytes ? m.Bytes(Encoding.UTF8.GetBytes(source)) : Encoding.UTF8.GetBytes(xml);
        return new FuzzCase($"{Name("voc", m)}{(deep ? " deep" : "")}", "voc", w =>
        {
            File.WriteAllBytes(w.InFile("a.jpg"), corpus.Image);
            File.WriteAllBytes(w.InFile("a.xml"), bytes);
            return new PreparedCase(["lint", w.In, .. quick ? new[] { "--quick" } : []], ["a.xml", "a.jpg"]);
        });
    }

    private static string Nest(string xml, string open, string close, int depth)
    {
        int at = xml.IndexOf("</annotation>", StringComparison.Ordinal);
        return at < 0 ? xml : xml[..at] + new StringBuilder().Insert(0, open, depth).Append(new StringBuilder().Insert(0, close, depth)) + xml[at..];
    }

    private static readonly string[] HostilePaths =
        ["../sentinel/secret.jpg", "SENTINEL/secret.jpg", "/dev/zero", "fifo.jpg", "a\0.jpg", "/etc/passwd",
         "../sentinel/secret.xml", "up/secret.jpg", "..\\sentinel\\secret.jpg", "", "a.jpg/", "images/../../sentinel/secret.jpg"];

    private static FuzzCase Manifest(FuzzCorpus corpus, Mutator m)
    {
        string csv = corpus.Manifest;
        int kind = m.Next(3);
        string injected = m.Pick(HostilePaths);
        if (kind == 0)
        {
            csv = csv.Replace(m.Next(2) == 0 ? "a.jpg" : "a.xml", injected, StringComparison.Ordinal);
        }
        else
        {
            csv = m.Text(csv);
        }
        int command = m.Next(3);
        return new FuzzCase($"{Name("manifest", m)} kind {kind} cmd {command}", "manifest", w =>
        {
            corpus.WriteDataset(w.In);
            FuzzWorld.Fifo(w.InFile("fifo.jpg"));
            Directory.CreateSymbolicLink(w.InFile("up"), "../sentinel");
            File.WriteAllText(w.InFile("m.csv"), csv.Replace("SENTINEL", w.Sentinel, StringComparison.Ordinal));
            File.WriteAllText(w.InFile("dt.json"), FuzzCorpus.Detections);
            string[] mentions = ["m.csv", "a.jpg", "a.xml", "b.jpg", "c.jpg", "fifo.jpg", "secret", "dt.json", "zero", "passwd", "split"];
            return command switch
            {
                0 => new PreparedCase(["lint", w.InFile("m.csv")], mentions),
                1 => new PreparedCase(["split", w.InFile("m.csv"), "-o", Path.Combine(w.Out, "s", "split.csv")], mentions),
                _ => new PreparedCase(["eval", "--detections", w.InFile("dt.json"), "--manifest", w.InFile("m.csv"), "--split", "test",
                    "--out", Path.Combine(w.Out, "ev"), "--bootstrap", "10"], mentions, AllOrNothing: Path.Combine(w.Out, "ev")),
            };
        });
    }

    private static FuzzCase Detections(FuzzCorpus corpus, Mutator m)
    {
        bool mutateTruth = m.Next(3) == 0;
        int deep = m.Next(25) == 0 ? 1 + m.Next(100_000) : 0;
        string dt = FuzzCorpus.Detections, gt = FuzzCorpus.GroundTruth;
        if (deep > 0)
        {
            dt = new string('[', deep) + new string(']', deep);
        }
        else if (mutateTruth)
        {
            gt = m.Text(gt);
        }
        else
        {
            dt = m.Text(dt);
        }
        return new FuzzCase($"{Name("detections", m)}{(mutateTruth ? " gt" : "")}", "detections", w =>
        {
            File.WriteAllText(w.InFile("dt.json"), dt);
            File.WriteAllText(w.InFile("gt.json"), gt);
            string output = Path.Combine(w.Out, "ev");
            return new PreparedCase(["eval", "--detections", w.InFile("dt.json"), "--ground-truth", w.InFile("gt.json"), "--out", output, "--bootstrap", "10"],
                ["dt.json", "gt.json"], AllOrNothing: output);
        });
    }

    private static FuzzCase Readers(FuzzCorpus corpus, Mutator m)
    {
        bool truth = m.Next(4) == 0;
        bool binary = m.Next(6) == 0;
        byte[] reads = binary ? m.Bytes(File.ReadAllBytes("/proc/self/exe")[..4000]) : Encoding.UTF8.GetBytes(truth ? corpus.Reads : m.Text(corpus.Reads));
        string truthText = truth ? m.Text(corpus.Truth) : corpus.Truth;
        return new FuzzCase($"{Name("readers", m)}", "readers", w =>
        {
            File.WriteAllText(w.InFile("truth.csv"), truthText);
            File.WriteAllBytes(w.InFile("reads.csv"), reads);
            return new PreparedCase(["readers", "--truth", w.InFile("truth.csv"), "--reads", w.InFile("reads.csv"), "--out", Path.Combine(w.Out, "rd"),
                "--bootstrap", "10", "--no-plot"], ["reads.csv", "truth.csv"]);
        });
    }

    /// <summary>Hostile entries in an input folder or named as an input: FIFOs, /dev/zero, folder links out of the
    /// input, link loops, folders named like files, empty files.</summary>
    private static FuzzCase FileSystem(FuzzCorpus corpus, Mutator m)
    {
        int entry = m.Next(6);
        int command = m.Next(4);
        return new FuzzCase($"{Name("filesystem", m)} entry {entry} cmd {command}", "filesystem", w =>
        {
            corpus.WriteDataset(w.In);
            File.WriteAllBytes(w.InFile("ok.dcm"), corpus.Dicoms[0].Bytes);
            File.WriteAllText(w.InFile("dt.json"), FuzzCorpus.Detections);
            string ext = command == 0 ? ".dcm" : m.Pick([".jpg", ".xml", ".png"]);
            string name = "x" + ext;
            switch (entry)
            {
                case 0: FuzzWorld.Fifo(w.InFile(name)); break;
                case 1: File.CreateSymbolicLink(w.InFile(name), "/dev/zero"); break;
                case 2: Directory.CreateSymbolicLink(w.InFile("up"), ".."); break;
                case 3: Directory.CreateSymbolicLink(w.InFile("loop"), "."); break;
                case 4: Directory.CreateDirectory(w.InFile(name)); break;
                default: File.WriteAllBytes(w.InFile(name), []); break;
            }
            string[] mentions = [name, "up", "loop"];
            return command switch
            {
                0 => new PreparedCase(["convert", "--in", w.In, "--out", Path.Combine(w.Out, "conv")], mentions),
                1 => new PreparedCase(["lint", w.In], mentions),
                2 => new PreparedCase(["eval", "--detections", w.InFile(name), "--ground-truth", w.InFile(name), "--out", Path.Combine(w.Out, "ev")],
                    [name], AllOrNothing: Path.Combine(w.Out, "ev")),
                _ => new PreparedCase(["predict", "--detections", w.InFile("dt.json"), "--out", Path.Combine(w.Out, "p"), w.InFile(name), w.InFile("a.jpg")],
                    [name, "dt.json"]),
            };
        });
    }

    /// <summary>A checkpoint whose metadata (input size, classes, version, architecture) or header bytes are hostile.</summary>
    public static FuzzCase Checkpoint(FuzzCorpus corpus, Mutator m)
    {
        int kind = m.Next(4);
        string key = m.Pick(["inputWidth", "inputHeight", "formatVersion", "classes", "architecture", "deploy"]);
        JsonNode? value = m.Pick<JsonNode?>([0, -1, 65536, 31, 33, 1e9, "x", null, new JsonArray(), new JsonArray("a", ""), int.MaxValue]);
        return new FuzzCase($"checkpoint-{kind}-{key}-{value?.ToJsonString()}", "checkpoint", w =>
        {
            string path = w.InFile("ckpt.safetensors");
            byte[] bytes = File.ReadAllBytes(corpus.Checkpoint);
            long n = BitConverter.ToInt64(bytes, 0);
            var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, (int)n))!.AsObject();
            var meta = header["__metadata__"]!.AsObject();
            if (kind == 0)
            {
                var hipfx = JsonNode.Parse(meta["hipfx"]!.GetValue<string>())!.AsObject();
                hipfx[key] = value?.DeepClone();
                meta["hipfx"] = hipfx.ToJsonString();
            }
            else if (kind == 1)
            {
                meta["hipfx"] = m.Text(meta["hipfx"]!.GetValue<string>());
            }
            byte[] json = kind == 2 ? m.Bytes(bytes[8..(int)(8 + n)]) : Encoding.UTF8.GetBytes(header.ToJsonString());
            long length = kind == 3 ? m.Pick<long>([0, -1, long.MaxValue, n * 1000, 1L << 40]) : json.Length;
            using (var file = File.Create(path))
            {
                file.Write(BitConverter.GetBytes(length));
                file.Write(json);
                file.Write(bytes.AsSpan((int)(8 + n)));
            }
            File.WriteAllBytes(w.InFile("a.jpg"), corpus.Image);
            return new PreparedCase(["predict", "--model", path, "--out", Path.Combine(w.Out, "p"), "--no-overlay", w.InFile("a.jpg")],
                ["ckpt.safetensors"], Limit: TimeSpan.FromSeconds(120));
        });
    }

    /// <summary>
    /// Every numeric option of every command (found in the command tree, so a new option is fuzzed without being
    /// listed), each with every hostile value, on top of arguments that make the command otherwise valid.
    /// </summary>
    public static IEnumerable<FuzzCase> Options(FuzzCorpus corpus)
    {
        foreach (var (path, option) in NumericOptions(HipFxApp.BuildRoot(), []))
        {
            foreach (var value in HostileOptionValues)
            {
                string command = string.Join(' ', path);
                yield return new FuzzCase($"option {command} {option.Name} '{value}'", "options", w =>
                {
                    var (args, known) = BaseArguments(path, option.Name, w, corpus);
                    return new PreparedCase([.. path, .. args, option.Name, value], known ? [option.Name] : [option.Name, "required", "Required", "--"]);
                })
                { OptionKey = $"{command} {option.Name}" };
            }
        }
    }

    /// <summary>
    /// Options that do not yet follow the options rule (HipFxConfigException naming the option, exit 2): the seams2
    /// branch makes every options record throw it. Until it is merged their cases are expected to fail and are
    /// reported apart; a listed option whose cases all pass is reported as "gap closed" so the entry can go.
    /// Empty this list when seams2 is merged.
    /// </summary>
    public static readonly HashSet<string> AwaitingOptionsRule = new(StringComparer.Ordinal)
    {
        // Still reported apart (not hidden: the summary says when one closes). Checked by hand: each ends with exit 1
        // or 2 and a message, e.g. a valid seed 99999999999 then "manifest not found", which names no option.
        "split --max-pixels", "split --near-duplicate-distance", "split --seed",
    };

    private static readonly HashSet<Type> NumericTypes =
    [
        typeof(int), typeof(long), typeof(uint), typeof(ulong), typeof(short), typeof(double), typeof(float), typeof(decimal),
        typeof(int?), typeof(long?), typeof(uint?), typeof(ulong?), typeof(double?), typeof(float?), typeof(decimal?),
    ];

    internal static IEnumerable<(string[] Path, Option Option)> NumericOptions(Command command, string[] path)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] subPath = [.. path, sub.Name];
            foreach (var option in sub.Options.Where(o => NumericTypes.Contains(o.ValueType)))
            {
                yield return (subPath, option);
            }
            foreach (var nested in NumericOptions(sub, subPath))
            {
                yield return nested;
            }
        }
    }

    /// <summary>Arguments that make a command valid apart from the option under test; false when the command is not
    /// known here (then only the generic checks apply).</summary>
    private static (string[] Args, bool Known) BaseArguments(string[] path, string option, FuzzWorld w, FuzzCorpus corpus)
    {
        corpus.WriteDataset(w.In);
        File.WriteAllText(w.InFile("m.csv"), corpus.Manifest);
        File.WriteAllText(w.InFile("dt.json"), FuzzCorpus.Detections);
        File.WriteAllText(w.InFile("gt.json"), FuzzCorpus.GroundTruth);
        File.WriteAllText(w.InFile("truth.csv"), corpus.Truth);
        File.WriteAllText(w.InFile("reads.csv"), corpus.Reads);
        File.WriteAllBytes(w.InFile("ok.dcm"), corpus.Dicoms[0].Bytes);
        List<string[]>? pairs = string.Join(' ', path) switch
        {
            "lint" => [[w.In], ["--quick"]],
            "split" => [[w.InFile("m.csv")], ["-o", Path.Combine(w.Out, "s", "split.csv")]],
            "eval" => [["--detections", w.InFile("dt.json")], ["--ground-truth", w.InFile("gt.json")], ["--out", Path.Combine(w.Out, "ev")], ["--bootstrap", "10"]],
            "predict" => [["--detections", w.InFile("dt.json")], ["--out", Path.Combine(w.Out, "p")], [w.InFile("a.jpg")], ["--no-overlay"]],
            "convert" => [["--in", w.In], ["--out", Path.Combine(w.Out, "conv")]],
            "readers" => [["--truth", w.InFile("truth.csv")], ["--reads", w.InFile("reads.csv")], ["--out", Path.Combine(w.Out, "rd")], ["--bootstrap", "10"], ["--no-plot"]],
            "readers simulate" => [["--truth", w.InFile("truth.csv")], ["--out", Path.Combine(w.Out, "sim.csv")]],
            "synth" => [["--out", Path.Combine(w.Out, "synth")], ["--count", "2"], ["--size", "64"], ["--format", "png"]],
            "import-weights" => [["--from", w.InFile("missing.pth")], ["--out", Path.Combine(w.Out, "w.safetensors")]],
            // A valid value runs a real benchmark: keep it to one tiny step so it ends well inside the limit.
            "bench train" => [["--size", "64"], ["--batch", "1"], ["--steps", "1"], ["--warmup", "0"], ["--threads", "1"], ["--json", Path.Combine(w.Out, "bt.json")]],
            _ => null,
        };
        if (pairs is null)
        {
            return ([], false);
        }
        return ([.. pairs.Where(p => p[0] != option).SelectMany(p => p)], true);
    }
}
