using System.Collections;
using HipFx.Model.Assign;
using HipFx.Model.Losses;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace HipFx.Model.Tests.Losses;

/// <summary>
/// The golden training check (golden READMEs, "Training-mode check"): the official weights, <c>train()</c> (BN batch
/// statistics), the golden batch and targets → ZeroHead losses, then <c>backward()</c> on the total. Holds the
/// measured values as plain numbers and the official ones read from the golden folder.
/// </summary>
internal sealed class GoldenTrainingRun
{
    public static readonly string[] LossNames = ["total_loss", "loss_cls", "loss_bbox", "loss_dfl"];

    private GoldenTrainingRun(GoldenSet golden)
    {
        using var model = Harness.LoadedModel(golden);
        model.train();
        using var scope = NewDisposeScope();

        var images = new List<Tensor> { golden["input"] };
        var boxes = new List<Tensor>();
        var labels = new List<Tensor>();
        if (golden.Tensors.ContainsKey("train.gt_boxes_xyxy"))
        {
            boxes.Add(golden["train.gt_boxes_xyxy"]);
            labels.Add(golden["train.gt_labels"]);
        }
        else
        {
            images.Add(golden["train.input_1"]);
            for (int i = 0; i < 2; i++)
            {
                boxes.Add(golden[$"train.gt_boxes_xyxy_{i}"]);
                labels.Add(golden[$"train.gt_labels_{i}"]);
            }
        }
        var batch = cat(images, dim: 0);
        using var truth = GroundTruthBatch.FromTensors(boxes, labels);

        using var predictions = model.call(batch);
        var loss = new ZeroHeadLoss();
        using var assignment = loss.Assign(predictions, truth);
        using var losses = loss.Compute(predictions, assignment);
        Losses = new Dictionary<string, double>
        {
            ["total_loss"] = losses.Total.item<float>(),
            ["loss_cls"] = losses.Cls.item<float>(),
            ["loss_bbox"] = losses.Bbox.item<float>(),
            ["loss_dfl"] = losses.Dfl.item<float>(),
        };
        PositivesPerStride = CountPerStride(assignment.Foreground, predictions.Priors);
        losses.Total.backward();
        GradNorms = model.named_parameters().ToDictionary(
            p => p.name, p => p.parameter.grad is { } g ? g.norm().item<float>() : 0.0);

        ExpectedLosses = LossNames.ToDictionary(n => n, n => (double)golden[$"train.{n}"].item<float>());
        ExpectedGradNorms = ReadGradNorms(golden);
    }

    /// <summary>Losses by official name.</summary>
    public Dictionary<string, double> Losses { get; }

    public Dictionary<string, double> ExpectedLosses { get; }

    /// <summary>L2 norm of each parameter's gradient, by state_dict name.</summary>
    public Dictionary<string, double> GradNorms { get; }

    /// <summary>The official grad norms the golden folder holds (2 for set A, all 300 for set A2).</summary>
    public Dictionary<string, double> ExpectedGradNorms { get; }

    /// <summary>[image][level] number of positives at strides 8, 16, 32.</summary>
    public long[][] PositivesPerStride { get; }

    public static GoldenTrainingRun Run(GoldenSet golden) => new(golden);

    private static long[][] CountPerStride(Tensor foreground, Tensor priors)
    {
        using var scope = NewDisposeScope();
        var strides = new[] { 8f, 16f, 32f };
        var result = new long[foreground.shape[0]][];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = strides.Select(s => (foreground[i] & priors[.., 2].eq(s)).sum().item<long>()).ToArray();
        }
        return result;
    }

    /// <summary>train_check.pt: set A2 has a dict <c>grad_norms_all</c>; set A has entries <c>grad_norm_&lt;name&gt;</c>.</summary>
    private static Dictionary<string, double> ReadGradNorms(GoldenSet golden)
    {
        var table = PyTorchUnpickler.UnpickleStateDict(Path.Combine(golden.Folder, "train_check.pt"));
        var result = new Dictionary<string, double>();
        if (table["grad_norms_all"] is IDictionary all)
        {
            foreach (DictionaryEntry e in all)
            {
                result[(string)e.Key] = ((Tensor)e.Value!).item<float>();
            }
        }
        else
        {
            foreach (DictionaryEntry e in table)
            {
                if (e.Key is string key && key.StartsWith("grad_norm_", StringComparison.Ordinal))
                {
                    result[key["grad_norm_".Length..]] = ((Tensor)e.Value!).item<float>();
                }
            }
        }
        return result;
    }
}
