using static TorchSharp.torch;

namespace HipFx.Model.Tests.Assign;

/// <summary>
/// Small hand-made assignment scenes on one 4×4 level of stride 8: prior k = (row r, col c) sits at
/// (8c, 8r), index k = 4r + c. The centre square of a GT reaches 2.5·8 = 20 px around its centre.
/// </summary>
internal static class AssignerScenes
{
    public const int Side = 4;
    public const float Stride = 8;

    public static int Index(int row, int col) => row * Side + col;

    /// <summary>16×4 priors (x, y, 8, 8), row-major.</summary>
    public static Tensor Priors()
    {
        var data = new float[Side * Side * 4];
        for (int r = 0; r < Side; r++)
        {
            for (int c = 0; c < Side; c++)
            {
                int k = Index(r, c);
                data[k * 4 + 0] = c * Stride;
                data[k * 4 + 1] = r * Stride;
                data[k * 4 + 2] = Stride;
                data[k * 4 + 3] = Stride;
            }
        }
        return tensor(data, [Side * Side, 4]);
    }

    /// <summary>1×16×4 boxes: prior ± 8 px (a 16×16 box centred on the prior point).</summary>
    public static Tensor BoxesAroundPriors()
    {
        using var scope = NewDisposeScope();
        var priors = Priors();
        var xy = priors[.., ..2];
        return cat([xy - 8, xy + 8], dim: 1).unsqueeze(0).MoveToOuterDisposeScope();
    }

    /// <summary>1×16×4 boxes far from everything (IoU 0 with any GT of the scenes).</summary>
    public static Tensor FarBoxes() => tensor(new float[] { 100, 100, 101, 101 }).view(1, 1, 4).expand(1, Side * Side, 4).contiguous();

    /// <summary>1×16×C scores, all <paramref name="value"/>.</summary>
    public static Tensor Scores(int classes, float value) => full(1, Side * Side, classes, value);

    public static float[] Floats(Tensor t) => t.contiguous().data<float>().ToArray();

    public static long[] Longs(Tensor t) => t.contiguous().data<long>().ToArray();

    public static bool[] Bools(Tensor t) => t.contiguous().data<bool>().ToArray();
}
