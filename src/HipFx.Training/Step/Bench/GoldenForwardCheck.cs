using System.Text.Json;
using HipFx.Core;
using HipFx.Model;
using HipFx.Model.Weights;
using HipFx.Torch;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace HipFx.Training.Step.Bench;

/// <summary>One output compared with its golden tensor.</summary>
public sealed record GoldenComparison(string Output, double MaxAbsDiff, double Tolerance, bool Pass);

/// <summary>
/// <c>hipfx bench golden</c>: the eval-mode forward of a golden folder (official weights.pt and tensors.safetensors
/// from the reference, computed in float32 on the CPU) on any device, optionally in bf16 autocast, its scores and
/// boxes compared with the golden ones. How a GPU machine shows its forward equals the CPU's.
/// Tolerances: float32 scores 1e-4 and boxes 2e-2 px (TF32 convolutions on CUDA are allowed for); bf16 1e-2 and
/// 8 px at 320² (measured on the CPU: 2.9e-3 and 3.6 px).
/// </summary>
public static class GoldenForwardCheck
{
    public static IReadOnlyList<GoldenComparison> Run(string folder, Device device, bool bf16, string? json)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string weights = Path.Combine(folder, "weights.pt");
        string tensors = Path.Combine(folder, "tensors.safetensors");
        foreach (var f in new[] { weights, tensors })
        {
            if (!File.Exists(f))
            {
                throw new HipFxDataException("golden file missing", f);
            }
        }
        TorchRuntime.EnsureInitialized();
        using var model = DamoYolo.Tiny(4);
        OfficialWeights.Import(model, weights);
        model.to(device);
        model.eval();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var golden = Safetensors.LoadStateDict(tensors);
        var input = golden["input"].to(device);
        Tensor scores;
        Tensor boxes;
        using (bf16 ? Autocast.Enter(device.type) : null)
        {
            var dense = model.call(input);
            scores = dense.Scores.to(ScalarType.Float32).cpu();
            boxes = dense.Boxes.to(ScalarType.Float32).cpu();
        }
        double Diff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();
        var results = new List<GoldenComparison>();
        void Add(string name, Tensor actual, Tensor expected, double tol)
        {
            double d = Diff(actual, expected);
            results.Add(new GoldenComparison(name, d, tol, d <= tol));
        }
        Add("cls_scores", scores, golden["cls_scores"], bf16 ? 1e-2 : 1e-4);
        Add("bbox_preds", boxes, golden["bbox_preds"], bf16 ? 8 : 2e-2);
        if (json is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(json))!);
            File.WriteAllText(json, JsonSerializer.Serialize(new { folder, device = device.ToString(), bf16, results }, new JsonSerializerOptions { WriteIndented = true }));
        }
        return results;
    }
}
