using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using HipFx.Core;

namespace HipFx.Evaluation.Report;

/// <summary>One epoch of <c>results.csv</c>; a value the trainer left empty (no validation that epoch) is null.</summary>
public sealed record EpochResult(
    int Epoch, long? Iterations, double? Lr, double? Loss, double? LossCls, double? LossBbox, double? LossDfl,
    double? ImagesPerSecond, double? EpochSeconds, double? ValAp50, double? ValAp5095, double? ValMacroSe,
    double? ValMacroSp, double? ValTau);

/// <summary>
/// <c>results.csv</c>, one row per epoch, columns (COMMON layout) <c>epoch,iterations,lr,loss,loss_cls,loss_bbox,
/// loss_dfl,images_per_s,epoch_s,val_ap50,val_ap50_95,val_macro_se,val_macro_sp,val_tau</c>; <c>val_*</c> empty when
/// the epoch was not validated. Only <c>epoch</c> is required; extra columns are ignored.
/// </summary>
public static class TrainingResults
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "epoch", "iterations", "lr", "loss", "loss_cls", "loss_bbox", "loss_dfl", "images_per_s", "epoch_s",
        "val_ap50", "val_ap50_95", "val_macro_se", "val_macro_sp", "val_tau",
    ];

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
}
