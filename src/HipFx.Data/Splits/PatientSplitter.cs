using HipFx.Core;
using HipFx.Data.Manifests;

namespace HipFx.Data.Splits;

/// <summary>
/// Assigns every manifest row a split: rows of external institutions become <c>external</c>; the internal patients
/// are split into train/val/test, all images of one patient together, stratified by the patient's label.
/// <para>
/// Algorithm (deterministic): each internal patient gets a stratum, its most frequent image label (ties: the
/// lower label id; patients without any label form an "unreviewed" stratum). Within a stratum, patients are sorted
/// by id and shuffled with SplitMix64 seeded by (seed, stratum name); then each patient in turn goes to the split
/// furthest below its target share of the stratum's images assigned so far (ties: train, val, test). So every
/// stratum is split close to the fractions, in images, and the result does not depend on row order.
/// </para>
/// </summary>
public static class PatientSplitter
{
    /// <summary>The rows of <paramref name="manifest"/> with the split column (re)assigned.</summary>
    public static Manifest Split(Manifest manifest, SplitOptions options)
    {
        options.Validate();
        var rows = manifest.Rows;
        CheckPatientsStayInOneSide(rows, options, manifest.FilePath ?? manifest.Folder);
        var assignment = new Dictionary<string, DatasetSplit>(StringComparer.Ordinal);
        var internalPatients = rows.Where(r => !options.IsExternal(r.Institution))
            .GroupBy(r => r.PatientId, StringComparer.Ordinal)
            .ToList();
        foreach (var stratum in internalPatients.GroupBy(Stratum).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var patients = stratum.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
            var random = new SplitMix64(options.Seed ^ SplitMix64.Hash(stratum.Key));
            for (int i = patients.Count - 1; i > 0; i--)
            {
                int j = random.NextBelow(i + 1);
                (patients[i], patients[j]) = (patients[j], patients[i]);
            }
            double[] shares = [options.Train, options.Val, options.Test];
            var assigned = new double[3];
            foreach (var patient in patients)
            {
                int images = patient.Count();
                double total = assigned.Sum() + images;
                int best = 0;
                double bestDeficit = double.NegativeInfinity;
                for (int s = 0; s < 3; s++)
                {
                    double deficit = (shares[s] * total) - assigned[s];
                    if (shares[s] > 0 && deficit > bestDeficit + 1e-12)
                    {
                        best = s;
                        bestDeficit = deficit;
                    }
                }
                assigned[best] += images;
                assignment[patient.Key] = (DatasetSplit)best;
            }
        }
        var split = rows.Select(r => r with
        {
            Split = options.IsExternal(r.Institution) ? DatasetSplit.External : assignment[r.PatientId],
        });
        return manifest.WithRows(split);
    }

    /// <summary>The stratum name of a patient: its most frequent label, or <c>unreviewed</c>.</summary>
    public static string Stratum(IEnumerable<ManifestRow> patientRows)
    {
        var labels = patientRows.Where(r => r.Label is not null).Select(r => r.Label!.Value).ToList();
        if (labels.Count == 0)
        {
            return "unreviewed";
        }
        return labels.GroupBy(l => l).OrderByDescending(g => g.Count()).ThenBy(g => (int)g.Key).First().Key.Name();
    }

    private static void CheckPatientsStayInOneSide(IReadOnlyList<ManifestRow> rows, SplitOptions options, string source)
    {
        var mixed = rows.GroupBy(r => r.PatientId, StringComparer.Ordinal)
            .Where(g => g.Select(r => options.IsExternal(r.Institution)).Distinct().Count() > 1)
            .Select(g => $"patient '{g.Key}' has images from internal and external institutions: " +
                         string.Join(", ", g.Select(r => $"{r.ImageId} ({r.Institution})")))
            .ToList();
        if (mixed.Count > 0)
        {
            throw new HipFxDataException(
                "a patient cannot be both in the external split and in train/val/test:\n  " + string.Join("\n  ", mixed), source);
        }
        if (options.ExternalInstitutions.Count > 0)
        {
            var known = rows.Select(r => r.Institution.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unknown = options.ExternalInstitutions.Where(e => !known.Contains(e.Trim())).ToList();
            if (unknown.Count > 0)
            {
                throw new HipFxConfigException(
                    $"external institution(s) {string.Join(", ", unknown)} not in the manifest; its institutions are {string.Join(", ", known.Order())}");
            }
        }
    }
}
