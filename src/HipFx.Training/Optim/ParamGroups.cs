using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Training.Optim;

/// <summary>
/// The official weight-decay rule (damo-yolo-t.md §5.1, <c>build_optimizer</c>): no decay for any parameter of a
/// norm layer (BatchNorm, GroupNorm, LayerNorm, InstanceNorm) and for every <c>.bias</c>; decay for everything else
/// (conv weights and the head's <c>Scale</c> scalars, named <c>scale</c>). The one place this rule lives.
/// </summary>
public static class ParamGroups
{
    /// <summary>The trainable parameters of <paramref name="model"/>, split by the rule, in state_dict order.</summary>
    public static ParamSplit Split(nn.Module model)
    {
        var normParameters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (moduleName, module) in model.named_modules())
        {
            if (IsNorm(module))
            {
                foreach (var (name, _) in module.named_parameters(recurse: false))
                {
                    normParameters.Add(moduleName.Length == 0 ? name : moduleName + "." + name);
                }
            }
        }
        var decay = new List<(string, Parameter)>();
        var noDecay = new List<(string, Parameter)>();
        foreach (var (name, parameter) in model.named_parameters())
        {
            if (!parameter.requires_grad)
            {
                continue;
            }
            bool exempt = normParameters.Contains(name) || name == "bias" || name.EndsWith(".bias", StringComparison.Ordinal);
            (exempt ? noDecay : decay).Add((name, parameter));
        }
        return new ParamSplit(decay, noDecay);
    }

    /// <summary>
    /// SGD over the two groups: momentum and Nesterov from <paramref name="options"/>, weight decay on the first
    /// group only. The lr is a placeholder: the loop sets it every iteration (<see cref="SetLearningRate"/>).
    /// </summary>
    public static SGD CreateSgd(nn.Module model, OptimizerOptions options)
    {
        var split = Split(model);
        var groups = new List<SGD.ParamGroup>
        {
            // Options objects with only weight_decay set inherit the optimizer's other defaults (notes §6: the
            // convenience constructor with named arguments would reset lr and momentum instead).
            new(split.Decay.Select(p => p.Parameter), new SGD.Options { weight_decay = options.WeightDecay }),
            new(split.NoDecay.Select(p => p.Parameter), new SGD.Options { weight_decay = 0.0 }),
        };
        return optim.SGD(groups, learningRate: options.LrPerImage, momentum: options.Momentum,
            weight_decay: options.WeightDecay, nesterov: options.Nesterov);
    }

    /// <summary>Sets the lr of every group.</summary>
    public static void SetLearningRate(optim.Optimizer optimizer, double lr)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = lr;
        }
    }

    private static bool IsNorm(nn.Module module) =>
        module is BatchNorm1d or BatchNorm2d or BatchNorm3d or GroupNorm or LayerNorm
            or InstanceNorm1d or InstanceNorm2d or InstanceNorm3d;
}

/// <summary>Parameters with weight decay and without, each with its state_dict name.</summary>
public sealed record ParamSplit(IReadOnlyList<(string Name, Parameter Parameter)> Decay, IReadOnlyList<(string Name, Parameter Parameter)> NoDecay);
