using System.Globalization;
using System.Text;
using HipFx.Training.Loop;

namespace HipFx.Training.Reporting;

/// <summary>
/// <c>results.csv</c>: one row per epoch, the columns every reader of a run folder relies on (the val_* cells are empty
/// when the epoch was not validated). Read back for the curves, the report and a resumed run.
/// </summary>
public static class ResultsTable
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "epoch", "iterations", "lr", "loss", "loss_cls", "loss_bbox", "loss_dfl", "images_per_s", "epoch_s",
        "val_ap50", "val_ap50_95", "val_macro_se", "val_macro_sp", "val_tau",
    ];

    /// <summary>One row of cells for <paramref name="summary"/>, in <see cref="Columns"/> order.</summary>
    public static string Row(EpochSummary summary)
    {
        var v = summary.Validation;
        string[] cells =
        [
            summary.Epoch.ToString(CultureInfo.InvariantCulture),
            summary.Iterations.ToString(CultureInfo.InvariantCulture),
            Number(summary.Lr), Number(summary.Loss), Number(summary.LossCls), Number(summary.LossBbox), Number(summary.LossDfl),
            Number(summary.ImagesPerSecond), Number(summary.EpochSeconds),
            Number(v?.Ap50), Number(v?.Ap50To95), Number(v?.MacroSensitivity), Number(v?.MacroSpecificity), Number(v?.Tau),
        ];
        return string.Join(',', cells);
    }

    /// <summary>The rows of an existing file (header skipped), each as named cells; empty when there is no file.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, double?>> Read(string path)
    {
        var rows = new List<IReadOnlyDictionary<string, double?>>();
        if (!File.Exists(path))
        {
            return rows;
        }
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0)
        {
            return rows;
        }
        var header = lines[0].Split(',');
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split(',');
            var row = new Dictionary<string, double?>();
            for (int i = 0; i < header.Length && i < cells.Length; i++)
            {
                row[header[i]] = double.TryParse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : null;
            }
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Writes the header and <paramref name="rows"/> (already formatted) to <paramref name="path"/> by replacing it whole.</summary>
    public static void Write(string path, IEnumerable<string> rows)
    {
        var sb = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var row in rows)
        {
            sb.Append(row).Append('\n');
        }
        ReplaceFile(path, sb.ToString());
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/>, then renames it over: readers never see half a file.</summary>
    internal static void ReplaceFile(string path, string text) => Core.IO.AtomicFile.WriteAllText(path, text);

    private static string Number(double? value) =>
        value is { } x && double.IsFinite(x) ? x.ToString("G6", CultureInfo.InvariantCulture) : "";
}
