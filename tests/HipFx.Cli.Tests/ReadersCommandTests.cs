using HipFx.Cli;
using HipFx.Tests;

namespace HipFx.Cli.Tests;

public class ReadersCommandTests
{
    private static string WriteTruth(TempFolder folder)
    {
        string[] labels = ["displaced_fnf", "valgus_impacted_fnf", "stable_itf", "unstable_itf", "no_fracture"];
        var lines = new List<string> { "image_id,label" };
        lines.AddRange(Enumerable.Range(0, 40).Select(i => $"img{i:D2},{labels[i % 5]}"));
        string path = folder.File("truth.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = HipFxApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Simulate_then_analyse_as_a_user_would()
    {
        using var folder = RepoPaths.NewTempFolder();
        string truth = WriteTruth(folder);
        string reads = folder.File("reads.csv");
        var sim = Run("readers", "simulate", "--truth", truth, "--out", reads, "--seed", "5");
        Assert.True(sim.Code == 0, sim.Err);
        Assert.Contains("Simulated 360 reads: 3 readers × 40 images × 3 phases (seed 5).", sim.Out);

        string output = folder.File("out");
        var run = Run("readers", "--truth", truth, "--reads", reads, "--ai", folder.File("reads_ai.csv"),
            "--out", output, "--bootstrap", "50");
        Assert.True(run.Code == 0, run.Err);
        Assert.Contains("Reader study: 40 images, readers A, B, C, phases I, II, III, model 'AI'", run.Out);
        Assert.Contains("Reader study, phase III (Table III layout)", run.Out);
        Assert.Contains("Effect of AI assistance: phase II (without AI) vs III (with AI)", run.Out);
        Assert.Contains("inter-reader (Fleiss)", run.Out);
        Assert.Contains($"Picture: {Path.Combine(output, "readers_se_sp.png")}", run.Out);
        Assert.True(File.Exists(Path.Combine(output, "readers.md")));
    }

    [Fact]
    public void Bad_reads_exit_1_listing_the_problems()
    {
        using var folder = RepoPaths.NewTempFolder();
        string truth = WriteTruth(folder);
        string reads = folder.File("reads.csv");
        File.WriteAllLines(reads, ["image_id,reader,phase,label", "img00,A,I,displaced", "img01,A,I,valgus_impacted_fnf"]);
        var run = Run("readers", "--truth", truth, "--reads", reads, "--out", folder.File("out"));
        Assert.Equal(HipFxApp.ExitFailure, run.Code);
        Assert.Contains("unknown label 'displaced' (closest valid name: 'displaced_fnf')", run.Err);
        Assert.False(Directory.Exists(folder.File("out")));
    }

    [Fact]
    public void Usage_errors_exit_2()
    {
        using var folder = RepoPaths.NewTempFolder();
        string truth = WriteTruth(folder);
        Assert.Equal(HipFxApp.ExitUsage, Run("readers", "--truth", truth).Code);
        var phase = Run("readers", "--truth", truth, "--reads", truth, "--assisted", "IIV");
        Assert.Equal(HipFxApp.ExitUsage, phase.Code);
        Assert.Contains("--assisted: unknown phase 'IIV' (closest valid name: 'II')", phase.Err);
        var sim = Run("readers", "simulate", "--truth", truth, "--out", folder.File("r.csv"), "--consistency", "2");
        Assert.Equal(HipFxApp.ExitUsage, sim.Code);
    }
}
