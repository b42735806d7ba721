using System.Numerics;

namespace HipFx.Data.Images;

/// <summary>
/// A difference hash (dHash) of a radiograph, computed on its decoded samples: the image is averaged down to
/// (<see cref="Size"/> + 1) × <see cref="Size"/> cells, and each bit says whether a cell is brighter than its right
/// neighbour. Insensitive to brightness/contrast changes, re-encoding and resizing; two images are near-duplicates
/// when few bits differ (<see cref="Distance"/>). Size 16 gives 256 bits, fine enough to tell apart different patients'
/// hips, which all look alike at 8 × 8.
/// </summary>
public sealed class PerceptualHash : IEquatable<PerceptualHash>
{
    private readonly ulong[] words;

    private PerceptualHash(int size, ulong[] words)
    {
        Size = size;
        this.words = words;
    }

    /// <summary>Cells per side: the hash has Size × Size bits.</summary>
    public int Size { get; }

    /// <summary>Number of bits.</summary>
    public int Bits => Size * Size;

    /// <summary>The dHash of <paramref name="image"/> with <paramref name="size"/> × <paramref name="size"/> bits (size 4 to 64).</summary>
    public static PerceptualHash Compute(RadiographImage image, int size = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 4);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 64);
        var cells = AreaAverage(image, size + 1, size);
        var words = new ulong[((size * size) + 63) / 64];
        int bit = 0;
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++, bit++)
            {
                if (cells[(y * (size + 1)) + x] > cells[(y * (size + 1)) + x + 1])
                {
                    words[bit / 64] |= 1UL << (bit % 64);
                }
            }
        }
        return new PerceptualHash(size, words);
    }

    /// <summary>Number of differing bits (Hamming distance); hashes must have the same size.</summary>
    public int Distance(PerceptualHash other)
    {
        if (other.Size != Size)
        {
            throw new ArgumentException($"hash sizes differ: {Size} and {other.Size}", nameof(other));
        }
        int distance = 0;
        for (int i = 0; i < words.Length; i++)
        {
            distance += BitOperations.PopCount(words[i] ^ other.words[i]);
        }
        return distance;
    }

    /// <summary>Hex text of the bits, for reports.</summary>
    public override string ToString() => string.Concat(words.Select(w => w.ToString("x16")));

    public bool Equals(PerceptualHash? other) => other is not null && other.Size == Size && other.words.AsSpan().SequenceEqual(words);

    public override bool Equals(object? obj) => Equals(obj as PerceptualHash);

    public override int GetHashCode() => HashCode.Combine(Size, words[0]);

    /// <summary>Mean sample of each cell of a <paramref name="columns"/> × <paramref name="rows"/> grid laid over the image (fractional pixel coverage).</summary>
    private static double[] AreaAverage(RadiographImage image, int columns, int rows)
    {
        var sums = new double[columns * rows];
        var weights = new double[columns * rows];
        double cellWidth = (double)image.Width / columns;
        double cellHeight = (double)image.Height / rows;
        for (int y = 0; y < image.Height; y++)
        {
            var (row0, row1, rowSplit) = Cover(y, cellHeight, rows);
            for (int x = 0; x < image.Width; x++)
            {
                var (col0, col1, colSplit) = Cover(x, cellWidth, columns);
                double v = image.Pixels[(y * image.Width) + x];
                Add(row0, col0, rowSplit * colSplit);
                if (col1 != col0) Add(row0, col1, rowSplit * (1 - colSplit));
                if (row1 != row0) Add(row1, col0, (1 - rowSplit) * colSplit);
                if (row1 != row0 && col1 != col0) Add(row1, col1, (1 - rowSplit) * (1 - colSplit));

                void Add(int r, int c, double w)
                {
                    if (w > 0)
                    {
                        sums[(r * columns) + c] += v * w;
                        weights[(r * columns) + c] += w;
                    }
                }
            }
        }
        for (int i = 0; i < sums.Length; i++)
        {
            sums[i] = weights[i] > 0 ? sums[i] / weights[i] : 0;
        }
        return sums;
    }

    /// <summary>
    /// The cell(s) pixel <paramref name="p"/> (spanning [p, p+1)) falls in, and the fraction in the first.
    /// Cells are at least one pixel wide only when the image is larger than the grid; smaller images still work
    /// (a pixel then covers part of one or two cells).
    /// </summary>
    private static (int First, int Second, double FirstFraction) Cover(int p, double cell, int count)
    {
        int first = Math.Min((int)(p / cell), count - 1);
        double boundary = (first + 1) * cell;
        if (p + 1 <= boundary || first == count - 1)
        {
            return (first, first, 1);
        }
        return (first, first + 1, boundary - p);
    }
}
