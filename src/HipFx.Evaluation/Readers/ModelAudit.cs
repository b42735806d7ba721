using HipFx.Core;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// The model's image-level decisions from <c>hipfx eval</c>'s audit CSV (columns <c>image_id, truth, decision</c>
/// at least; others ignored), shown in the reader study as one more reader. Its truth must agree with the
/// study's truth; images beyond the study are ignored.
/// </summary>
public sealed class ModelAudit
{
    public ModelAudit(IReadOnlyDictionary<string, (ImageLabel Truth, ImageLabel Decision)> rows, string? path = null)
    {
        Rows = rows;
        Path = path;
    }

    public IReadOnlyDictionary<string, (ImageLabel Truth, ImageLabel Decision)> Rows { get; }

    public string? Path { get; }

    /// <summary>Loads an audit CSV, reporting every bad row at once.</summary>
    public static ModelAudit Load(string path)
    {
        using var csv = CsvColumns.Open(path, "model audit CSV", "image_id", "truth", "decision");
        var problems = new ProblemList();
        var rows = new Dictionary<string, (ImageLabel, ImageLabel)>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        while (csv.Next())
        {
            string? id = csv.Get("image_id");
            if (id is null)
            {
                problems.Add(null, csv.Line, "empty image_id");
                continue;
            }
            string? truthText = csv.Get("truth"), decisionText = csv.Get("decision");
            bool ok = true;
            if (!LabelNames.TryParse(truthText, out var truth))
            {
                problems.Add(null, csv.Line, $"image '{id}': {LabelNames.Unknown(truthText, "truth label")}");
                ok = false;
            }
            if (!LabelNames.TryParse(decisionText, out var decision))
            {
                problems.Add(null, csv.Line, $"image '{id}': {LabelNames.Unknown(decisionText, "decision")}");
                ok = false;
            }
            if (firstLine.TryGetValue(id, out int first))
            {
                problems.Add(null, csv.Line, $"image '{id}' appears twice (first at line {first})");
                continue;
            }
            firstLine[id] = csv.Line;
            if (ok)
            {
                rows[id] = (truth, decision);
            }
        }
        problems.ThrowIfAny("model audit CSV " + path);
        return new ModelAudit(rows, path);
    }

    /// <summary>Writes <c>image_id,truth,decision</c> (the columns the reader study reads).</summary>
    public static void Write(string path, IEnumerable<(string ImageId, ImageLabel Truth, ImageLabel Decision)> rows)
    {
        AtomicFile.WriteText(path, writer =>
        {
            writer.WriteLine("image_id,truth,decision");
            foreach (var (id, truth, decision) in rows)
            {
                writer.WriteLine($"{Quote(id)},{truth.Name()},{decision.Name()}");
            }
        });
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"") + "\"";
}
