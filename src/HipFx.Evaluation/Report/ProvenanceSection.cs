using System.Globalization;
using HipFx.Data.Runs;
using HipFx.Data.Splits;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Report;

/// <summary>
/// Where the numbers come from, first: the run, the model and its checkpoint hash, the manifest and its hash, the data
/// per split, institution and label, τ and where it was chosen, versions, dates; then the cross-checks between the
/// run's files, and the config, run.json, tau.json and checkpoint metadata verbatim behind collapsible summaries.
/// </summary>
public static class ProvenanceSection
{
    public const string Id = "provenance";

    public static ReportSection Build(ReportContext context, DateTimeOffset generated)
    {
        var blocks = new List<ReportBlock> { new FactsBlock("provenance-summary", "At a glance", Summary(context, generated)) };
        if (context.Manifest is { } manifest)
        {
            blocks.Add(new TableBlock("split-census", null, SplitCensus.Table(manifest, manifest.Sha256()), []));
        }
        else
        {
            blocks.Add(new NoteBlock("The manifest was not found (neither run.json's manifest path nor the one eval read exists here): no counts per split, institution and label."));
        }
        blocks.Add(new ChecksBlock(ConsistencyChecks.Of(context)));
        blocks.Add(context.ConfigText is { } config
            ? new DetailsBlock("Resolved config (config.yaml)", config)
            : new NoteBlock("No config.yaml in the run folder."));
        if (context.Run is { } run)
        {
            blocks.Add(new DetailsBlock(RunFolder.RunFileName, run.Text));
        }
        else
        {
            blocks.Add(new NoteBlock("No run.json in the run folder: seed, versions, device, command line and times are not recorded here."));
        }
        if (File.Exists(context.Files.Tau))
        {
            blocks.Add(new DetailsBlock(RunFolder.TauFileName, File.ReadAllText(context.Files.Tau)));
        }
        if (context.Checkpoint is { Metadata.Count: > 0 } c)
        {
            blocks.Add(new DetailsBlock($"Checkpoint metadata ({context.Files.Relative(c.Path)})",
                string.Join("\n", c.Metadata.Select(m => $"{m.Key}: {m.Value}"))));
        }
        return new ReportSection(Id, "Provenance", blocks);
    }

