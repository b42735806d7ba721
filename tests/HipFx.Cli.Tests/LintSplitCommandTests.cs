using HipFx.Tests;

namespace HipFx.Cli.Tests;

/// <summary><c>hipfx lint</c> and <c>hipfx split</c> as a user runs them, on a copy of the FracAtlas set.</summary>
public sealed class LintSplitCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = HipFxApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static TempFolder CopyXray()
    {
        var temp = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(temp.File("images"));
        Directory.CreateDirectory(temp.File("annotations"));
        foreach (var file in Directory.GetFiles(RepoPaths.SharedFile("data", "xray", "images")))
        {
            File.Copy(file, temp.File(Path.Combine("images", Path.GetFileName(file))));
        }
        foreach (var file in Directory.GetFiles(RepoPaths.SharedFile("data", "xray", "annotations", "voc")))
        {
            File.Copy(file, temp.File(Path.Combine("annotations", Path.GetFileName(file))));
        }
        return temp;
    }

    [Fact]
    public void Lint_folder_exits_1_and_names_unknown_class_and_truncated_jpeg()
    {
        using var temp = CopyXray();
        var (code, output, _) = Run("lint", temp.Path, "--quick", "--json", temp.File("report.json"));
        Assert.Equal(1, code);
        Assert.Contains("16 error(s), 11 warning(s): class-unknown 15, image-unreadable 1, unreviewed 11", output);
        Assert.Contains("\"Code\": \"class-unknown\"", File.ReadAllText(temp.File("report.json")));
        Assert.Contains("unknown class name 'fractured'", output);
        Assert.Contains("images/IMG0004177.jpg", output);
        Assert.Contains("truncated JPEG", output);
        Assert.Contains("| fractured   | UNKNOWN |    15 |     14 |", output);
    }

    [Fact]
    public void Lint_exits_0_when_only_warnings_remain()
    {
        using var temp = CopyXray();
        File.Delete(temp.File("images/IMG0004177.jpg"));
        File.Delete(temp.File("annotations/IMG0004177.xml"));
        var (code, output, _) = Run("lint", temp.Path, "--quick", "--class-map", "fractured=DF");
        Assert.Equal(0, code);
        Assert.Contains("0 error(s), 10 warning(s): unreviewed 10", output); // the 10 negatives are unreviewed without a manifest
    }

    [Fact]
    public void Bad_options_are_usage_errors()
    {
        Assert.Equal(2, Run("lint", ".", "--convention", "yolo").Code);
        Assert.Equal(2, Run("lint", ".", "--class-map", "fractured").Code);
        Assert.Equal(2, Run("split", "m.csv", "--fractions", "0.5,0.5").Code);
        Assert.Equal(1, Run("lint", "/nonexistent/dataset").Code);
    }

    [Fact]
    public void Split_writes_manifest_tables_and_hash_and_is_deterministic()
    {
        using var temp = CopyXray();
        var lines = new List<string> { "image_id,patient_id,institution,image_path,annotation_path,label,split" };
        foreach (var image in Directory.GetFiles(temp.File("images")).Order(StringComparer.Ordinal))
        {
            string stem = Path.GetFileNameWithoutExtension(image);
            int number = int.Parse(stem[3..]);
            string institution = number >= 4000 ? "hospital_c" : "hospital_a";
            string label = File.ReadAllText(temp.File($"annotations/{stem}.xml")).Contains("<object>") ? "stable_itf" : "no_fracture";
            lines.Add($"{stem},p{number / 2},{institution},images/{stem}.jpg,annotations/{stem}.xml,{label},");
        }
        File.WriteAllLines(temp.File("m.csv"), lines);

        var first = Run("split", temp.File("m.csv"), "--external", "hospital_c", "--seed", "3", "-o", temp.File("a.csv"));
        var second = Run("split", temp.File("m.csv"), "--external", "hospital_c", "--seed", "3", "-o", temp.File("b.csv"), "--no-near-duplicates");
        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        Assert.Equal(File.ReadAllText(temp.File("a.csv")), File.ReadAllText(temp.File("b.csv")));
        string hash = first.Out.Split('\n').Single(l => l.StartsWith("manifest sha256 ", StringComparison.Ordinal))["manifest sha256 ".Length..].Trim();
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Contains(hash, File.ReadAllText(temp.File("a.split.json")));
        Assert.Contains("| external |", File.ReadAllText(temp.File("a.split.md")));
        Assert.Contains("near-duplicates across splits", first.Out);
        Assert.Contains("not hashed: IMG0004177", first.Out);

        // the split manifest now refuses a leak introduced by hand
        var leaked = File.ReadAllLines(temp.File("a.csv")).ToList();
        int train = leaked.FindIndex(l => l.EndsWith(",train", StringComparison.Ordinal));
        var parts = leaked[train].Split(',');
        string other = leaked.First(l => l.EndsWith(",test", StringComparison.Ordinal)).Split(',')[1];
        parts[1] = other;
        leaked[train] = string.Join(',', parts);
        File.WriteAllLines(temp.File("leak.csv"), leaked);
        var refused = Run("lint", temp.File("leak.csv"));
        Assert.Equal(1, refused.Code);
        Assert.Contains($"patient '{other}' is in more than one split", refused.Err);
    }
}
