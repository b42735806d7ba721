using HipFx.Core;
using HipFx.Data.Images;

namespace HipFx.Data.Cache;

/// <summary>
/// The training images with their cached Size×Size planes and their boxes scaled to those planes (the stretch of
/// the shared resize rule: x × Size / width, y × Size / height). Images skipped as unreadable are left out and listed
/// in <see cref="Skipped"/>.
/// </summary>
public sealed class CachedDataset : IDisposable
{
    private readonly ImageCache cache;
    private readonly int[] slots;
    private readonly (int Width, int Height)[] sizes;

    private CachedDataset(ImageCache cache, IReadOnlyList<TrainingImage> images, int[] slots, (int Width, int Height)[] sizes,
        IReadOnlyList<IReadOnlyList<GroundTruthBox>> boxes, IReadOnlyList<SkippedImage> skipped, int decoded)
    {
        this.cache = cache;
        this.slots = slots;
        this.sizes = sizes;
        Images = images;
        Boxes = boxes;
        Skipped = skipped;
        Decoded = decoded;
        Labelled = Enumerable.Range(0, images.Count).Where(i => boxes[i].Count > 0).ToArray();
    }

    public int Size => cache.Size;

    public int Count => Images.Count;

    public IReadOnlyList<TrainingImage> Images { get; }

    /// <summary>Per image, its boxes in cached-plane pixels.</summary>
    public IReadOnlyList<IReadOnlyList<GroundTruthBox>> Boxes { get; }

    /// <summary>Indices of images with at least one box (mixup draws from these).</summary>
    public IReadOnlyList<int> Labelled { get; }

    public IReadOnlyList<SkippedImage> Skipped { get; }

    /// <summary>Images decoded by this open (the rest came from the cache).</summary>
    public int Decoded { get; }

    /// <summary>Fills the cache for <paramref name="images"/> (decoding what is missing) and opens them.</summary>
    public static CachedDataset Open(IReadOnlyList<TrainingImage> images, string cacheRoot, int size, IntensityMapping mapping,
        TrainingDataOptions? options = null, int workers = 1, ImageLoadOptions? load = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        options = (options ?? TrainingDataOptions.Default).Validate();
        var cache = ImageCache.Open(cacheRoot, size, mapping, load);
        try
        {
            var fill = cache.Ensure(images.Select(i => i.FilePath).ToList(), workers, options.SkipBadImages, cancellation);
            var kept = new List<TrainingImage>();
            var slots = new List<int>();
            var sizes = new List<(int, int)>();
            var boxes = new List<IReadOnlyList<GroundTruthBox>>();
            for (int i = 0; i < images.Count; i++)
            {
                if (fill.Images[i] is not { } entry)
                {
                    continue;
                }
                kept.Add(images[i]);
                slots.Add(entry.Slot);
                sizes.Add((entry.Width, entry.Height));
                boxes.Add(ScaleBoxes(images[i].Boxes, size / (double)entry.Width, size / (double)entry.Height, size));
            }
            return new CachedDataset(cache, kept, [.. slots], [.. sizes], boxes, fill.Skipped, fill.Decoded);
        }
        catch
        {
            cache.Dispose();
            throw;
        }
    }

    /// <summary>The cached plane of image <paramref name="index"/>: Size×Size bytes, row-major.</summary>
    public ReadOnlySpan<byte> Tile(int index) => cache.Tile(slots[index]);

    /// <summary>The decoded size of image <paramref name="index"/> before the stretch.</summary>
    public (int Width, int Height) OriginalSize(int index) => sizes[index];

    public void Dispose() => cache.Dispose();

    private static List<GroundTruthBox> ScaleBoxes(IReadOnlyList<GroundTruthBox> boxes, double sx, double sy, int size)
    {
        var result = new List<GroundTruthBox>(boxes.Count);
        foreach (var b in boxes)
        {
            var box = new Box(Math.Clamp(b.Box.X1 * sx, 0, size), Math.Clamp(b.Box.Y1 * sy, 0, size),
                Math.Clamp(b.Box.X2 * sx, 0, size), Math.Clamp(b.Box.Y2 * sy, 0, size));
            if (box.Width > 0 && box.Height > 0)
            {
                result.Add(b with { Box = box });
            }
        }
        return result;
    }
}
