using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Evaluation.Pipeline;
using HipFx.Model;
using HipFx.Model.Inference;
using static TorchSharp.torch;

namespace HipFx.Cli.Models;

/// <summary>
/// An <see cref="IDetector"/> over an in-memory model (training's EMA model at validation): the same pixels and
/// post-processing as <see cref="ModelDetector"/> on a checkpoint, without a file round trip. The model is fused into
/// a copy once per detector (once per validation); the given model is left in eval mode, as the trainer hands it.
/// </summary>
internal sealed class LiveModelDetector : IDetector
{
    private readonly Predictor predictor;

    public LiveModelDetector(DamoYolo model, int inputSize, IntensityMapping mapping, int batchSize)
    {
        predictor = new Predictor(model, new PredictorOptions { InputWidth = inputSize, InputHeight = inputSize });
        Mapping = mapping;
        BatchSize = Math.Max(1, batchSize);
    }

    public string Description => "EMA model (in memory)";

    public int BatchSize { get; }

    public IntensityMapping Mapping { get; }

    public IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<string> imageFiles) =>
        Detect(imageFiles.Select(f => RadiographLoader.Load(f)).ToList());

    public IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<RadiographImage> images)
    {
        using var scope = NewDisposeScope();
        var tensors = images.Select(image => tensor(Mapping.MapToRgbPlanes(image), [3, image.Height, image.Width])).ToList();
        return predictor.Predict(tensors);
    }

    public void Dispose() => predictor.Dispose();
}
