using System.Text.Json;
using System.Text.Json.Nodes;
using HipFx.Data.Runs;
using HipFx.Training.Loop;

namespace HipFx.Training.Reporting;

/// <summary>What <c>run.json</c> records that the loop does not know: the data, the versions, where and how it was started.</summary>
public sealed record RunProvenance
{
    public required string CommandLine { get; init; }

    public required string Manifest { get; init; }

    public required string ManifestSha256 { get; init; }

    public required string TrainSplit { get; init; }

    public required string ValidationSplit { get; init; }

    public required int Seed { get; init; }

    public required string Device { get; init; }

    /// <summary>Component → version: hipfx, TorchSharp, libtorch, .NET.</summary>
    public required IReadOnlyDictionary<string, string> Versions { get; init; }
}

/// <summary>
/// Writes <c>run.json</c> when the run starts (end empty) and when it ends: manifest path and sha256, split sizes,
/// seed, versions, device, command line, start and end times, and how it ended. A resumed run keeps the first start
/// time and lists each session.
/// </summary>
public sealed class RunRecordObserver(RunFolder run, RunProvenance provenance) : TrainingObserverBase
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private JsonObject record = [];
    private DateTimeOffset sessionStart;

    public override void RunStarted(TrainingPlan plan)
    {
        sessionStart = DateTimeOffset.UtcNow;
        var previous = plan.Resumed && File.Exists(run.RunFile) ? JsonNode.Parse(File.ReadAllText(run.RunFile)) as JsonObject : null;
        var sessions = previous?["sessions"]?.DeepClone() as JsonArray ?? [];
        sessions.Add(new JsonObject
        {
            ["command_line"] = provenance.CommandLine,
            ["started"] = sessionStart.ToString("O"),
            ["start_epoch"] = plan.StartEpoch,
            ["start_iteration"] = plan.StartIteration,
        });
        record = new JsonObject
        {
            ["name"] = run.Name,
            ["started"] = previous?["started"]?.GetValue<string>() ?? sessionStart.ToString("O"),
            ["ended"] = null,
            ["end"] = "running",
            ["command_line"] = provenance.CommandLine,
            ["manifest"] = provenance.Manifest,
            ["manifest_sha256"] = provenance.ManifestSha256,
            ["splits"] = new JsonObject
            {
                ["train"] = new JsonObject { ["split"] = provenance.TrainSplit, ["images"] = plan.TrainImages },
                ["validation"] = new JsonObject { ["split"] = provenance.ValidationSplit, ["images"] = plan.ValidationImages },
            },
            ["seed"] = provenance.Seed,
            ["device"] = provenance.Device,
            ["epochs"] = plan.Epochs,
            ["batch_size"] = plan.BatchSize,
            ["batches_per_epoch"] = plan.BatchesPerEpoch,
            ["base_lr"] = plan.BaseLr,
            ["init_weights"] = plan.InitWeights,
            ["parameters"] = plan.Parameters,
            ["versions"] = new JsonObject(provenance.Versions.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            ["sessions"] = sessions,
        };
        Save();
    }

    public override void RunEnded(TrainingOutcome outcome)
    {
        record["ended"] = DateTimeOffset.UtcNow.ToString("O");
        record["end"] = outcome.End == TrainingEnd.Completed ? "completed" : "cancelled";
        record["epochs_done"] = outcome.EpochsDone;
        record["iterations"] = outcome.Iterations;
        record["best_epoch"] = outcome.BestEpoch;
        record["best_metric"] = outcome.BestMetric;
        record["tau"] = outcome.Tau;
        if (record["sessions"] is JsonArray { Count: > 0 } sessions && sessions[^1] is JsonObject last)
        {
            last["ended"] = record["ended"]!.GetValue<string>();
            last["seconds"] = outcome.Seconds;
        }
        Save();
    }

    private void Save() => ResultsTable.ReplaceFile(run.RunFile, record.ToJsonString(Indented) + "\n");
}
