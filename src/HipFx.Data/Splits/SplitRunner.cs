using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using HipFx.Data.Manifests;
using HipFx.Core.IO;

namespace HipFx.Data.Splits;

/// <summary>Settings of one <c>hipfx split</c> run.</summary>
public sealed record SplitRunOptions
{
    public SplitOptions Split { get; init; } = new();

    /// <summary>Where the split manifest is written; null: over the input manifest (atomically).</summary>
    public string? Output { get; init; }

    /// <summary>Near-duplicate search; null turns it off.</summary>
    public NearDuplicateOptions? NearDuplicates { get; init; } = new();

    /// <summary>Throws <see cref="HipFx.Core.HipFxConfigException"/> naming a bad setting, before any file is read.</summary>
    public SplitRunOptions Validated()
    {
        Split.Validate();
        NearDuplicates?.Validated();
        return this;
    }
}

/// <summary>What one <c>hipfx split</c> run produced.</summary>
public sealed record SplitRunResult(
    Manifest Manifest,
    string ManifestPath,
    string ManifestSha256,
    SplitTable Table,
    SplitOptions EffectiveSplit,
    NearDuplicateFinder.Result? NearDuplicates,
    IReadOnlyList<string> WrittenFiles);

/// <summary>
/// Reads a manifest, splits it (<see cref="PatientSplitter"/>), writes the split manifest, looks for near-duplicate
/// images across splits and writes the split table (<c>&lt;stem&gt;.split.md</c>, <c>.split.csv</c>) and a JSON record
/// (<c>&lt;stem&gt;.split.json</c>: manifest SHA-256, seed, fractions, table, near-duplicates) next to the manifest.
/// </summary>
public static class SplitRunner
{
    public static SplitRunResult Run(string manifestPath, SplitRunOptions options, IProgress<int>? hashing = null)
    {
        options = options.Validated();
        var input = ManifestReader.Read(manifestPath);
        options = options with { Split = options.Split.WithExternalsFrom(input) };
        var split = PatientSplitter.Split(input, options.Split);
        string output = Path.GetFullPath(options.Output ?? manifestPath);
        if (!string.Equals(Path.GetDirectoryName(output), input.Folder, StringComparison.Ordinal))
        {
            // Keep image paths valid from the new folder.
            split = Manifest.Create(Path.GetDirectoryName(output)!, split.Rows.Select(r => r with
            {
                ImagePath = Relative(input, r.ImagePath, output),
                AnnotationPath = r.AnnotationPath is null ? null : Relative(input, r.AnnotationPath, output),
            }), output);
        }
        ManifestWriter.Write(split, output);
        // The rows were validated when the split was built; the hash covers the canonical CSV of the rows, which is
        // what reading the file back gives.
        var written = Manifest.Trusted(split.Folder, split.Rows, output);
        string sha = written.Sha256();
        var table = SplitTable.From(written);
        var duplicates = options.NearDuplicates is null ? null : NearDuplicateFinder.Find(written, options.NearDuplicates, hashing);
        string stem = Path.Combine(Path.GetDirectoryName(output)!, Path.GetFileNameWithoutExtension(output));
        var files = new List<string> { output };
        WriteText(stem + ".split.md", table.ToMarkdown(), files);
        WriteText(stem + ".split.csv", table.ToCsv(), files);
        WriteText(stem + ".split.json", Json(written, sha, table, duplicates, options), files);
        return new SplitRunResult(written, output, sha, table, options.Split, duplicates, files);
    }

    private static string Relative(Manifest input, string path, string output)
    {
        string absolute = input.Resolve(path);
        return Path.GetRelativePath(Path.GetDirectoryName(output)!, absolute).Replace('\\', '/');
    }

    private static void WriteText(string path, string text, List<string> files)
    {
        AtomicFile.WriteAllText(path, text);
        files.Add(path);
    }

    private static string Json(Manifest manifest, string sha, SplitTable table, NearDuplicateFinder.Result? duplicates, SplitRunOptions options)
    {
        var record = new
        {
            manifest = Path.GetFileName(manifest.FilePath),
            manifest_sha256 = sha,
            seed = options.Split.Seed,
            fractions = new { train = options.Split.Train, val = options.Split.Val, test = options.Split.Test },
            external_institutions = options.Split.ExternalInstitutions,
            algorithm = "patient-grouped, label-stratified (most frequent label per patient), SplitMix64 shuffle, largest-deficit assignment",
            table = table.Rows.Select(r => new
            {
                split = r.Split,
                labels = r.LabelCounts,
                unreviewed = r.Unreviewed,
                images = r.Images,
                patients = r.Patients,
                institutions = r.Institutions,
            }),
            near_duplicates = duplicates is null ? null : new
            {
                hash = $"dhash{options.NearDuplicates!.HashSize}x{options.NearDuplicates.HashSize}",
                max_distance = options.NearDuplicates.MaxDistance,
                pairs = duplicates.Pairs.Select(p => new
                {
                    a = p.ImageA, split_a = p.SplitA?.Name(), b = p.ImageB, split_b = p.SplitB?.Name(), distance = p.Distance, bits = p.Bits,
                }),
                unreadable = duplicates.Unreadable.Select(u => new { image_id = u.ImageId, reason = u.Reason }),
            },
        };
        return JsonSerializer.Serialize(record, new JsonSerializerOptions
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        }) + "\n";
    }
}
