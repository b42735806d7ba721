using System.Diagnostics;
using HipFx.Data.Runs;
using HipFx.Tests;
using HipFx.Training.Checkpoints;
using HipFx.Training.Tests.Fakes;

namespace HipFx.Training.Tests.Loop;

/// <summary>
/// Kills a real training process with SIGKILL in the middle of an epoch, resumes it in a new process, and checks the
/// final raw weights, EMA weights and tau.json equal those of an uninterrupted run (tiny deterministic CPU recipe,
/// 1 thread): the resume folder holds everything the run needs.
/// </summary>
public sealed class ProcessKillResumeTests
{
    private const int Epochs = 2;
    private const int Batches = 6;
    private const int ResumeEvery = 2;

    [Fact]
    [Trait("Category", "Slow")]
    public void A_run_killed_mid_epoch_and_resumed_ends_with_the_weights_of_an_uninterrupted_run()
    {
        using var temp = RepoPaths.NewTempFolder();
        var straight = new RunFolder(Path.Combine(temp.Path, "straight"));
        var killed = new RunFolder(Path.Combine(temp.Path, "killed"));

        Assert.Contains("done", RunHost(straight.Path, resume: false, killAfterStep: null));
        // Step 5 is the fifth of six in epoch 1; the resume state on disk is then from iteration 4 (mid-epoch).
        string firstLife = RunHost(killed.Path, resume: false, killAfterStep: 5);
        Assert.DoesNotContain("done", firstLife);
        var state = ResumeFolder.ReadState(killed.Path);
        Assert.Equal(0, state.Epoch);
        Assert.True(state.NextBatch is > 0 and < Batches, $"resume state should be mid-epoch, is at batch {state.NextBatch}");

        string secondLife = RunHost(killed.Path, resume: true, killAfterStep: null);
        Assert.Contains($"start {state.Iteration}", secondLife);
        Assert.Contains("done", secondLife);

        foreach (string file in new[] { "model.safetensors", "ema.safetensors" })
        {
            Assert.Empty(Weights.Differences(Path.Combine(straight.ResumeFolder, file), Path.Combine(killed.ResumeFolder, file)));
        }
        Assert.Empty(Weights.Differences(straight.LastCheckpoint, killed.LastCheckpoint));
        Assert.Empty(Weights.Differences(straight.BestCheckpoint, killed.BestCheckpoint));
        Assert.Equal(HipFx.Evaluation.Metrics.TauSelection.Read(straight.TauFile).Tau, HipFx.Evaluation.Metrics.TauSelection.Read(killed.TauFile).Tau);
    }

    /// <summary>Runs the test host; with <paramref name="killAfterStep"/>, SIGKILLs it once it reports that step. Returns its output.</summary>
    private static string RunHost(string runDir, bool resume, int? killAfterStep)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "exec", typeof(TrainHost).Assembly.Location, "train-host", runDir, $"{Epochs}", $"{Batches}", $"{ResumeEvery}" })
        {
            start.ArgumentList.Add(a);
        }
        if (resume)
        {
            start.ArgumentList.Add("--resume");
        }
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var stderr = process.StandardError.ReadToEndAsync();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            output.AppendLine(line);
            if (killAfterStep is { } k && line == $"step {k}")
            {
                process.Kill(entireProcessTree: false);   // SIGKILL on Linux: no handler, no finally
                break;
            }
        }
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill();
            throw new TimeoutException("the training host did not finish in 5 minutes:\n" + output);
        }
        if (killAfterStep is null && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the training host failed ({process.ExitCode}):\n{output}\n{stderr.Result}");
        }
        return output.ToString();
    }
}
