using System.Globalization;
using CsvHelper;
using HipFx.Core;
using HipFx.Core.IO;

namespace HipFx.Evaluation.Readers;

/// <summary>One row of a reads CSV as written, before validation.</summary>
public sealed record RawRead(
    string? ImageId, string? Reader, string? Phase, string? Label, string? Confidence, string? ReadingTimeS, int Line);

/// <summary>
/// The reads CSV of a reader study: <c>image_id, reader, phase, label</c> (required),
/// <c>confidence, reading_time_s</c> (optional). Other columns are ignored.
/// </summary>
public static class ReadsCsv
{
    public const string ImageId = "image_id";
    public const string Reader = "reader";
    public const string Phase = "phase";
    public const string Label = "label";
    public const string Confidence = "confidence";
    public const string ReadingTimeS = "reading_time_s";

    /// <summary>Reads every row as text; <see cref="ReaderStudyBuilder"/> validates them all at once.</summary>
    public static IReadOnlyList<RawRead> Load(string path)
    {
        using var csv = CsvColumns.Open(path, "reads CSV", ImageId, Reader, Phase, Label);
        var rows = new List<RawRead>();
        while (csv.Next())
        {
            rows.Add(new RawRead(
                csv.Get(ImageId), csv.Get(Reader), csv.Get(Phase), csv.Get(Label),
                csv.Get(Confidence), csv.Get(ReadingTimeS), csv.Line));
        }
        return rows;
    }

    /// <summary>Writes reads with all six columns (empty optional fields when absent).</summary>
    public static void Write(string path, IEnumerable<ReaderRead> reads)
    {
        AtomicFile.WriteText(path, writer => Write(writer, reads));
    }

    private static void Write(TextWriter writer, IEnumerable<ReaderRead> reads)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (string column in new[] { ImageId, Reader, Phase, Label, Confidence, ReadingTimeS })
        {
            csv.WriteField(column);
        }
        csv.NextRecord();
        foreach (var r in reads)
        {
            csv.WriteField(r.ImageId);
            csv.WriteField(r.Reader);
            csv.WriteField(r.Phase.Name());
            csv.WriteField(r.Label.Name());
            csv.WriteField(r.Confidence?.ToString("0.###", CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(r.ReadingTimeS?.ToString("0.#", CultureInfo.InvariantCulture) ?? "");
            csv.NextRecord();
        }
    }
}
