using HipFx.Data.Runs;
using HipFx.Training.Loop;
using TorchSharp.Modules;
using static TorchSharp.torch.utils.tensorboard;

namespace HipFx.Training.Reporting;

/// <summary>
/// TensorBoard event files in <c>tensorboard/</c> (TorchSharp's SummaryWriter; <c>tensorboard --logdir runs</c>):
/// per step <c>train/loss*</c> and <c>train/lr</c> at the global iteration, per epoch <c>epoch/*</c> and the
/// validation metrics <c>val/*</c> at the epoch. A resumed run adds a new event file; TensorBoard merges them.
/// </summary>
public sealed class TensorBoardObserver(RunFolder run) : TrainingObserverBase
{
    private SummaryWriter? writer;

    public override void RunStarted(TrainingPlan plan) => writer = SummaryWriter(run.TensorBoardFolder);

    public override void StepCompleted(StepProgress p)
    {
        if (writer is null || p.Skipped)
        {
            return;
        }
        int step = checked((int)p.Iteration);
        Scalar("train/loss", p.Loss, step);
        Scalar("train/loss_cls", p.LossCls, step);
        Scalar("train/loss_bbox", p.LossBbox, step);
        Scalar("train/loss_dfl", p.LossDfl, step);
        Scalar("train/lr", p.Lr, step);
    }

    public override void EpochEnded(EpochSummary s)
    {
        Scalar("epoch/loss", s.Loss, s.Epoch);
        Scalar("epoch/images_per_s", s.ImagesPerSecond, s.Epoch);
        if (s.Validation is { } v)
        {
            Scalar("val/ap50", v.Ap50, s.Epoch);
            Scalar("val/ap50_95", v.Ap50To95, s.Epoch);
            Scalar("val/macro_se", v.MacroSensitivity, s.Epoch);
            Scalar("val/macro_sp", v.MacroSpecificity, s.Epoch);
            Scalar("val/tau", v.Tau, s.Epoch);
        }
    }

    private void Scalar(string tag, double value, int step)
    {
        if (writer is not null && double.IsFinite(value))
        {
            // wall time in seconds since 1970, as TensorBoard expects (the writer's default is 0)
            writer.add_scalar(tag, (float)value, step, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }
    }
}
