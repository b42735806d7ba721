using System.Diagnostics;
using System.Globalization;
using HipFx.Core;
using HipFx.Data.Runs;
using HipFx.Model;
using HipFx.Training.Checkpoints;
using HipFx.Training.Ema;
using HipFx.Training.Optim;
using HipFx.Training.Pipeline;
using HipFx.Training.Schedule;
using HipFx.Training.Step;
using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Training.Loop;

/// <summary>
/// <c>hipfx train</c>'s loop: builds the model (official init or <c>init_weights</c>), the optimizer with its param
/// groups, the schedule and the EMA; runs epochs of steps (lr set every iteration, one dispose scope per step,
/// non-finite steps skipped); validates the EMA model; writes last/best/resume atomically; locks tau.json at the
/// end. Resumes exactly from last.resume/. Cancellation (Ctrl+C) stops after writing last.resume/ and last.
/// </summary>
public sealed class TrainRunner(TrainRunSetup setup, ITrainingObserver observer)
{
    private readonly TrainRunSetup setup = setup;
    private readonly ITrainingObserver observer = observer;
    private readonly TrainOptions options = setup.Options.Validated();
    private readonly RunFolder run = new(setup.RunDirectory);

    /// <summary>Runs (or resumes) the training; returns how it ended. Failures throw HipFx exceptions.</summary>
    public TrainingOutcome Run(CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(run.Path);
        ResumeState? resume = setup.Resume ? ResumeFolder.ReadState(run.Path) : null;
        if (!setup.Resume && ResumeFolder.Exists(run.Path))
        {
            throw new HipFxConfigException($"{run.Path} already holds a run ({RunFolder.ResumeFolderName}/); continue it with --resume or choose another run name");
        }

        manual_seed(options.Seed);
        using var initial = DamoYolo.Tiny(setup.Classes.Count);
        if (options.InitWeights is not null)
        {
            StartingWeights.Load(initial, options.InitWeights);
        }
        using var step = setup.Step(initial);
        var model = step.Model;
        model.train();
        using var ema = new ModelEma(model, () => DamoYolo.Tiny(setup.Classes.Count), options.Ema);
        using var optimizer = ParamGroups.CreateSgd(model, options.Optimizer);
        using var source = setup.BatchSource();
        using var validator = setup.Validator?.Invoke();
        if (source.BatchesPerEpoch < 1)
        {
            throw new HipFxConfigException(
                $"{TrainOptions.Section}.batch_size: {options.BatchSize} is larger than the {source.ImageCount} training images (no full batch per epoch)");
        }
        var schedule = new LrSchedule(options.Schedule, options.BaseLr, source.BatchesPerEpoch);
        var state = resume ?? new ResumeState
        {
            Epoch = 0,
            NextBatch = 0,
            Iteration = 0,
            BatchSize = options.BatchSize,
            BatchesPerEpoch = source.BatchesPerEpoch,
            Epochs = options.Schedule.Epochs,
            Seed = options.Seed,
        };
        if (resume is not null)
        {
            CheckSameRecipe(resume, source.BatchesPerEpoch);
            ResumeFolder.Restore(run.Path, model, ema.Model, optimizer);
            step.SyncReplicas();
        }

        observer.RunStarted(new TrainingPlan(run.Path, options.Schedule.Epochs, source.BatchesPerEpoch, options.BatchSize,
            source.ImageCount, validator?.ImageCount ?? 0, options.BaseLr, state.Epoch + 1, state.Iteration, resume is not null,
            options.InitWeights, model.parameters().Sum(p => p.numel())));

        var loop = new Session(this, step, model, ema, optimizer, source, validator, schedule);
        while (state.Epoch < options.Schedule.Epochs)
        {
            state = loop.RunEpoch(state, cancellation, out bool cancelled);
            if (cancelled)
            {
                return End(TrainingEnd.Cancelled, state, clock);
            }
        }
        if (state.BestTau is not null)
        {
            state.BestTau.Write(run.TauFile);
            observer.CheckpointWritten(new CheckpointWritten(CheckpointKind.Tau, run.TauFile, state.BestEpoch ?? state.Epoch, state.Iteration));
        }
        return End(TrainingEnd.Completed, state, clock);
    }

    private TrainingOutcome End(TrainingEnd end, ResumeState state, Stopwatch clock)
    {
        var outcome = new TrainingOutcome(end, state.Epoch, state.Iteration, state.BestEpoch, state.BestMetric,
            end == TrainingEnd.Completed ? state.BestTau?.Tau : null, clock.Elapsed.TotalSeconds);
        observer.RunEnded(outcome);
        return outcome;
    }

