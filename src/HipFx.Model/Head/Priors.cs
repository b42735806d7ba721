using static TorchSharp.torch;

namespace HipFx.Model.Head;

/// <summary>
/// Prior (anchor) points of the ZeroHead (damo-yolo-t.md §3.4): for a level with stride s and an H×W map, prior
/// (row r, col c) is (c·s, r·s, s, s): the top-left corner of the cell, no +0.5. Levels concatenated in stride order,
/// each row-major. 2100 priors at 320², 8400 at 640², 21504 at 1024².
/// </summary>
public static class Priors
{
    /// <summary>The head's strides, P3..P5.</summary>
    public static IReadOnlyList<int> Strides { get; } = [8, 16, 32];

    /// <summary>Feature-map sizes (H, W) of each level for an input of <paramref name="height"/>×<paramref name="width"/>.</summary>
    public static IReadOnlyList<(long Height, long Width)> LevelSizes(long height, long width) =>
        Strides.Select(s => ((height + s - 1) / s, (width + s - 1) / s)).ToArray();

    /// <summary>Total number of priors for an input size.</summary>
    public static long Count(long height, long width) => LevelSizes(height, width).Sum(l => l.Height * l.Width);

    /// <summary>P×4 float tensor of (x, y, stride, stride) for the given level sizes (stride order).</summary>
    public static Tensor Generate(IReadOnlyList<(long Height, long Width)> levelSizes, Device? device = null,
        ScalarType dtype = ScalarType.Float32)
    {
        if (levelSizes.Count != Strides.Count)
        {
            throw new ArgumentException($"expected {Strides.Count} levels, got {levelSizes.Count}", nameof(levelSizes));
        }
        using var scope = NewDisposeScope();
        var levels = new List<Tensor>(levelSizes.Count);
        for (int i = 0; i < levelSizes.Count; i++)
        {
            var (h, w) = levelSizes[i];
            float s = Strides[i];
            var xs = arange(w, dtype: dtype, device: device) * s;
            var ys = arange(h, dtype: dtype, device: device) * s;
            var grid = meshgrid([ys, xs], indexing: "ij");
            var y = grid[0].reshape(-1);
            var x = grid[1].reshape(-1);
            var st = full(h * w, s, dtype: dtype, device: device);
            levels.Add(stack([x, y, st, st], dim: 1));
        }
        return cat(levels, dim: 0).MoveToOuterDisposeScope();
    }

    /// <summary>Priors for an input size.</summary>
    public static Tensor Generate(long height, long width, Device? device = null, ScalarType dtype = ScalarType.Float32) =>
        Generate(LevelSizes(height, width), device, dtype);
}
