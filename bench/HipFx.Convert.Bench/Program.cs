using System.Diagnostics;
using System.Globalization;
using HipFx.Bench;
using HipFx.Convert.Bench;
using HipFx.Data.Dicom;
using HipFx.Data.Dicom.Conversion;
using HipFx.Data.Dicom.Lut;

// Throughput of hipfx convert on synthetic 16-bit radiographs, uncompressed and JPEG Lossless SV1 (made with DCMTK's
// dcmcjpeg when installed). Prints a Markdown table and writes JSON.
// Usage: HipFx.Convert.Bench [--quick] [--width 2500] [--height 3000] [--copies 8] [--png-level 1] [--work DIR]
//                            [--out PATH] [--keep]
// --quick: 4 copies instead of 8 (same image size, so the targets still apply); later arguments override it.
string[] flags = ["--quick", "--keep"];
string[] valued = ["--width", "--height", "--copies", "--png-level", "--work", "--out", "--json"];
var arguments = new Dictionary<string, string>();
for (var i = 0; i < args.Length; i++)
{
    if (flags.Contains(args[i]))
    {
        arguments[args[i]] = "";
    }
    else if (valued.Contains(args[i]) && i + 1 < args.Length)
    {
        arguments[args[i]] = args[++i];
    }
    else
    {
        Console.Error.WriteLine($"unknown option or missing value: {args[i]}; known: {string.Join(' ', flags.Concat(valued))}");
        return 2;
    }
}
var quick = arguments.ContainsKey("--quick");
string Arg(string name, string fallback) => arguments.TryGetValue(name, out var value) ? value : fallback;
var width = int.Parse(Arg("--width", "2500"), CultureInfo.InvariantCulture);
var height = int.Parse(Arg("--height", "3000"), CultureInfo.InvariantCulture);
var copies = int.Parse(Arg("--copies", quick ? "4" : "8"), CultureInfo.InvariantCulture);
var work = Arg("--work", Path.Combine(Path.GetTempPath(), $"hipfx-bench-convert-{Environment.ProcessId}"));
var jsonPath = Arg("--out", Arg("--json", Path.Combine("artifacts", "bench", "convert.json")));
var cores = Environment.ProcessorCount;
var pngLevel = int.Parse(Arg("--png-level", "1"), CultureInfo.InvariantCulture);

if (Directory.Exists(work))
{
    Directory.Delete(work, recursive: true);
}
Directory.CreateDirectory(work);
var uncompressed = Path.Combine(work, "synthetic.dcm");
Console.WriteLine($"generating a {width} x {height} 12-bit synthetic radiograph in {work} ...");
SyntheticRadiograph.Write(uncompressed, width, height, seed: 1);

var kinds = new List<(string Name, string File)> { ("uncompressed", uncompressed) };
var jpeg = Path.Combine(work, "synthetic-jpeg-lossless.dcm");
if (RunTool("dcmcjpeg", "+e1", uncompressed, jpeg))
{
    kinds.Add(("JPEG Lossless SV1", jpeg));
}
else
{
    Console.WriteLine("dcmcjpeg (DCMTK) not found or failed: JPEG Lossless is not measured (apt-get install dcmtk)");
}

var rows = new List<Dictionary<string, object>>();
foreach (var (name, file) in kinds)
{
    // Stage timings on one file, warm (median of 5).
    var stages = StageTimes(file, repeats: 5, pngLevel);
    // Whole converter: one job (per core), then all cores.
    var input = Path.Combine(work, name.Replace(' ', '_') + "-in");
    Directory.CreateDirectory(input);
    for (var c = 0; c < copies; c++)
    {
        File.Copy(file, Path.Combine(input, $"copy{c:D3}.dcm"));
    }
    var single = Throughput(input, Path.Combine(work, "out1-" + name.Replace(' ', '_')), 1, null, pngLevel);
    var all = Throughput(input, Path.Combine(work, "outN-" + name.Replace(' ', '_')), cores, null, pngLevel);
    var resized = Throughput(input, Path.Combine(work, "outR-" + name.Replace(' ', '_')), 1, 1024, pngLevel);
    rows.Add(new Dictionary<string, object>
    {
        ["kind"] = name,
        ["file_mb"] = Math.Round(new FileInfo(file).Length / 1e6, 1),
        ["read_ms"] = stages.Read,
        ["decode_ms"] = stages.Decode,
        ["render16_ms"] = stages.Render,
        ["png16_ms"] = stages.Png,
        ["images_per_s_1_job"] = single.Wall,
        [$"images_per_s_{cores}_jobs"] = all.Wall,
        ["images_per_cpu_s"] = all.PerCpuSecond,
        ["images_per_cpu_s_max_size_1024"] = resized.PerCpuSecond,
    });
}

