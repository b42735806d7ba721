using HipFx.Data.Augment;
using HipFx.Data.Cache;
using HipFx.Data.Images;
using HipFx.Data.Manifests;

namespace HipFx.Training.Pipeline;

/// <summary>
/// Where the training data comes from: a manifest, a split, the input size, the intensity mapping and the cache
/// folder (default <c>.hipfx-cache</c> beside the manifest). The one place the commands (train, cache,
/// augment-preview, bench data) open the cached training images.
/// </summary>
public sealed record TrainingData
{
    public required string ManifestPath { get; init; }

    public DatasetSplit Split { get; init; } = DatasetSplit.Train;

    /// <summary>Network input size (multiple of 32). Default 1024.</summary>
    public int Size { get; init; } = 1024;

    public IntensityMapping Mapping { get; init; } = IntensityMapping.Default;

    /// <summary>Cache folder; null: <c>.hipfx-cache</c> in the manifest's folder.</summary>
    public string? CacheFolder { get; init; }

    public Data.Labels.AnnotationOptions Annotations { get; init; } = Data.Labels.AnnotationOptions.Default;

    public TrainingDataOptions Options { get; init; } = TrainingDataOptions.Default;

    /// <summary>Reads the manifest, fills the cache (decoding what is missing with <paramref name="workers"/> threads) and opens it.</summary>
    public CachedDataset Open(int workers, CancellationToken cancellation = default)
    {
        Validated();
        var manifest = ManifestReader.Read(ManifestPath, Annotations.Manifest);
        var images = TrainingImages.FromManifest(manifest, Split, Annotations, Options);
        if (images.Count == 0)
        {
            throw new Core.HipFxDataException($"the {Split.ToString().ToLowerInvariant()} split has no training images", ManifestPath);
        }
        string cache = CacheFolder ?? Path.Combine(manifest.Folder, ".hipfx-cache");
        return CachedDataset.Open(images, cache, Size, Mapping, Options, workers, cancellation: cancellation);
    }

    /// <summary>Throws <see cref="Core.HipFxConfigException"/> naming a bad setting, before any file is read.</summary>
    public TrainingData Validated()
    {
        Core.OptionRules.InRange(Size, 32, 8192);
        if (Size % 32 != 0)
        {
            throw Core.OptionRules.Fail(nameof(Size), $"must be a multiple of 32 (the network's largest stride), got {Size}");
        }
        return this;
    }

    /// <summary>Writes a grid of the first batch of <paramref name="epoch"/> as the model would see it.</summary>
    public static void WritePreview(CachedDataset data, AugmentOptions augment, string outputPath, int count, long seed, int epoch = 0, int totalEpochs = 300)
    {
        count = Math.Min(count, data.Count);
        using var source = new AugmentedBatchSource(data, augment, new LoaderOptions { Workers = 1, PrefetchBatches = 1 }, count, totalEpochs, seed);
        using var batch = source.Build(epoch, 0);
        var captions = batch.ImageIds.Select((id, i) => $"{id}  ({batch.Boxes[i].Count} box{(batch.Boxes[i].Count == 1 ? "" : "es")})").ToList();
        AugmentPreview.Write(outputPath, batch.Pixels.Span, batch.Size, batch.Count, batch.Boxes, captions);
    }
}
