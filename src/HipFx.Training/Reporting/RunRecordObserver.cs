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
    private JsonObject record = [];
    private DateTimeOffset sessionStart;

    public override void RunStarted(TrainingPlan plan)
    {
        sessionStart = DateTimeOffset.UtcNow;
        var previous = plan.Resumed ? RunRecord.ReadObject(run.RunFile) : null;
        var sessions = previous?[RunRecord.Keys.Sessions]?.DeepClone() as JsonArray ?? [];
        sessions.Add(new JsonObject
        {
            [RunRecord.Keys.CommandLine] = provenance.CommandLine,
            [RunRecord.Keys.Started] = sessionStart.ToString("O"),
            ["start_epoch"] = plan.StartEpoch,
            ["start_iteration"] = plan.StartIteration,
        });
        record = new JsonObject
        {
            [RunRecord.Keys.Name] = run.Name,
            [RunRecord.Keys.Started] = previous?[RunRecord.Keys.Started]?.GetValue<string>() ?? sessionStart.ToString("O"),
            [RunRecord.Keys.Ended] = null,
            [RunRecord.Keys.End] = "running",
            [RunRecord.Keys.CommandLine] = provenance.CommandLine,
            [RunRecord.Keys.Manifest] = provenance.Manifest,
            [RunRecord.Keys.ManifestSha256] = provenance.ManifestSha256,
            [RunRecord.Keys.Splits] = new JsonObject
            {
                ["train"] = new JsonObject { ["split"] = provenance.TrainSplit, ["images"] = plan.TrainImages },
                ["validation"] = new JsonObject { ["split"] = provenance.ValidationSplit, ["images"] = plan.ValidationImages },
            },
            [RunRecord.Keys.Seed] = provenance.Seed,
            [RunRecord.Keys.Device] = provenance.Device,
            [RunRecord.Keys.Epochs] = plan.Epochs,
            [RunRecord.Keys.BatchSize] = plan.BatchSize,
            [RunRecord.Keys.BatchesPerEpoch] = plan.BatchesPerEpoch,
            [RunRecord.Keys.BaseLr] = plan.BaseLr,
            [RunRecord.Keys.InitWeights] = plan.InitWeights,
            [RunRecord.Keys.Parameters] = plan.Parameters,
            [RunRecord.Keys.Versions] = new JsonObject(provenance.Versions.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
            [RunRecord.Keys.Sessions] = sessions,
        };
        Save();
    }

    public override void RunEnded(TrainingOutcome outcome)
    {
        record[RunRecord.Keys.Ended] = DateTimeOffset.UtcNow.ToString("O");
        record[RunRecord.Keys.End] = outcome.End == TrainingEnd.Completed ? "completed" : "cancelled";
        record[RunRecord.Keys.EpochsDone] = outcome.EpochsDone;
        record[RunRecord.Keys.Iterations] = outcome.Iterations;
        record[RunRecord.Keys.BestEpoch] = outcome.BestEpoch;
        record[RunRecord.Keys.BestMetric] = outcome.BestMetric;
        record[RunRecord.Keys.Tau] = outcome.Tau;
        if (record[RunRecord.Keys.Sessions] is JsonArray { Count: > 0 } sessions && sessions[^1] is JsonObject last)
        {
            last[RunRecord.Keys.Ended] = record[RunRecord.Keys.Ended]!.GetValue<string>();
            last["seconds"] = outcome.Seconds;
        }
        Save();
    }

    private void Save() => RunRecord.Write(run.RunFile, record);
}
