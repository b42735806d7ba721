using HipFx.Core;
using HipFx.Data.Cache;
using HipFx.Data.Images;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HipFx.Data.Tests.Augment;

/// <summary>Temporary folders of small gray PNGs, each a dark image with bright filled rectangles, and their cache.</summary>
internal sealed class AugmentFixture : IDisposable
{
    public const byte Dark = 0;
    public const byte Bright = 250;

    public AugmentFixture()
    {
        Folder = Path.Combine(Path.GetTempPath(), "hipfx-augment-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string CacheRoot => Path.Combine(Folder, "cache");

    /// <summary>Writes an 8-bit gray PNG with <paramref name="rects"/> filled (edge coordinates, whole pixels).</summary>
    public TrainingImage Image(string id, int width, int height, params (int X1, int Y1, int X2, int Y2, FractureClass Class)[] rects)
    {
        string path = Path.Combine(Folder, id + ".png");
        WritePng(path, width, height, rects.Select(r => (r.X1, r.Y1, r.X2, r.Y2)).ToArray(), Bright);
        var boxes = rects.Select(r => new GroundTruthBox(r.Class, new Box(r.X1, r.Y1, r.X2, r.Y2))).ToList();
        return new TrainingImage(id, path, boxes.Count > 0 ? (ImageLabel)boxes[0].Class : ImageLabel.NoFracture, boxes);
    }

    public static void WritePng(string path, int width, int height, (int X1, int Y1, int X2, int Y2)[] rects, byte value)
    {
        using var image = new Image<L8>(width, height, new L8(Dark));
        foreach (var (x1, y1, x2, y2) in rects)
        {
            for (int y = y1; y < y2; y++)
            {
                for (int x = x1; x < x2; x++)
                {
                    image[x, y] = new L8(value);
                }
            }
        }
        image.SaveAsPng(path);
    }

    public CachedDataset Open(IReadOnlyList<TrainingImage> images, int size = 128, IntensityMapping? mapping = null, bool skipBad = false) =>
        CachedDataset.Open(images, CacheRoot, size, mapping ?? IntensityMapping.Default,
            new TrainingDataOptions { SkipBadImages = skipBad }, workers: 2);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
