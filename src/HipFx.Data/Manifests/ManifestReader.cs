using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using HipFx.Core;
using HipFx.Data.Files;

namespace HipFx.Data.Manifests;

/// <summary>
/// Reads a manifest CSV. Every row is validated and all bad rows are reported in one
/// <see cref="HipFxDataException"/> (line number, column, value, what was expected), like a compiler lists errors.
/// A manifest in which a patient is in two splits is refused. Unknown columns are an error (a typo in a column name
/// would otherwise silently drop data).
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads and validates the manifest at <paramref name="path"/>.</summary>
    public static Manifest Read(string path, ManifestReadOptions? options = null)
    {
        options ??= ManifestReadOptions.Default;
        using var text = new StreamReader(InputFile.OpenRead(path, MaxBytes, "manifest"));
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var rows = ReadRows(text, path, folder, options.AllowOutsidePaths);
        return Manifest.Trusted(folder, rows, Path.GetFullPath(path), options.AllowOutsidePaths);
    }

    /// <summary>Largest manifest file read, in bytes (1 GiB: about ten million rows).</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>Reads and validates rows from <paramref name="text"/>; <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<ManifestRow> ReadRows(TextReader text, string source) => ReadRows(text, source, null, allowOutside: true);

    /// <summary>Reads and validates rows; when <paramref name="folder"/> is given, paths are checked against the
    /// path rule (<see cref="ManifestPaths"/>) too.</summary>
    private static IReadOnlyList<ManifestRow> ReadRows(TextReader text, string source, string? folder, bool allowOutside)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            DetectColumnCountChanges = false,
            BadDataFound = null,
        };
        var rows = new List<ManifestRow>();
        var problems = new List<string>();
        try
        {
            using var csv = new CsvReader(text, config);
            if (!csv.Read())
            {
                throw new HipFxDataException("manifest is empty: expected a header line " + string.Join(",", ManifestColumns.All), source);
            }
            csv.ReadHeader();
            var header = csv.HeaderRecord!.Select(h => h.Trim()).ToArray();
            var columns = Columns(header, source);
            while (csv.Read())
            {
                int line = csv.Parser.RawRow;
                if (csv.Parser.Record is { Length: 1 } only && only[0].Trim().Length == 0)
                {
                    continue; // a blank line
                }
                if (csv.Parser.Count != header.Length)
                {
                    problems.Add($"line {line}: {csv.Parser.Count} fields, the header has {header.Length}");
                    continue;
                }
                var row = new RowParser(csv, columns, line, problems).Parse();
                if (row is not null)
                {
                    foreach (var (column, value) in new[] { (ManifestColumns.ImagePath, row.ImagePath), (ManifestColumns.AnnotationPath, row.AnnotationPath) })
                    {
                        if (value is not null && (folder is null ? ManifestPaths.Problem(value, ".", allowOutside: true) : ManifestPaths.Problem(value, folder, allowOutside)) is { } problem)
                        {
                            problems.Add($"line {line}, {column}: '{Echo.Text(value)}': {problem}");
                        }
                    }
                    rows.Add(row);
                }
            }
        }
        catch (CsvHelperException e)
        {
            throw new HipFxDataException($"malformed CSV: {e.Message.Split('\n')[0]}", source, inner: e);
        }
        problems.AddRange(ManifestValidator.Problems(rows));
        ManifestValidator.ThrowIfAny(problems, source);
        return rows;
    }

    private static Dictionary<string, int> Columns(string[] header, string source)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new List<string>();
        for (int i = 0; i < header.Length; i++)
        {
            string name = header[i].ToLowerInvariant();
            if (!ManifestColumns.All.Contains(name))
            {
                unknown.Add(Echo.Text(header[i], 40));
            }
            else if (!columns.TryAdd(name, i))
            {
                throw new HipFxDataException($"column '{name}' appears twice in the header", source, "line 1");
            }
        }
        var missing = ManifestColumns.Required.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0 || unknown.Count > 0)
        {
            var parts = new List<string>();
            if (missing.Count > 0) parts.Add("missing column(s) " + string.Join(", ", missing));
            if (unknown.Count > 0) parts.Add("unknown column(s) " + string.Join(", ", unknown));
            throw new HipFxDataException(
                string.Join("; ", parts) + $". Expected columns: {string.Join(",", ManifestColumns.Required)} and optionally {string.Join(",", ManifestColumns.Optional)}",
                source, "line 1");
        }
        return columns;
    }

    private sealed class RowParser(CsvReader csv, Dictionary<string, int> columns, int line, List<string> problems)
    {
        private int before;

        public ManifestRow? Parse()
        {
            before = problems.Count;
            var label = Optional(ManifestColumns.Label) is { } labelText
                ? Label(labelText) : null;
            var split = Optional(ManifestColumns.Split) is { } splitText
                ? Split(splitText) : null;
            var row = new ManifestRow
            {
                ImageId = Required(ManifestColumns.ImageId),
                PatientId = Required(ManifestColumns.PatientId),
                Institution = Required(ManifestColumns.Institution),
                ImagePath = Required(ManifestColumns.ImagePath),
                AnnotationPath = Optional(ManifestColumns.AnnotationPath),
                Label = label,
                Split = split,
                Sex = Sex(),
                Age = Age(),
                StudyDate = Date(),
                View = Optional(ManifestColumns.View),
                Laterality = Laterality(),
            };
            return problems.Count == before ? row : null;
        }

        private string? Optional(string column)
        {
            if (!columns.TryGetValue(column, out int index))
            {
                return null;
            }
            string value = csv.GetField(index)?.Trim() ?? "";
            return value.Length == 0 ? null : value;
        }

        private string Required(string column)
        {
            var value = Optional(column);
            if (value is null)
            {
                Problem(column, "", "a value (this column may not be empty)");
            }
            return value ?? "";
        }

        private ImageLabel? Label(string text)
        {
            if (ClassNames.TryParseLabel(text, out var label))
            {
                return label;
            }
            Problem(ManifestColumns.Label, text, "one of " + string.Join(", ", ClassNames.ImageLabels.Select(l => l.Name())) + " or empty (unreviewed)");
            return null;
        }

        private DatasetSplit? Split(string text)
        {
            if (DatasetSplits.TryParse(text, out var split))
            {
                return split;
            }
            Problem(ManifestColumns.Split, text, "train, val, test, external or empty (not split yet)");
            return null;
        }

        private string? Sex()
        {
            var text = Optional(ManifestColumns.Sex);
            if (text is null) return null;
            string upper = text.ToUpperInvariant();
            if (upper is "M" or "F" or "O" or "U") return upper;
            Problem(ManifestColumns.Sex, text, "M, F, O, U or empty");
            return null;
        }

        private int? Age()
        {
            var text = Optional(ManifestColumns.Age);
            if (text is null) return null;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int age) && age <= 130) return age;
            Problem(ManifestColumns.Age, text, "whole years from 0 to 130 or empty");
            return null;
        }

        private DateOnly? Date()
        {
            var text = Optional(ManifestColumns.StudyDate);
            if (text is null) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
            Problem(ManifestColumns.StudyDate, text, "a date yyyy-MM-dd or empty");
            return null;
        }

        private string? Laterality()
        {
            var text = Optional(ManifestColumns.Laterality);
            if (text is null) return null;
            string lower = text.ToLowerInvariant();
            switch (lower)
            {
                case "left" or "l": return "left";
                case "right" or "r": return "right";
                case "bilateral" or "b": return "bilateral";
            }
            Problem(ManifestColumns.Laterality, text, "left, right, bilateral or empty");
            return null;
        }

        private void Problem(string column, string value, string expected) =>
            problems.Add($"line {line}, {column}: '{Echo.Text(value)}', expected {expected}");
    }
}