    private void CheckSameRecipe(ResumeState saved, int batchesPerEpoch)
    {
        void Same<T>(string key, T before, T now)
        {
            if (!EqualityComparer<T>.Default.Equals(before, now))
            {
                throw new HipFxConfigException(
                    $"{key}: the run was started with {before}, the config now says {now}; --resume continues the same recipe (start a new run to change it)");
            }
        }
        Same($"{TrainOptions.Section}.batch_size", saved.BatchSize, options.BatchSize);
        Same($"{TrainOptions.Section}.seed", saved.Seed, options.Seed);
        Same($"{ScheduleOptions.Section}.epochs", saved.Epochs, options.Schedule.Epochs);
        Same("training images per epoch (batches)", saved.BatchesPerEpoch, batchesPerEpoch);
    }

    /// <summary>The live objects of one run and what each epoch does with them.</summary>
    private sealed class Session(
        TrainRunner owner,
        ITrainStep step,
        DamoYolo model,
        ModelEma ema,
        optim.Optimizer optimizer,
        ITrainingBatchSource source,
        ITrainValidator? validator,
        LrSchedule schedule)
    {
        private readonly TrainOptions options = owner.options;
        private readonly ITrainingObserver observer = owner.observer;
        private readonly RunFolder run = owner.run;

        /// <summary>Runs the rest of <c>state.Epoch</c>; returns the state after it (or at the cancellation point).</summary>
        public ResumeState RunEpoch(ResumeState state, CancellationToken cancellation, out bool cancelled)
        {
            cancelled = false;
            int epoch = state.Epoch;
            var totals = state.Totals;
            long iteration = state.Iteration;
            int nextBatch = state.NextBatch;
            int skippedRun = state.SkippedSteps;
            var timer = Stopwatch.StartNew();
            double secondsBefore = totals.Seconds;

            ResumeState Snapshot() => state with
            {
                NextBatch = nextBatch,
                Iteration = iteration,
                SkippedSteps = skippedRun,
                Totals = totals with { Seconds = secondsBefore + timer.Elapsed.TotalSeconds },
            };

            try
            {
                foreach (var batch in source.Epoch(epoch, nextBatch, cancellation))
                {
                    using (batch)
                    {
                        if (cancellation.IsCancellationRequested)
                        {
                            cancelled = true;
                            break;
                        }
                        if (batch.Index != nextBatch || batch.Epoch != epoch)
                        {
                            throw new InvalidOperationException($"the batch source gave epoch {batch.Epoch} batch {batch.Index}, expected {epoch}/{nextBatch}");
                        }
                        double lr = schedule.At(iteration);
                        var result = Step(batch, lr, iteration);
                        if (result.Finite)
                        {
                            totals = totals with
                            {
                                AppliedSteps = totals.AppliedSteps + 1,
                                Loss = totals.Loss + result.Total,
                                Cls = totals.Cls + result.Cls,
                                Bbox = totals.Bbox + result.Bbox,
                                Dfl = totals.Dfl + result.Dfl,
                            };
                        }
                        else
                        {
                            skippedRun++;
                            totals = totals with { SkippedSteps = totals.SkippedSteps + 1 };
                            observer.Warning(string.Create(CultureInfo.InvariantCulture,
                                $"epoch {epoch + 1} batch {batch.Index}: non-finite loss or gradients (loss {result.Total}); step skipped ({skippedRun} of at most {options.MaxNonFiniteSteps})"));
                            if (skippedRun > options.MaxNonFiniteSteps)
                            {
                                throw new HipFxDataException(string.Create(CultureInfo.InvariantCulture,
                                    $"training stopped: {skippedRun} steps had a non-finite loss or gradients (more than {TrainOptions.Section}.max_nonfinite_steps = {options.MaxNonFiniteSteps}); "
                                    + $"the last good state is in {RunFolder.ResumeFolderName}/. Lower {OptimizerOptions.Section}.lr_per_image or check the data"),
                                    run.Path);
                            }
                        }
                        totals = totals with { Images = totals.Images + batch.Count, LastLr = lr };
                        iteration++;
                        nextBatch = batch.Index + 1;
                        double seconds = secondsBefore + timer.Elapsed.TotalSeconds;
                        observer.StepCompleted(new StepProgress(epoch + 1, batch.Index, source.BatchesPerEpoch, iteration,
                            result.Total, result.Cls, result.Bbox, result.Dfl, lr, seconds > 0 ? totals.Images / seconds : 0,
                            Environment.WorkingSet, !result.Finite));
                        int every = options.Checkpoints.ResumeEveryIterations;
                        if (every > 0 && iteration % every == 0 && nextBatch < source.BatchesPerEpoch)
                        {
                            WriteResume(Snapshot(), epoch + 1);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                cancelled = true;
            }
            if (cancelled || cancellation.IsCancellationRequested && nextBatch < source.BatchesPerEpoch)
            {
                cancelled = true;
                var partial = Snapshot();
                WriteResume(partial, epoch + 1);
                WriteLast(epoch, iteration, null);
                return partial;
            }
            if (nextBatch != source.BatchesPerEpoch)
            {
                throw new InvalidOperationException($"the batch source ended epoch {epoch} after batch {nextBatch} of {source.BatchesPerEpoch}");
            }
            return EndEpoch(Snapshot(), epoch, cancellation);
        }

        /// <summary>One step in one dispose scope: lr, forward/loss/backward (the step), optimizer, EMA, replica sync.</summary>
        private StepResult Step(TrainingBatch batch, double lr, long iteration)
        {
            using var scope = NewDisposeScope();
            ParamGroups.SetLearningRate(optimizer, lr);
            var result = step.Run(batch);
            if (!result.Finite)
            {
                optimizer.zero_grad();
                return result;
            }
            optimizer.step();
            ema.Update(iteration);
            step.SyncReplicas();
            return result;
        }

        private ResumeState EndEpoch(ResumeState state, int epoch, CancellationToken cancellation)
        {
            var totals = state.Totals;
            ValidationSummary? validation = null;
            var next = state;
            if (validator is not null && options.Validation.IsDue(epoch + 1, options.Schedule.Epochs))
            {
                var clock = Stopwatch.StartNew();
                ValidationMetrics metrics;
                using (no_grad())
                {
                    metrics = validator.Validate(ema.Model, cancellation);
                }
                double value = metrics.Get(options.Validation.BestMetric);
                bool best = options.Checkpoints.SaveBest && IsBetter(value, state.BestMetric);
                validation = new ValidationSummary(epoch + 1, metrics.Ap50, metrics.Ap50To95, metrics.MacroSensitivity,
                    metrics.MacroSpecificity, metrics.Tau.Tau, value, best, clock.Elapsed.TotalSeconds);
                observer.Validated(validation);
                if (best)
                {
                    WeightsCheckpoint.Write(run.BestCheckpoint, ema.Model, owner.setup, epoch + 1, state.Iteration, validation);
                    observer.CheckpointWritten(new CheckpointWritten(CheckpointKind.Best, run.BestCheckpoint, epoch + 1, state.Iteration));
                    next = next with { BestEpoch = epoch + 1, BestMetric = value, BestTau = metrics.Tau };
                }
            }
            WriteLast(epoch, state.Iteration, validation);
            next = next with { Epoch = epoch + 1, NextBatch = 0, Totals = new EpochTotals() };
            WriteResume(next, epoch + 1);
            int applied = Math.Max(totals.AppliedSteps, 1);
            observer.EpochEnded(new EpochSummary(epoch + 1, state.Iteration, totals.LastLr, totals.Loss / applied,
                totals.Cls / applied, totals.Bbox / applied, totals.Dfl / applied,
                totals.Seconds > 0 ? totals.Images / totals.Seconds : 0, totals.Seconds, totals.SkippedSteps, validation));
            return next;
        }

        /// <summary>A first value is always best; a number beats NaN (a metric undefined on the split); then higher wins.</summary>
        private static bool IsBetter(double value, double? previous) =>
            previous is not { } p || (double.IsNaN(p) && !double.IsNaN(value)) || value > p;

        private void WriteLast(int epoch, long iteration, ValidationSummary? validation)
        {
            WeightsCheckpoint.Write(run.LastCheckpoint, ema.Model, owner.setup, epoch + 1, iteration, validation);
            observer.CheckpointWritten(new CheckpointWritten(CheckpointKind.Last, run.LastCheckpoint, epoch + 1, iteration));
        }

        private void WriteResume(ResumeState state, int epoch)
        {
            ResumeFolder.Write(run.Path, state, model, ema.Model, optimizer);
            observer.CheckpointWritten(new CheckpointWritten(CheckpointKind.Resume, run.ResumeFolder, epoch, state.Iteration));
        }
    }
}
