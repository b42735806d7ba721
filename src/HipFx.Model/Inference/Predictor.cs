using HipFx.Core;
using HipFx.Model.Weights;
using static TorchSharp.torch;

namespace HipFx.Model.Inference;

/// <summary>
/// Runs DAMO-YOLO-T on images and returns detections in original-image pixel coordinates. Input: float RGB 0..255,
/// either a batch B×3×H×W of one size or a list of 3×H×W images of any sizes. Each image is stretched to the input
/// size (bilinear, no aspect ratio kept, as the official test transform), predicted in eval mode without gradients,
/// post-processed (<see cref="PostProcessor"/>), and its boxes are scaled back by (W/inputW, H/inputH). Every
/// tensor made per call lives in that call's dispose scope; results are managed records.
/// </summary>
public sealed class Predictor : IDisposable
{
    private readonly DamoYolo network;
    private readonly bool ownsNetwork;
    private readonly PostProcessor postProcessor;

    /// <summary>
    /// Wraps <paramref name="model"/>, whose train/eval mode is never changed for good: with
    /// <see cref="PredictorOptions.Fuse"/> (and a model not yet fused) a fused copy is made, owned and kept in eval
    /// mode; otherwise the model itself is used, switched to eval mode for each prediction and switched back after.
    /// </summary>
    public Predictor(DamoYolo model, PredictorOptions? options = null)
    {
        Options = options ?? new PredictorOptions();
        Options.Validate();
        if (Options.Fuse && !model.IsDeploy)
        {
            network = RepConvFusion.ToDeploy(model);
            network.eval();
            ownsNetwork = true;
        }
        else
        {
            network = model;
        }
        postProcessor = new PostProcessor(Options.PostProcess);
    }

    public PredictorOptions Options { get; }

    public int NumClasses => network.NumClasses;

    /// <summary>Detections per image of a B×3×H×W batch, as class indices (any class count).</summary>
    public IReadOnlyList<ImageDetections> PredictRaw(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != 3)
        {
            throw new ArgumentException($"expected B×3×H×W RGB images, got [{string.Join(", ", images.shape)}]", nameof(images));
        }
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long h = images.shape[2], w = images.shape[3];
        var device = network.parameters().First().device;
        var x = images.to(ScalarType.Float32).to(device);
        if (h != Options.InputHeight || w != Options.InputWidth)
        {
            x = nn.functional.interpolate(x, size: [Options.InputHeight, Options.InputWidth],
                mode: InterpolationMode.Bilinear, align_corners: false);
        }
        bool wasTraining = network.training;
        if (wasTraining)
        {
            network.eval();
        }
        IReadOnlyList<ImageDetections> detections;
        try
        {
            using var dense = network.call(x);
            detections = postProcessor.Run(dense.Scores, dense.Boxes);
        }
        finally
        {
            if (wasTraining)
            {
                network.train();
            }
        }
        float sx = (float)w / Options.InputWidth, sy = (float)h / Options.InputHeight;
        return detections.Select(d => Rescale(d, sx, sy)).ToList();
    }

    /// <summary>Detections per image for images of possibly different sizes (each 3×H×W).</summary>
    public IReadOnlyList<ImageDetections> PredictRaw(IReadOnlyList<Tensor> images)
    {
        if (images.Count == 0)
        {
            return [];
        }
        using var scope = NewDisposeScope();
        var resized = new List<Tensor>(images.Count);
        var scales = new List<(float Sx, float Sy)>(images.Count);
        var device = network.parameters().First().device;
        using (no_grad())
        {
            foreach (var image in images)
            {
                if (image.dim() != 3 || image.shape[0] != 3)
                {
                    throw new ArgumentException($"expected 3×H×W RGB images, got [{string.Join(", ", image.shape)}]", nameof(images));
                }
                var x = image.to(ScalarType.Float32).to(device).unsqueeze(0);
                resized.Add(nn.functional.interpolate(x, size: [Options.InputHeight, Options.InputWidth],
                    mode: InterpolationMode.Bilinear, align_corners: false));
                scales.Add(((float)image.shape[2] / Options.InputWidth, (float)image.shape[1] / Options.InputHeight));
            }
        }
        var raw = PredictRaw(cat(resized, dim: 0));
        return raw.Select((d, i) => Rescale(d, scales[i].Sx, scales[i].Sy)).ToList();
    }

    /// <summary>
    /// Detections per image of a B×3×H×W batch already at the input size (prepared on the host, e.g. by
    /// <c>ModelInputImage</c>), with boxes scaled back to each image's original size in <paramref name="originalSizes"/>.
    /// </summary>
    public IReadOnlyList<ImageDetections> PredictRaw(Tensor inputBatch, IReadOnlyList<(int Width, int Height)> originalSizes)
    {
        if (inputBatch.dim() != 4 || inputBatch.shape[2] != Options.InputHeight || inputBatch.shape[3] != Options.InputWidth
            || inputBatch.shape[0] != originalSizes.Count)
        {
            throw new ArgumentException(
                $"expected {originalSizes.Count}×3×{Options.InputHeight}×{Options.InputWidth} images, got [{string.Join(", ", inputBatch.shape)}]", nameof(inputBatch));
        }
        var raw = PredictRaw(inputBatch);
        return raw.Select((d, i) => Rescale(d, (float)originalSizes[i].Width / Options.InputWidth, (float)originalSizes[i].Height / Options.InputHeight)).ToList();
    }

    /// <inheritdoc cref="PredictRaw(Tensor, IReadOnlyList{ValueTuple{int, int}})"/>
    public IReadOnlyList<IReadOnlyList<Detection>> Predict(Tensor inputBatch, IReadOnlyList<(int Width, int Height)> originalSizes) =>
        ToDetections(PredictRaw(inputBatch, originalSizes));

    /// <summary>Detections as <see cref="Detection"/> records (the model must have the 4 fracture classes).</summary>
    public IReadOnlyList<IReadOnlyList<Detection>> Predict(Tensor images) => ToDetections(PredictRaw(images));

    /// <inheritdoc cref="Predict(Tensor)"/>
    public IReadOnlyList<IReadOnlyList<Detection>> Predict(IReadOnlyList<Tensor> images) => ToDetections(PredictRaw(images));

    private IReadOnlyList<IReadOnlyList<Detection>> ToDetections(IReadOnlyList<ImageDetections> raw)
    {
        int classes = Enum.GetValues<FractureClass>().Length;
        if (NumClasses != classes)
        {
            throw new InvalidOperationException(
                $"the model has {NumClasses} classes, the fracture detector {classes}: use PredictRaw for class indices");
        }
        return raw.Select(d => (IReadOnlyList<Detection>)Enumerable.Range(0, d.Count)
            .Select(i =>
            {
                var (x1, y1, x2, y2) = d.Box(i);
                return new Detection((FractureClass)d.Labels[i], d.Scores[i], new Box(x1, y1, x2, y2));
            })
            .ToList()).ToList();
    }

    private static ImageDetections Rescale(ImageDetections d, float sx, float sy)
    {
        if (sx == 1f && sy == 1f)
        {
            return d;
        }
        var boxes = new float[d.Boxes.Length];
        for (int i = 0; i < boxes.Length; i += 4)
        {
            boxes[i] = d.Boxes[i] * sx;
            boxes[i + 1] = d.Boxes[i + 1] * sy;
            boxes[i + 2] = d.Boxes[i + 2] * sx;
            boxes[i + 3] = d.Boxes[i + 3] * sy;
        }
        return d with { Boxes = boxes };
    }

    public void Dispose()
    {
        if (ownsNetwork)
        {
            network.Dispose();
        }
    }
}
