using HipFx.Model.Blocks;
using static TorchSharp.torch;

namespace HipFx.Model.Neck;

/// <summary>
/// GiraffeNeckV2 / RepGFPN for T (damo-yolo-t.md §2): input [C3 96 /8, C4 192 /16, C5 384 /32], output
/// [P3 64 /8, P4 128 /16, P5 256 /32]. Concatenation orders follow §2.3.
/// </summary>
public sealed class GiraffeNeck : nn.Module<Tensor[], Tensor[]>
{
    private const int Depth = 3; // round(3 · depth 1.0)

    private readonly ConvBnAct bu_conv13;
    private readonly CspStage merge_3;
    private readonly ConvBnAct bu_conv24;
    private readonly CspStage merge_4;
    private readonly CspStage merge_5;
    private readonly ConvBnAct bu_conv57;
    private readonly CspStage merge_7;
    private readonly ConvBnAct bu_conv46;
    private readonly ConvBnAct bu_conv76;
    private readonly CspStage merge_6;

    public GiraffeNeck(bool deploy) : base(nameof(GiraffeNeck))
    {
        bu_conv13 = Down(192);
        merge_3 = new CspStage(384 + 192, 384, Depth, deploy);
        bu_conv24 = Down(96);
        merge_4 = new CspStage(192 + 96 + 384, 192, Depth, deploy);
        merge_5 = new CspStage(96 + 192, 64, Depth, deploy);
        bu_conv57 = Down(64);
        merge_7 = new CspStage(192 + 64, 128, Depth, deploy);
        bu_conv46 = Down(192);
        bu_conv76 = Down(128);
        merge_6 = new CspStage(384 + 192 + 128, 256, Depth, deploy);
        RegisterComponents();
    }

    private static ConvBnAct Down(long channels) => new(channels, channels, 3, 2, Activation.ReLU);

    public override Tensor[] forward(Tensor[] features)
    {
        if (features.Length != 3)
        {
            throw new ArgumentException($"the neck takes 3 backbone features, got {features.Length}", nameof(features));
        }
        var (x2, x1, x0) = (features[0], features[1], features[2]); // C3 /8, C4 /16, C5 /32

        var x3 = Merge(merge_3, x0, bu_conv13.call(x1));                     // /32, 384
        var x4 = Merge(merge_4, x1, bu_conv24.call(x2), Up(x3));             // /16, 192
        var x5 = Merge(merge_5, x2, Up(x4));                                 // /8, 64   → P3
        var x7 = Merge(merge_7, x4, bu_conv57.call(x5));                     // /16, 128 → P4
        var x6 = Merge(merge_6, x3, bu_conv46.call(x4), bu_conv76.call(x7)); // /32, 256 → P5
        x3.Dispose();
        x4.Dispose();
        return [x5, x7, x6];
    }

    private static Tensor Up(Tensor x) =>
        nn.functional.interpolate(x, scale_factor: [2.0, 2.0], mode: InterpolationMode.Nearest);

    /// <summary>merge(cat[kept, made...]): the tensors in <paramref name="made"/> were created here and are released.</summary>
    private static Tensor Merge(CspStage merge, Tensor kept, params Tensor[] made)
    {
        try
        {
            using var joined = cat([kept, .. made], dim: 1);
            return merge.call(joined);
        }
        finally
        {
            foreach (var t in made)
            {
                t.Dispose();
            }
        }
    }
}