Console.WriteLine();
Console.WriteLine($"hipfx convert bench{(quick ? " (quick)" : "")}: {width} x {height} 16-bit (12 stored), {copies} files, {cores} cores, PNG zlib level {pngLevel}");
Console.WriteLine($"load average: {BenchHost.LoadAverage()} (wall-time columns are only meaningful on an idle machine; per-CPU-second columns are images per core)");
Console.WriteLine($"| kind | file MB | read ms | decode ms | render16 ms | png16 ms | img/s 1 job | img/s {cores} jobs | img/CPU-s (per core) | img/CPU-s --max-size 1024 |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in rows)
{
    Console.WriteLine(string.Join(" | ", r.Values.Select(v => System.Convert.ToString(v, CultureInfo.InvariantCulture))).Insert(0, "| ") + " |");
}
Console.WriteLine("targets: 30 img/s/core uncompressed, 5 img/s/core JPEG Lossless");
BenchHost.WriteJson(jsonPath, new
{
    tool = "hipfx convert bench",
    utc = DateTimeOffset.UtcNow,
    cores,
    load_average = BenchHost.LoadAverage(),
    quick,
    width, height, copies, pngLevel,
    machine = Environment.MachineName,
    results = rows,
    peak_rss_mib = BenchHost.PeakRssMiB(),
});
if (!arguments.ContainsKey("--keep"))
{
    Directory.Delete(work, recursive: true);
}
return 0;

// Images per second of wall time, and per second of this process's CPU time (= per core, and robust to a
// machine shared with other jobs, where wall time mostly measures waiting).
static (double Wall, double PerCpuSecond) Throughput(string input, string output, int jobs, int? maxSize, int pngLevel)
{
    var options = new DicomConvertOptions { InputFolder = input, OutputFolder = output, Salt = "bench", Parallelism = jobs, MaxSize = maxSize, PngCompressionLevel = pngLevel };
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var report = DicomConverter.Run(options);
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    if (report.Failed > 0)
    {
        throw new InvalidOperationException(report.Results.First(r => r.Reason is not null).Reason);
    }
    return (Math.Round(report.Converted / report.Elapsed.TotalSeconds, 2), Math.Round(report.Converted / cpuSeconds, 2));
}

static (double Read, double Decode, double Render, double Png) StageTimes(string file, int repeats, int pngLevel)
{
    var read = new List<double>();
    var decode = new List<double>();
    var render = new List<double>();
    var png = new List<double>();
    for (var i = 0; i < repeats + 1; i++)
    {
        var clock = Stopwatch.StartNew();
        var dicom = DicomReader.Read(file);
        var t1 = clock.Elapsed.TotalMilliseconds;
        var image = dicom.Image;
        var frame = image.ReadFrame();
        var t2 = clock.Elapsed.TotalMilliseconds;
        var gray = DisplayRenderer.ToGray16(frame, image.Description, image.ModalityLut);
        var t3 = clock.Elapsed.TotalMilliseconds;
        PngWriter.Write(Stream.Null, System.Runtime.InteropServices.MemoryMarshal.AsBytes(gray.AsSpan()), frame.Width, frame.Height, 16, 0, pngLevel);
        var t4 = clock.Elapsed.TotalMilliseconds;
        if (i > 0)
        {
            read.Add(t1);
            decode.Add(t2 - t1);
            render.Add(t3 - t2);
            png.Add(t4 - t3);
        }
    }
    static double Median(List<double> v) => Math.Round(v.Order().ElementAt(v.Count / 2), 1);
    return (Median(read), Median(decode), Median(render), Median(png));
}

static bool RunTool(string tool, params string[] args)
{
    try
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return false;
    }
}
