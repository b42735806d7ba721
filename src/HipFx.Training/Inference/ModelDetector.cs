using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Evaluation.Pipeline;
using HipFx.Model;
using HipFx.Model.Inference;
using HipFx.Model.Weights;
using static TorchSharp.torch;

namespace HipFx.Training.Inference;

/// <summary>
/// The model-backed <see cref="IDetector"/>: DAMO-YOLO-T on decoded radiographs, boxes in original-image pixels.
/// Pixels are made on the host by <see cref="ModelInput"/> (the shared <see cref="ModelInputImage"/> rule), so
/// prediction sees exactly the bytes the training cache stores for the same image; the three input channels are one
/// gray plane. Two ways in:
/// <list type="bullet">
/// <item><see cref="Open"/>: a hipfx checkpoint, loaded once, its RepConvs fused once (the deploy form), owned.</item>
/// <item><see cref="ForModel"/>: a live in-memory model (the trainer's EMA model): not owned, run unfused, its
/// train/eval mode switched to eval for each batch and restored after. Unfused because fusing would build a second
/// model on the device at every validation while the optimizer state is there too, and the fused form only agrees
/// within float noise, while the unfused one scores the weights exactly as they are trained.</item>
/// </list>
/// </summary>
public sealed class ModelDetector : IDetector
{
    private readonly DamoYolo network;
    private readonly bool ownsNetwork;
    private readonly Predictor predictor;

    private ModelDetector(DamoYolo network, bool ownsNetwork, ModelInput input, int batchSize, string description, PostProcessOptions? postProcess)
    {
        var expected = Enum.GetValues<FractureClass>().Length;
        if (network.NumClasses != expected)
        {
            throw new ArgumentException($"the model has {network.NumClasses} classes; the fracture detector needs {expected}", nameof(network));
        }
        input.Mapping.Validate();
        this.network = network;
        this.ownsNetwork = ownsNetwork;
        Input = input;
        BatchSize = Math.Max(1, batchSize);
        Description = description;
        predictor = new Predictor(network, new PredictorOptions
        {
            InputWidth = input.Width,
            InputHeight = input.Height,
            PostProcess = postProcess ?? new PostProcessOptions(),
            Fuse = false,
        });
    }

    /// <summary>
    /// Opens a hipfx checkpoint onto <paramref name="device"/>: strict keys and shapes, the four fracture classes,
    /// the recorded intensity mapping read strictly (<see cref="IntensityMapping.TryParse"/>); any of these wrong is a
    /// <see cref="HipFxDataException"/> naming the checkpoint. A training-form checkpoint is fused here, once.
    /// </summary>
    public static ModelDetector Open(string checkpoint, Device? device = null, int batchSize = 8, PostProcessOptions? postProcess = null)
    {
        var metadata = ModelCheckpoint.ReadMetadata(checkpoint);
        var expected = ClassNames.FractureClasses.Select(c => c.Name()).ToList();
        if (!metadata.Classes.SequenceEqual(expected))
        {
            throw new HipFxDataException(
                $"the model's classes are [{string.Join(", ", metadata.Classes)}]; the fracture detector needs [{string.Join(", ", expected)}]",
                checkpoint, "__metadata__.hipfx.classes");
        }
        if (!IntensityMapping.TryParse(metadata.IntensityMapping, out var mapping, out string error))
        {
            throw new HipFxDataException(error, checkpoint, "__metadata__.hipfx.intensityMapping");
        }
        var loaded = ModelCheckpoint.Load(checkpoint, device);
        var network = loaded.Model;
        if (!network.IsDeploy)
        {
            var fused = RepConvFusion.ToDeploy(network);
            network.Dispose();
            network = fused;
        }
        network.eval();
        try
        {
            return new ModelDetector(network, ownsNetwork: true, new ModelInput(metadata.InputWidth, metadata.InputHeight, mapping),
                batchSize, checkpoint, postProcess);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    /// <summary>A detector over a live model (not owned; never fused; its train/eval mode is left as it was).</summary>
    public static ModelDetector ForModel(DamoYolo model, ModelInput input, int batchSize = 8, string description = "in-memory model",
        PostProcessOptions? postProcess = null) =>
        new(model, ownsNetwork: false, input, batchSize, description, postProcess);

    public string Description { get; }

    public int BatchSize { get; }

    /// <summary>Input size and intensity mapping.</summary>
    public ModelInput Input { get; }

    /// <summary>How this model's input intensities are made (also used to draw overlays).</summary>
    public IntensityMapping Mapping => Input.Mapping;

    /// <summary>Detections of decoded images, in one forward pass per call (callers batch by <see cref="BatchSize"/>).</summary>
    public IReadOnlyList<IReadOnlyList<Detection>> Detect(IReadOnlyList<RadiographImage> images)
    {
        if (images.Count == 0)
        {
            return [];
        }
        using var scope = NewDisposeScope();
        return predictor.Predict(MakeBatch(images), images.Select(i => (i.Width, i.Height)).ToList());
    }

    /// <summary>
    /// The network input for <paramref name="images"/>: N×3×H×W float32 on the model's device, each channel the
    /// bytes of <see cref="ModelInput.Prepare"/> (owned by the caller's dispose scope).
    /// </summary>
    public Tensor MakeBatch(IReadOnlyList<RadiographImage> images)
    {
        int plane = Input.Width * Input.Height;
        var bytes = new byte[checked(images.Count * plane)];
        for (int i = 0; i < images.Count; i++)
        {
            Input.Prepare(images[i]).CopyTo(bytes, i * plane);
        }
        var device = network.parameters().First().device;
        using var host = tensor(bytes, [images.Count, 1, Input.Height, Input.Width]);
        using var onDevice = host.to(device);
        using var gray = onDevice.to(ScalarType.Float32);
        return gray.expand(images.Count, 3, Input.Height, Input.Width).contiguous();
    }

    public void Dispose()
    {
        predictor.Dispose();
        if (ownsNetwork)
        {
            network.Dispose();
        }
    }
}
