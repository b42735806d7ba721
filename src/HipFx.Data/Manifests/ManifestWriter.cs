using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using HipFx.Core;
using HipFx.Core.IO;

namespace HipFx.Data.Manifests;

/// <summary>
/// Writes manifests as CSV: UTF-8 without BOM, LF line ends, the columns of <see cref="ManifestColumns.All"/>
/// (optional columns only when some row has a value, or when asked), paths with forward slashes.
/// The file is written to a temporary name and moved into place.
/// </summary>
public static class ManifestWriter
{
    /// <summary>Writes <paramref name="manifest"/> to <paramref name="path"/> (validated first).</summary>
    public static void Write(Manifest manifest, string path) => Write(manifest.Rows, path);

    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/>, refusing invalid rows (a leak, duplicate ids).</summary>
    public static void Write(IReadOnlyList<ManifestRow> rows, string path)
    {
        ManifestValidator.ThrowIfInvalid(rows, path);
        AtomicFile.WriteAllText(path, ToCsv(rows, optionalColumns: null));
    }

    /// <summary>
    /// The CSV text of <paramref name="rows"/> in the given order. <paramref name="optionalColumns"/> true writes every
    /// optional column, false none, null those with a value in some row.
    /// </summary>
    public static string ToCsv(IReadOnlyList<ManifestRow> rows, bool? optionalColumns)
    {
        var optional = ManifestColumns.Optional.Where(c => optionalColumns ?? rows.Any(r => Cell(r, c) is not null)).ToList();
        var columns = ManifestColumns.Required.Concat(optional).ToList();
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var config = new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var csv = new CsvWriter(text, config))
        {
            foreach (var column in columns)
            {
                csv.WriteField(column);
            }
            csv.NextRecord();
            foreach (var row in rows)
            {
                foreach (var column in columns)
                {
                    csv.WriteField(Cell(row, column) ?? "");
                }
                csv.NextRecord();
            }
        }
        return text.ToString();
    }

    /// <summary>The text of one cell; null for an empty cell.</summary>
    public static string? Cell(ManifestRow row, string column) => column switch
    {
        ManifestColumns.ImageId => row.ImageId,
        ManifestColumns.PatientId => row.PatientId,
        ManifestColumns.Institution => row.Institution,
        ManifestColumns.ImagePath => row.ImagePath.Replace('\\', '/'),
        ManifestColumns.AnnotationPath => row.AnnotationPath?.Replace('\\', '/'),
        ManifestColumns.Label => row.Label?.Name(),
        ManifestColumns.Split => row.Split?.Name(),
        ManifestColumns.Sex => row.Sex,
        ManifestColumns.Age => row.Age?.ToString(CultureInfo.InvariantCulture),
        ManifestColumns.StudyDate => row.StudyDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ManifestColumns.View => row.View,
        ManifestColumns.Laterality => row.Laterality,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not a manifest column"),
    };
}
