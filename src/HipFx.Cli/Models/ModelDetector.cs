using System.Globalization;
using System.Text.RegularExpressions;
using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Evaluation.Pipeline;
using HipFx.Model.Inference;
using HipFx.Model.Weights;
using static TorchSharp.torch;

namespace HipFx.Cli.Models;

/// <summary>
/// An <see cref="IDetector"/> over a hipfx checkpoint: loads the model (strict keys and shapes), takes each image
/// decoded by the data layer's loader (decoding it itself when given a path), maps intensities as the checkpoint records, and runs the model's
/// <see cref="Predictor"/> in batches. Boxes come back in original-image pixels.
/// </summary>
internal sealed partial class ModelDetector : IDetector
{
    private readonly LoadedModel loaded;
    private readonly Predictor predictor;

    public ModelDetector(string checkpoint, Device device, int batchSize)
    {
        loaded = ModelCheckpoint.Load(checkpoint, device);
        var expected = ClassNames.FractureClasses.Select(c => c.Name()).ToList();
        if (!loaded.Metadata.Classes.SequenceEqual(expected))
        {
            loaded.Model.Dispose();
            throw new HipFxDataException(
                $"the model's classes are [{string.Join(", ", loaded.Metadata.Classes)}]; the fracture detector needs [{string.Join(", ", expected)}]",
                checkpoint, "__metadata__.hipfx.classes");
        }
        predictor = new Predictor(loaded.Model, new PredictorOptions
        {
            InputWidth = loaded.Metadata.InputWidth,
            InputHeight = loaded.Metadata.InputHeight,
        });
        Mapping = ParseMapping(loaded.Metadata.IntensityMapping);
        BatchSize = Math.Max(1, batchSize);
        Description = checkpoint;
    }

    public string Description { get; }

    public int BatchSize { get; }

    /// <summary>How this model's input intensities are made (also used to draw overlays).</summary>
    public IntensityMapping Mapping { get; }

    public IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<string> imageFiles) =>
        Detect(imageFiles.Select(f => RadiographLoader.Load(f)).ToList());

    /// <summary>Detections of images already decoded by the caller (predict reuses them for the overlay).</summary>
    public IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<RadiographImage> images)
    {
        using var scope = NewDisposeScope();
        var tensors = images.Select(image => tensor(Mapping.MapToRgbPlanes(image), [3, image.Height, image.Width])).ToList();
        return predictor.Predict(tensors);
    }

    /// <summary>Reads the data layer's mapping description (bit_depth, min_max, percentile(a,b), window(a,b)); others mean bit_depth.</summary>
    internal static IntensityMapping ParseMapping(string text)
    {
        var m = MappingPattern().Match(text.Trim());
        if (!m.Success)
        {
            return IntensityMapping.Default;
        }
        string mode = m.Groups["mode"].Value;
        double A() => double.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture);
        double B() => double.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture);
        return mode switch
        {
            "min_max" => new IntensityMapping { Mode = IntensityMode.MinMax },
            "percentile" when m.Groups["a"].Success => new IntensityMapping { Mode = IntensityMode.Percentile, LowPercentile = A(), HighPercentile = B() },
            "window" when m.Groups["a"].Success => new IntensityMapping { Mode = IntensityMode.Window, WindowLow = A(), WindowHigh = B() },
            _ => IntensityMapping.Default,
        };
    }

    [GeneratedRegex(@"^(?<mode>bit_depth|min_max|percentile|window)(\((?<a>[-0-9.eE+]+),\s*(?<b>[-0-9.eE+]+)\))?$")]
    private static partial Regex MappingPattern();

    public void Dispose()
    {
        predictor.Dispose();
        loaded.Model.Dispose();
    }
}
