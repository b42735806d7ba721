using HipFx.Core;
using HipFx.Data.Runs;
using HipFx.Tests;

namespace HipFx.Data.Tests.Runs;

public sealed class RunFolderTests
{
    [Fact]
    public void New_runs_are_numbered_like_ultralytics_unless_exist_ok()
    {
        using var temp = RepoPaths.NewTempFolder();
        string runs = temp.File("runs");
        var first = RunFolder.CreateNew(runs, "train");
        var second = RunFolder.CreateNew(runs, "train");
        var third = RunFolder.CreateNew(runs, "train");
        Assert.Equal(Path.Combine(runs, "train"), first.Path);
        Assert.Equal(Path.Combine(runs, "train2"), second.Path);
        Assert.Equal(Path.Combine(runs, "train3"), third.Path);
        Assert.All(new[] { first, second, third }, r => Assert.True(r.Exists));
        Assert.Equal(first.Path, RunFolder.CreateNew(runs, "train", existOk: true).Path);
        Assert.Throws<HipFxConfigException>(() => RunFolder.CreateNew(runs, "a/b"));
        Assert.Throws<HipFxConfigException>(() => RunFolder.CreateNew(runs, ".."));
    }

    [Fact]
    public void Layout_names_every_file_inside_the_folder()
    {
        var run = new RunFolder("/tmp/x/runs/exp");
        Assert.Equal("/tmp/x/runs/exp/best.safetensors", run.BestCheckpoint);
        Assert.Equal("/tmp/x/runs/exp/last.safetensors", run.LastCheckpoint);
        Assert.Equal("/tmp/x/runs/exp/last.resume", run.ResumeFolder);
        Assert.Equal("/tmp/x/runs/exp/tau.json", run.TauFile);
        Assert.Equal("/tmp/x/runs/exp/config.yaml", run.ConfigFile);
        Assert.Equal("/tmp/x/runs/exp/run.json", run.RunFile);
        Assert.Equal("/tmp/x/runs/exp/results.csv", run.ResultsFile);
        Assert.Equal("/tmp/x/runs/exp/curves.png", run.CurvesFile);
        Assert.Equal("/tmp/x/runs/exp/tensorboard", run.TensorBoardFolder);
        Assert.Equal("/tmp/x/runs/exp/report.html", run.ReportFile);
        Assert.Equal("/tmp/x/runs/exp/eval-external", run.EvalFolder("external"));
        Assert.Equal("exp", run.Name);
    }

    [Fact]
    public void Model_resolves_best_then_last_then_the_only_checkpoint()
    {
        using var temp = RepoPaths.NewTempFolder();
        var run = RunFolder.CreateNew(temp.Path, "r");
        Assert.Throws<HipFxDataException>(() => RunFolder.ResolveModel(run.Path));
        File.WriteAllText(Path.Combine(run.Path, "imported.safetensors"), "");
        Assert.Equal(Path.Combine(run.Path, "imported.safetensors"), RunFolder.ResolveModel(run.Path).Checkpoint);
        File.WriteAllText(run.LastCheckpoint, "");
        Assert.Equal(run.LastCheckpoint, RunFolder.ResolveModel(run.Path).Checkpoint);
        File.WriteAllText(run.BestCheckpoint, "");
        var resolved = RunFolder.ResolveModel(run.Path);
        Assert.Equal(run.BestCheckpoint, resolved.Checkpoint);
        Assert.Equal(run.Path, resolved.Run.Path);

        var byFile = RunFolder.ResolveModel(run.LastCheckpoint);
        Assert.Equal(run.LastCheckpoint, byFile.Checkpoint);
        Assert.Equal(run.TauFile, byFile.Run.TauFile);

        var error = Assert.Throws<HipFxConfigException>(() => RunFolder.ResolveModel(temp.File("missing"), "--weights"));
        Assert.Contains("--weights", error.Message);
    }

    [Fact]
    public void Legacy_weights_folder_is_still_found_and_tau_stays_in_the_run_folder()
    {
        using var temp = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(temp.File("weights"));
        File.WriteAllText(Path.Combine(temp.Path, "weights", "best.safetensors"), "");
        var resolved = RunFolder.ResolveModel(temp.Path);
        Assert.Equal(Path.Combine(temp.Path, "weights", "best.safetensors"), resolved.Checkpoint);
        Assert.Equal(Path.Combine(temp.Path, "tau.json"), resolved.Run.TauFile);
    }
}
