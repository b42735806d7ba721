using HipFx.Core;
using HipFx.Data.Runs;
using HipFx.Evaluation.Metrics;
using HipFx.Model;
using HipFx.Model.Weights;
using HipFx.Tests;
using HipFx.Training.Checkpoints;
using HipFx.Training.Loop;
using HipFx.Training.Tests.Fakes;

namespace HipFx.Training.Tests.Loop;

public sealed class TrainRunnerTests
{
    public TrainRunnerTests() => TinyRun.Deterministic();

    [Fact]
    public void A_run_writes_last_best_resume_and_locks_tau_from_the_best_epoch()
    {
        using var temp = RepoPaths.NewTempFolder();
        var run = new RunFolder(Path.Combine(temp.Path, "run"));
        var observer = new RecordingObserver();
        var validator = new WeightsValidator([0.30, 0.20]);
        var outcome = new TrainRunner(TinyRun.Setup(run.Path, TinyRun.Options(epochs: 2), batchesPerEpoch: 2, validator: validator), observer).Run();

        Assert.Equal(TrainingEnd.Completed, outcome.End);
        Assert.Equal(4, outcome.Iterations);
        Assert.Equal(1, outcome.BestEpoch);
        Assert.Equal(4, observer.Steps.Count);
        Assert.Equal([1, 2], observer.Epochs.Select(e => e.Epoch));
        Assert.All(observer.Epochs, e => Assert.NotNull(e.Validation));
        Assert.True(observer.Validations[0].IsBest);
        Assert.False(observer.Validations[1].IsBest);
        Assert.Equal([false, false], validator.SeenTraining);
        Assert.Equal(0.0, observer.Steps[0].Lr);           // warm-up starts at 0
        Assert.True(observer.Steps[1].Lr > 0);

        var tau = TauSelection.Read(run.TauFile);
        Assert.Equal(0.25 + 0.5 * 0.30, tau.Tau, 12);      // the best epoch's τ, not the last one's
        var best = ModelCheckpoint.ReadMetadata(run.BestCheckpoint);
        Assert.Equal("1", best.Notes["epoch"]);
        Assert.Equal("ap50", best.Notes["metric"]);
        var last = ModelCheckpoint.ReadMetadata(run.LastCheckpoint);
        Assert.Equal("2", last.Notes["epoch"]);
        Assert.Equal(TinyRun.Classes, last.Classes);
        Assert.Equal(TinyRun.Size, last.InputWidth);
        Assert.NotNull(last.Config);
        using var loaded = ModelCheckpoint.Load(run.LastCheckpoint).Model;   // loads strictly: a usable checkpoint
        Assert.Equal(4, loaded.NumClasses);
        var state = ResumeFolder.ReadState(run.Path);
        Assert.Equal((2, 0, 4L), (state.Epoch, state.NextBatch, state.Iteration));
    }

    [Fact]
    public void A_non_finite_step_is_skipped_with_a_warning_and_too_many_stop_the_run()
    {
        using var temp = RepoPaths.NewTempFolder();
        var observer = new RecordingObserver();
        PoisonedStep? step = null;
        var setup = TinyRun.Setup(Path.Combine(temp.Path, "nan"), TinyRun.Options(epochs: 2, maxNonFinite: 2), batchesPerEpoch: 3,
            step: m =>
            {
                step = new PoisonedStep(m);
                foreach (int call in new[] { 1, 3, 4 })
                {
                    step.PoisonAt.Add(call);
                }
                return step;
            });
        var e = Assert.Throws<HipFxDataException>(() => new TrainRunner(setup, observer).Run());
        Assert.Contains("train.max_nonfinite_steps", e.Message);
        Assert.Equal(3, observer.Warnings.Count);
        Assert.Equal([false, true, false, true], observer.Steps.Select(s => s.Skipped)); // the third skip throws before its report
        Assert.Single(observer.Epochs);
        Assert.Equal(1, observer.Epochs[0].SkippedSteps);
        Assert.True(double.IsFinite(observer.Epochs[0].Loss));
    }

