using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using HipFx.Core;
using HipFx.Core.IO;

namespace HipFx.Data.Runs;

/// <summary>
/// <c>results.csv</c>, one row per epoch, the columns every reader of a run folder relies on: <c>epoch,iterations,lr,
/// loss,loss_cls,loss_bbox,loss_dfl,images_per_s,epoch_s,val_ap50,val_ap50_95,val_macro_se,val_macro_sp,val_tau</c>;
/// <c>val_*</c> empty when the epoch was not validated. Written by <c>hipfx train</c> after each epoch, read back for
/// the curves, a resumed run and <c>hipfx report</c>. On reading only <c>epoch</c> is required; extra columns are ignored.
/// </summary>
public static class ResultsTable
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "epoch", "iterations", "lr", "loss", "loss_cls", "loss_bbox", "loss_dfl", "images_per_s", "epoch_s",
        "val_ap50", "val_ap50_95", "val_macro_se", "val_macro_sp", "val_tau",
    ];

    /// <summary>One line of cells for <paramref name="epoch"/>, in <see cref="Columns"/> order (numbers G6, invariant; null or not finite → empty).</summary>
    public static string Row(EpochResult epoch)
    {
        string[] cells =
        [
            epoch.Epoch.ToString(CultureInfo.InvariantCulture),
            epoch.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "",
            Number(epoch.Lr), Number(epoch.Loss), Number(epoch.LossCls), Number(epoch.LossBbox), Number(epoch.LossDfl),
            Number(epoch.ImagesPerSecond), Number(epoch.EpochSeconds),
            Number(epoch.ValAp50), Number(epoch.ValAp5095), Number(epoch.ValMacroSe), Number(epoch.ValMacroSp), Number(epoch.ValTau),
        ];
        return string.Join(',', cells);
    }

    /// <summary>Writes the header and one row per epoch to <paramref name="path"/>, replacing it whole (atomically: readers never see half a file).</summary>
    public static void Write(string path, IEnumerable<EpochResult> epochs)
    {
        var sb = new StringBuilder().AppendJoin(',', Columns).Append('\n');
        foreach (var epoch in epochs)
        {
            sb.Append(Row(epoch)).Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    /// <summary>Reads the file; a bad number throws <see cref="HipFxDataException"/> naming the file, line and column.</summary>
    public static IReadOnlyList<EpochResult> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim });
        if (!csv.Read() || !csv.ReadHeader())
        {
            throw new HipFxDataException("empty results file: expected a header line starting with 'epoch'", path);
        }
        var header = csv.HeaderRecord ?? [];
        if (!header.Contains("epoch"))
        {
            throw new HipFxDataException($"no 'epoch' column (found: {string.Join(", ", header)})", path, "header");
        }
        var rows = new List<EpochResult>();
        while (csv.Read())
        {
            int line = csv.Parser.Row;
            double? Get(string column)
            {
                if (!header.Contains(column))
                {
                    return null;
                }
                string? text = csv.GetField(column);
                if (string.IsNullOrEmpty(text))
                {
                    return null;
                }
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
                    ? v
                    : throw new HipFxDataException($"'{text}' is not a number", path, $"line {line}, column {column}");
            }
            double epoch = Get("epoch") ?? throw new HipFxDataException("empty epoch", path, $"line {line}");
            rows.Add(new EpochResult((int)epoch, (long?)Get("iterations"), Get("lr"), Get("loss"), Get("loss_cls"),
                Get("loss_bbox"), Get("loss_dfl"), Get("images_per_s"), Get("epoch_s"), Get("val_ap50"), Get("val_ap50_95"),
                Get("val_macro_se"), Get("val_macro_sp"), Get("val_tau")));
        }
        return rows;
    }

    private static string Number(double? value) =>
        value is { } x && double.IsFinite(x) ? x.ToString("G6", CultureInfo.InvariantCulture) : "";
}
