using HipFx.Model.Backbone;
using HipFx.Model.Head;
using HipFx.Model.Neck;
using static TorchSharp.torch;

namespace HipFx.Model;

/// <summary>
/// DAMO-YOLO-T (damoyolo_tinynasL20_T, damo-yolo-t.md): TinyNAS-L20 backbone → GiraffeNeckV2 → ZeroHead.
/// Fields are named like the official attributes, so <see cref="nn.Module.state_dict"/> keys equal the official
/// ones (<c>backbone.*</c>, <c>neck.*</c>, <c>head.*</c>). Input: N×3×H×W float RGB in 0..255, no normalisation,
/// H and W multiples of 32.
/// <para>
/// <see cref="forward"/> gives the dense predictions over all priors (scores and decoded boxes before NMS, plus the
/// logits the losses need); the same call serves training (BN batch statistics after <c>train()</c>) and evaluation.
/// </para>
/// </summary>
public sealed class DamoYolo : nn.Module<Tensor, DensePredictions>
{
    private readonly TinyNas backbone;
    private readonly GiraffeNeck neck;
    private readonly ZeroHead head;

    private DamoYolo(int numClasses, bool deploy) : base(nameof(DamoYolo))
    {
        backbone = new TinyNas(deploy);
        neck = new GiraffeNeck(deploy);
        head = new ZeroHead(numClasses);
        IsDeploy = deploy;
        RegisterComponents();
    }

    /// <summary>DAMO-YOLO-T for <paramref name="numClasses"/> classes in training form (RepConv with two branches).</summary>
    public static DamoYolo Tiny(int numClasses) => new(numClasses, deploy: false);

    /// <summary>
    /// DAMO-YOLO-T in deploy form (each RepConv a single biased 3×3 conv, keys <c>rbr_reparam.*</c>), freshly
    /// initialised. Use <see cref="Weights.RepConvFusion.ToDeploy"/> to get one with fused trained weights.
    /// </summary>
    public static DamoYolo TinyDeploy(int numClasses) => new(numClasses, deploy: true);

    public int NumClasses => head.NumClasses;

    /// <summary>True for the fused (deploy) form.</summary>
    public bool IsDeploy { get; }

    public ZeroHead Head => head;

    /// <summary>Backbone outputs [C3 96 /8, C4 192 /16, C5 384 /32].</summary>
    public Tensor[] ForwardBackbone(Tensor images) => backbone.call(images);

    /// <summary>Neck outputs [P3 64 /8, P4 128 /16, P5 256 /32].</summary>
    public Tensor[] ForwardFeatures(Tensor images)
    {
        var c = backbone.call(images);
        try
        {
            return neck.call(c);
        }
        finally
        {
            foreach (var t in c)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>Raw per-level head logits (class logits; regression logits after the Scale).</summary>
    public HeadLogits ForwardHead(Tensor images)
    {
        var p = ForwardFeatures(images);
        try
        {
            return head.call(p);
        }
        finally
        {
            foreach (var t in p)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>Dense predictions over all priors (see <see cref="DensePredictions"/>).</summary>
    public override DensePredictions forward(Tensor images)
    {
        if (images.dim() != 4 || images.shape[1] != 3)
        {
            throw new ArgumentException($"expected N×3×H×W images, got [{string.Join(", ", images.shape)}]", nameof(images));
        }
        using var logits = ForwardHead(images);
        return head.Decode(logits);
    }
}