    [Fact]
    public void A_skipped_step_leaves_the_weights_and_momentum_untouched()
    {
        using var temp = RepoPaths.NewTempFolder();
        PoisonedStep? step = null;
        Dictionary<string, TorchSharp.torch.Tensor>? afterFirst = null;
        Dictionary<string, TorchSharp.torch.Tensor>? afterSecond = null;
        var setup = TinyRun.Setup(Path.Combine(temp.Path, "skip"), TinyRun.Options(epochs: 1), batchesPerEpoch: 2,
            step: m =>
            {
                step = new PoisonedStep(m);
                step.PoisonAt.Add(1);
                return step;
            });
        var observing = new RecordingObserver
        {
            OnStep = p =>
            {
                var snapshot = Weights.Snapshot(step!.Model);
                if (p.Iteration == 1)
                {
                    afterFirst = snapshot;
                }
                else
                {
                    afterSecond = snapshot;
                }
            },
        };
        new TrainRunner(setup, observing).Run();
        Assert.NotNull(afterFirst);
        Assert.NotNull(afterSecond);
        var trainable = step!.Model.named_parameters().Select(p => p.name).ToList();
        Assert.All(trainable, k => Assert.True(Weights.Same(afterFirst![k], afterSecond![k]), k));
    }

    [Fact]
    public void Cancelling_mid_epoch_writes_last_and_resume_and_the_resumed_run_ends_like_an_uninterrupted_one()
    {
        using var temp = RepoPaths.NewTempFolder();
        var straight = new RunFolder(Path.Combine(temp.Path, "straight"));
        new TrainRunner(TinyRun.Setup(straight.Path, TinyRun.Options(epochs: 2), batchesPerEpoch: 3), new RecordingObserver()).Run();

        var broken = new RunFolder(Path.Combine(temp.Path, "broken"));
        using var cts = new CancellationTokenSource();
        var first = new RecordingObserver { OnStep = p => { if (p.Iteration == 4) { cts.Cancel(); } } };
        var cancelled = new TrainRunner(TinyRun.Setup(broken.Path, TinyRun.Options(epochs: 2), batchesPerEpoch: 3), first).Run(cts.Token);
        Assert.Equal(TrainingEnd.Cancelled, cancelled.End);
        Assert.True(File.Exists(broken.LastCheckpoint));
        var state = ResumeFolder.ReadState(broken.Path);
        Assert.Equal((1, 1, 4L), (state.Epoch, state.NextBatch, state.Iteration));

        var second = new RecordingObserver();
        var resumed = new TrainRunner(TinyRun.Setup(broken.Path, TinyRun.Options(epochs: 2), batchesPerEpoch: 3, resume: true), second).Run();
        Assert.Equal(TrainingEnd.Completed, resumed.End);
        Assert.Equal(4, second.Plan!.StartIteration);
        Assert.Equal(2, second.Steps.Count);
        Assert.Empty(Weights.Differences(Path.Combine(straight.ResumeFolder, "model.safetensors"), Path.Combine(broken.ResumeFolder, "model.safetensors")));
        Assert.Empty(Weights.Differences(Path.Combine(straight.ResumeFolder, "ema.safetensors"), Path.Combine(broken.ResumeFolder, "ema.safetensors")));
        Assert.Empty(Weights.Differences(straight.LastCheckpoint, broken.LastCheckpoint));
        Assert.Equal(TauSelection.Read(straight.TauFile).Tau, TauSelection.Read(broken.TauFile).Tau);
    }

    [Fact]
    public void Resume_refuses_a_changed_recipe_and_a_fresh_run_refuses_an_existing_one()
    {
        using var temp = RepoPaths.NewTempFolder();
        string dir = Path.Combine(temp.Path, "r");
        new TrainRunner(TinyRun.Setup(dir, TinyRun.Options(epochs: 1), batchesPerEpoch: 1), new RecordingObserver()).Run();
        var fresh = Assert.Throws<HipFxConfigException>(() =>
            new TrainRunner(TinyRun.Setup(dir, TinyRun.Options(epochs: 1), batchesPerEpoch: 1), new RecordingObserver()).Run());
        Assert.Contains("--resume", fresh.Message);
        var changed = Assert.Throws<HipFxConfigException>(() =>
            new TrainRunner(TinyRun.Setup(dir, TinyRun.Options(epochs: 3), batchesPerEpoch: 1, resume: true), new RecordingObserver()).Run());
        Assert.StartsWith("train.epochs:", changed.Message);
    }
}
