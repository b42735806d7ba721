using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Head;

/// <summary>
/// DAMO-YOLO's ZeroHead for T (damo-yolo-t.md §3): no stacked convs; per level a 3×3 <c>gfl_cls</c> (C classes,
/// sigmoid scores) and a 3×3 <c>gfl_reg</c> (4·(reg_max+1) = 68 distance-bin logits) multiplied by a learnable
/// <c>scales[i]</c>; <c>integral.project</c> = [0..16].
/// </summary>
public sealed class ZeroHead : nn.Module<Tensor[], HeadLogits>
{
    /// <summary>GFL reg_max: distances are a distribution over reg_max+1 = 17 bins (0..16 strides).</summary>
    public const int RegMax = 16;

    /// <summary>Prior probability of the class-score init: bias = −log((1 − p)/p) = −4.59512.</summary>
    public const double ClassPriorProbability = 0.01;

    /// <summary>Standard deviation of the normal init of gfl_cls and gfl_reg weights.</summary>
    public const double HeadInitStd = 0.01;

    public static IReadOnlyList<int> InChannels { get; } = [64, 128, 256];

    private readonly Integral integral;
    private readonly ModuleList<Conv2d> gfl_cls;
    private readonly ModuleList<Conv2d> gfl_reg;
    private readonly ModuleList<Scale> scales;

    public ZeroHead(int numClasses) : base(nameof(ZeroHead))
    {
        if (numClasses < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(numClasses), numClasses, "a detector needs at least one class");
        }
        NumClasses = numClasses;
        integral = new Integral(RegMax);
        gfl_cls = new ModuleList<Conv2d>(InChannels.Select(c => nn.Conv2d(c, numClasses, 3, padding: 1, bias: true)).ToArray());
        gfl_reg = new ModuleList<Conv2d>(InChannels.Select(c => nn.Conv2d(c, 4 * (RegMax + 1), 3, padding: 1, bias: true)).ToArray());
        scales = new ModuleList<Scale>(InChannels.Select(_ => new Scale(1.0f)).ToArray());
        RegisterComponents();
        InitializeWeights();
    }

    public int NumClasses { get; }

    /// <summary>The class-score bias init, −log((1 − 0.01)/0.01).</summary>
    public static double ClassBiasInit => -Math.Log((1 - ClassPriorProbability) / ClassPriorProbability);

    /// <summary>The official init_weights: gfl_cls and gfl_reg weights ~ N(0, 0.01); cls bias −4.59512, reg bias 0.</summary>
    public void InitializeWeights()
    {
        ResetClassLayers();
        using var _ = no_grad();
        foreach (var conv in gfl_reg)
        {
            nn.init.normal_(conv.weight!, 0.0, HeadInitStd);
            nn.init.constant_(conv.bias!, 0.0);
        }
    }

    /// <summary>Re-initialises only the class layers (<c>head.gfl_cls.*</c>), as after importing another class count.</summary>
    public void ResetClassLayers()
    {
        using var _ = no_grad();
        foreach (var conv in gfl_cls)
        {
            nn.init.normal_(conv.weight!, 0.0, HeadInitStd);
            nn.init.constant_(conv.bias!, ClassBiasInit);
        }
    }

    public override HeadLogits forward(Tensor[] features)
    {
        if (features.Length != InChannels.Count)
        {
            throw new ArgumentException($"the head takes {InChannels.Count} levels, got {features.Length}", nameof(features));
        }
        var cls = new Tensor[features.Length];
        var reg = new Tensor[features.Length];
        for (int i = 0; i < features.Length; i++)
        {
            cls[i] = gfl_cls[i].call(features[i]);
            using var raw = gfl_reg[i].call(features[i]);
            reg[i] = scales[i].call(raw);
        }
        return new HeadLogits(cls, reg);
    }

    /// <summary>
    /// Flattens per-level logits over all priors and decodes them (§3.3, §3.4): scores = sigmoid, distances =
    /// integral(softmax) × stride, box = (px − l, py − t, px + r, py + b).
    /// </summary>
    public DensePredictions Decode(HeadLogits logits)
    {
        using var scope = NewDisposeScope();
        int levels = logits.ClsLogits.Length;
        var clsFlat = new Tensor[levels];
        var regFlat = new Tensor[levels];
        var sizes = new (long Height, long Width)[levels];
        for (int i = 0; i < levels; i++)
        {
            var c = logits.ClsLogits[i];
            var r = logits.RegLogits[i];
            long n = c.shape[0], h = c.shape[2], w = c.shape[3];
            sizes[i] = (h, w);
            clsFlat[i] = c.flatten(2).permute(0, 2, 1);                                   // N×HW×C
            regFlat[i] = r.reshape(n, 4, RegMax + 1, h * w).permute(0, 3, 1, 2);           // N×HW×4×17
        }
        var clsLogits = cat(clsFlat, dim: 1);
        var regLogits = cat(regFlat, dim: 1);
        var priors = Priors.Generate(sizes, clsLogits.device, clsLogits.dtype);
        var scores = sigmoid(clsLogits);
        var boxes = DecodeBoxes(integral.call(regLogits), priors);
        return new DensePredictions(
            clsLogits.MoveToOuterDisposeScope(), scores.MoveToOuterDisposeScope(), regLogits.MoveToOuterDisposeScope(),
            boxes.MoveToOuterDisposeScope(), priors.MoveToOuterDisposeScope());
    }

    /// <summary>N×P×4 distances (l, t, r, b) in stride units and P×4 priors → N×P×4 xyxy boxes in input pixels.</summary>
    public static Tensor DecodeBoxes(Tensor distancesInStrides, Tensor priors)
    {
        using var scope = NewDisposeScope();
        var stride = priors[.., 2].unsqueeze(-1);            // P×1
        var d = distancesInStrides * stride;                 // N×P×4
        var px = priors[.., 0];
        var py = priors[.., 1];
        var boxes = stack([px - d[.., .., 0], py - d[.., .., 1], px + d[.., .., 2], py + d[.., .., 3]], dim: -1);
        return boxes.MoveToOuterDisposeScope();
    }
}
