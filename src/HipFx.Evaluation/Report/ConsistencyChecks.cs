using System.Globalization;
using HipFx.Data.Runs;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Report;

/// <summary>
/// Cross-checks between a run's files that an auditor would otherwise do by hand: one manifest behind everything, one
/// locked τ chosen on val and used unchanged, and the readers' AI column taken from this run's external evaluation.
/// A check whose files are absent is not listed.
/// </summary>
public static class ConsistencyChecks
{
    public static IReadOnlyList<ConsistencyCheck> Of(ReportContext context)
    {
        var checks = new List<ConsistencyCheck>();
        var stamps = ProvenanceSection.Stamps(context).ToList();

        var hashes = new List<(string Where, string Hash)>();
        if (context.Run?.ManifestHash is { } recorded)
        {
            hashes.Add((RunFolder.RunFileName, recorded));
        }
        if (context.Manifest is { } m)
        {
            hashes.Add(("the manifest file", m.Sha256()));
        }
        hashes.AddRange(stamps.Where(s => s.Stamp.ManifestHash is not null).Select(s => (s.Name, s.Stamp.ManifestHash!)));
        if (hashes.Count > 1)
        {
            bool same = hashes.Select(h => h.Hash).Distinct(StringComparer.OrdinalIgnoreCase).Count() == 1;
            checks.Add(new("One manifest behind every result", same, same
                ? $"the same canonical SHA-256 in {Join(hashes.Select(h => h.Where))}"
                : string.Join("; ", hashes.Select(h => $"{h.Where}: {Short(h.Hash)}"))));
        }

        if (context.Tau is { } tau)
        {
            checks.Add(new("τ chosen on the validation split", tau.Split == "val",
                $"tau.json says it was chosen on '{tau.Split}' ({tau.Images} images)"));
            var evals = stamps.Where(s => s.Stamp.Tau is not null).ToList();
            if (evals.Count > 0)
            {
                bool same = evals.All(s => s.Stamp.Tau == tau.Tau);
                checks.Add(new("The locked τ used unchanged", same, string.Join("; ",
                    evals.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name}: τ = {s.Stamp.Tau:R}")))
                    + string.Create(CultureInfo.InvariantCulture, $"; tau.json: τ = {tau.Tau:R}")));
            }
        }

        string audit = context.Sources.Full("eval-external/audit.csv");
        string? readersAudit = context.ReadersStamp?.Extra.FirstOrDefault(e => e.Key == "model_audit_sha256").Value;
        if (readersAudit is not null && File.Exists(audit))
        {
            string sha = FileHash.Sha256(audit);
            bool same = string.Equals(sha, readersAudit, StringComparison.OrdinalIgnoreCase);
            checks.Add(new("The readers' AI column is this run's external evaluation", same,
                same ? "readers' model audit SHA-256 equals eval-external/audit.csv's"
                     : $"readers read an audit with SHA-256 {Short(readersAudit)}; eval-external/audit.csv has {Short(sha)}"));
        }
        return checks;
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;

    private static string Join(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1];
    }
}