    private static List<KeyValuePair<string, string>> Summary(ReportContext context, DateTimeOffset generated)
    {
        var files = context.Files;
        var run = context.Run;
        var facts = new List<KeyValuePair<string, string>> { new("Run", $"{files.Name} ({files.Folder})") };
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                facts.Add(new(name, value));
            }
        }

        var c = context.Checkpoint;
        string? Meta(string key) => c?.Metadata.FirstOrDefault(m => m.Key == key).Value;
        Add("Model", c is null ? "no checkpoint in the run folder (no best.safetensors or last.safetensors)"
            : string.Join(", ", new[]
            {
                Meta("architecture") ?? "architecture not recorded",
                Meta("inputWidth") is { } w ? $"input {w} × {Meta("inputHeight") ?? w}" : null,
                Meta("classes") is { } classes ? $"classes {classes}" : null,
            }.OfType<string>()));
        if (c is not null)
        {
            Add("Checkpoint", string.Create(CultureInfo.InvariantCulture, $"{files.Relative(c.Path)}, {c.Bytes:N0} bytes")
                + (Meta("epoch") is { } epoch ? $", epoch {epoch}" : "") + (Meta("metric") is { } metric ? $", {metric}" : "")
                + (c.Problem is { } problem ? $" ({problem})" : ""));
            Add("Checkpoint SHA-256", c.Sha256);
        }

        Add("Manifest", context.ManifestPath ?? run?.ManifestPath ?? "not recorded");
        Add("Manifest SHA-256 (canonical)", context.Manifest?.Sha256() ?? run?.ManifestHash);
        Add("Split sizes", SplitSizes(context));

        if (context.Tau is { } t)
        {
            Add("τ", string.Create(CultureInfo.InvariantCulture,
                $"{t.Tau:R}, chosen on the {t.Split} split ({t.Images} images) by {t.Criterion} = {t.Objective:0.####}, locked in tau.json")
                + (t.ValgusPriority ? string.Create(CultureInfo.InvariantCulture, $"; valgus priority on, τ_v = {t.ValgusTau}") : ""));
        }
        else if (Stamps(context).Select(s => s.Stamp).FirstOrDefault(s => s.Tau is not null) is { } used)
        {
            Add("τ", string.Create(CultureInfo.InvariantCulture, $"{used.Tau:R} ({used.TauSource}); no tau.json in the run folder"));
        }
        else
        {
            Add("τ", "not recorded (no tau.json, no evaluation)");
        }

        if (run is not null)
        {
            Add("Versions", string.Join(", ", run.Facts.Where(f => f.Key.Contains("version", StringComparison.OrdinalIgnoreCase))
                .Select(f => $"{f.Key.Replace("versions.", "", StringComparison.OrdinalIgnoreCase)} {f.Value}")));
            Add("Device", run.Find(RunRecord.Keys.Device));
            Add("Seed", run.Find(RunRecord.Keys.Seed));
            Add("Command line", run.Find(RunRecord.Keys.CommandLine, "command", "argv"));
            string? start = run.Find(RunRecord.Keys.Started, "start_utc", "started_utc", "start_time");
            string? end = run.Find(RunRecord.Keys.Ended, "end_utc", "ended_utc", "end_time");
            Add("Trained", start is null && end is null ? null : $"{start ?? "?"} → {(end is null or "null" ? "not finished" : end)}"
                + (run.Find(RunRecord.Keys.End) is { } how ? $" ({how})" : ""));
            string? bestEpoch = run.Find(RunRecord.Keys.BestEpoch);
            Add("Best epoch", bestEpoch is null ? null : bestEpoch + (run.Find(RunRecord.Keys.BestMetric) is { } metric ? $" (metric {metric})" : ""));
        }
        Add("Report", $"generated {Utc(generated)} by hipfx {ReportDocumentBuilder.Version}");
        return facts;
    }

    private static string? SplitSizes(ReportContext context)
    {
        if (context.Manifest is { } manifest)
        {
            return string.Join(" · ", SplitTable.From(manifest).Rows.Where(r => r.Split != "total")
                .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Split} {r.Images} ({string.Join(" ", r.Institutions)})")));
        }
        return RecordedSplitSizes(context.Run);
    }

    /// <summary>Split sizes as run.json records them (<c>splits.&lt;name&gt;.images</c>, or <c>split_sizes.&lt;name&gt;</c>); null when it does not.</summary>
    public static string? RecordedSplitSizes(RunRecord? run)
    {
        var sizes = run?.Facts
            .Select(f => f.Key.StartsWith("splits.", StringComparison.OrdinalIgnoreCase) && f.Key.EndsWith(".images", StringComparison.OrdinalIgnoreCase)
                ? (Name: f.Key["splits.".Length..^".images".Length], f.Value)
                : f.Key.StartsWith("split_sizes.", StringComparison.OrdinalIgnoreCase) ? (Name: f.Key["split_sizes.".Length..], f.Value) : (Name: "", f.Value))
            .Where(s => s.Name.Length > 0)
            .ToList();
        return sizes is { Count: > 0 } ? string.Join(" · ", sizes.Select(s => $"{s.Name} {s.Value}")) : null;
    }

    /// <summary>The stamps of the run's eval and readers outputs, by where they are.</summary>
    public static IEnumerable<(string Name, RunStamp Stamp)> Stamps(ReportContext context)
    {
        if (context.TestStamp is { } test)
        {
            yield return ("eval-test", test);
        }
        if (context.ExternalStamp is { } external)
        {
            yield return ("eval-external", external);
        }
        if (context.ReadersStamp is { } readers)
        {
            yield return ("readers", readers);
        }
    }

    public static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
