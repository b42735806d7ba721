using System.Globalization;
using HipFx.Model;
using HipFx.Model.Weights;
using HipFx.Training.Loop;

namespace HipFx.Training.Checkpoints;

/// <summary>
/// <c>best.safetensors</c> and <c>last.safetensors</c>: the EMA weights in the hipfx checkpoint format
/// (Weights/CHECKPOINT.md), with the classes, input size and intensity mapping the model needs, the resolved
/// config, and notes naming the epoch, iteration and validation metric. Written to a temporary file and renamed.
/// </summary>
public static class WeightsCheckpoint
{
    public static void Write(string path, DamoYolo ema, TrainRunSetup setup, int epoch, long iteration, ValidationSummary? validation)
    {
        var notes = new Dictionary<string, string>
        {
            ["weights"] = setup.Options.Ema.Enabled ? "ema" : "raw",
            ["epoch"] = epoch.ToString(CultureInfo.InvariantCulture),
            ["iteration"] = iteration.ToString(CultureInfo.InvariantCulture),
            ["init_weights"] = setup.Options.InitWeights ?? "official init",
        };
        if (validation is not null)
        {
            notes["metric"] = setup.Options.Validation.BestMetric.ToKey();
            notes["metric_value"] = validation.Metric.ToString("R", CultureInfo.InvariantCulture);
            notes["val_ap50"] = validation.Ap50.ToString("R", CultureInfo.InvariantCulture);
            notes["val_ap50_95"] = validation.Ap50To95.ToString("R", CultureInfo.InvariantCulture);
            notes["val_tau"] = validation.Tau.ToString("R", CultureInfo.InvariantCulture);
        }
        var metadata = new ModelMetadata
        {
            Classes = setup.Classes,
            InputWidth = setup.InputSize,
            InputHeight = setup.InputSize,
            IntensityMapping = setup.IntensityMapping,
            Config = setup.ConfigText,
            Notes = notes,
        };
        ModelCheckpoint.Save(path, ema, metadata);
    }
}
