using TorchSharp;
using HipFx.Model.Blocks;
using static TorchSharp.torch;

namespace HipFx.Model.Weights;

/// <summary>
/// RepConv re-parameterisation (damo-yolo-t.md §1.6), as the official <c>switch_to_deploy</c>: fold each branch's BN
/// into its kernel (t = γ/√(var + eps); W·t, β − mean·t), zero-pad the 1×1 kernel to 3×3, add kernels and biases.
/// Works on state dicts, so it is exact and testable on its own; <see cref="ToDeploy"/> builds the fused model.
/// </summary>
public static class RepConvFusion
{
    private const string Dense = "rbr_dense.";
    private const string OneByOne = "rbr_1x1.";
    private const string Reparam = "rbr_reparam.";

    /// <summary>
    /// The deploy-form state dict for a training-form one: every <c>X.rbr_dense.*</c>/<c>X.rbr_1x1.*</c> group
    /// becomes <c>X.rbr_reparam.weight</c>/<c>.bias</c>; other entries are passed through (same tensors).
    /// The fold is computed in float64 and stored in the source dtype.
    /// </summary>
    public static Dictionary<string, Tensor> FuseStateDict(IReadOnlyDictionary<string, Tensor> trainForm, double eps = BatchNorms.Eps)
    {
        using var _ = no_grad();
        var fused = new Dictionary<string, Tensor>();
        foreach (var (key, value) in trainForm)
        {
            int at = key.IndexOf(Dense, StringComparison.Ordinal);
            if (at >= 0)
            {
                if (key.EndsWith(Dense + "conv.weight", StringComparison.Ordinal))
                {
                    string prefix = key[..at];
                    var (w, b) = FuseOne(trainForm, prefix, eps);
                    fused[prefix + Reparam + "weight"] = w;
                    fused[prefix + Reparam + "bias"] = b;
                }
                continue;
            }
            if (key.Contains(OneByOne, StringComparison.Ordinal))
            {
                continue;
            }
            fused[key] = value;
        }
        return fused;
    }

    /// <summary>A new deploy-form model (same classes, device and train/eval mode) holding the fused weights of <paramref name="model"/>.</summary>
    public static DamoYolo ToDeploy(DamoYolo model)
    {
        if (model.IsDeploy)
        {
            throw new InvalidOperationException("the model is already in deploy form");
        }
        var deploy = DamoYolo.TinyDeploy(model.NumClasses);
        var device = model.parameters().First().device;
        deploy.to(device);
        using (var scope = NewDisposeScope())
        {
            StateDicts.CopyStrict(deploy, FuseStateDict(model.state_dict()));
        }
        if (model.training)
        {
            deploy.train();
        }
        else
        {
            deploy.eval();
        }
        return deploy;
    }

    private static (Tensor Weight, Tensor Bias) FuseOne(IReadOnlyDictionary<string, Tensor> sd, string prefix, double eps)
    {
        Tensor Get(string name) => sd.TryGetValue(prefix + name, out var t)
            ? t
            : throw new KeyNotFoundException($"RepConv at '{prefix}' lacks '{prefix + name}'");

        using var scope = NewDisposeScope();
        var (w3, b3) = Fold(Get(Dense + "conv.weight"), prefix + Dense, sd, eps);
        var (w1, b1) = Fold(Get(OneByOne + "conv.weight"), prefix + OneByOne, sd, eps);
        var w1Padded = nn.functional.pad(w1, [1, 1, 1, 1]);
        var dtype = sd[prefix + Dense + "conv.weight"].dtype;
        var weight = (w3 + w1Padded).to(dtype);
        var bias = (b3 + b1).to(dtype);
        return (weight.MoveToOuterDisposeScope(), bias.MoveToOuterDisposeScope());
    }

    private static (Tensor Weight, Tensor Bias) Fold(Tensor kernel, string branch, IReadOnlyDictionary<string, Tensor> sd, double eps)
    {
        var gamma = sd[branch + "bn.weight"].to(ScalarType.Float64);
        var beta = sd[branch + "bn.bias"].to(ScalarType.Float64);
        var mean = sd[branch + "bn.running_mean"].to(ScalarType.Float64);
        var variance = sd[branch + "bn.running_var"].to(ScalarType.Float64);
        var t = gamma / (variance + eps).sqrt();
        var w = kernel.to(ScalarType.Float64) * t.reshape(-1, 1, 1, 1);
        return (w, beta - mean * t);
    }
}
