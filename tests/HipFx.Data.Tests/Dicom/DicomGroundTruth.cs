using System.Text.Json;
using HipFx.Tests;

namespace HipFx.Data.Tests.Dicom;

/// <summary>One file's reference statistics from <c>shared/data/dicom/ground_truth.json</c> (pydicom, GDCM, DCMTK).</summary>
public sealed record DicomGroundTruth(string File, string? TransferSyntax, PixelStats? Stored, PixelStats? Modality)
{
    public static string Folder => RepoPaths.SharedFile("data", "dicom");

    public string Path => System.IO.Path.Combine(Folder, File);

    /// <summary>JPEG baseline/extended: lossy, so decoders may differ slightly.</summary>
    public bool IsLossy => TransferSyntax is "1.2.840.10008.1.2.4.50" or "1.2.840.10008.1.2.4.51";

    public bool IsUnsupported => TransferSyntax is { } ts && (ts.StartsWith("1.2.840.10008.1.2.4.8", StringComparison.Ordinal) || ts.StartsWith("1.2.840.10008.1.2.4.9", StringComparison.Ordinal));

    public override string ToString() => File;

    private static readonly Lazy<IReadOnlyList<DicomGroundTruth>> All = new(Load);

    public static IReadOnlyList<DicomGroundTruth> Entries => All.Value;

    public static DicomGroundTruth Get(string file) => Entries.Single(e => e.File == file);

    /// <summary>Decodable top-level files, for [MemberData].</summary>
    public static TheoryData<string> DecodableFiles()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries.Where(e => !e.File.StartsWith("malformed/", StringComparison.Ordinal) && !e.IsUnsupported))
        {
            data.Add(entry.File);
        }
        return data;
    }

    public static TheoryData<string> UnsupportedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var entry in Entries.Where(e => !e.File.StartsWith("malformed/", StringComparison.Ordinal) && e.IsUnsupported))
        {
            data.Add(entry.File);
        }
        return data;
    }

    private static IReadOnlyList<DicomGroundTruth> Load()
    {
        using var json = JsonDocument.Parse(System.IO.File.ReadAllText(System.IO.Path.Combine(Folder, "ground_truth.json")));
        var list = new List<DicomGroundTruth>();
        foreach (var e in json.RootElement.EnumerateArray())
        {
            var stored = Stats(e, "stored");
            // For signed data with a sub-16-bit BitsStored the reference decoders return raw codes; the
            // sign-extended column is the correct stored value (README, JLSL_16_15_1_1F).
            if (e.TryGetProperty("stored_masked_signextended", out _))
            {
                stored = Stats(e, "stored_masked_signextended");
            }
            list.Add(new DicomGroundTruth(
                e.GetProperty("file").GetString()!,
                e.TryGetProperty("ts", out var ts) && ts.ValueKind == JsonValueKind.String ? ts.GetString() : null,
                stored,
                Stats(e, "modality")));
        }
        return list;
    }

    private static PixelStats? Stats(JsonElement e, string name) =>
        e.TryGetProperty(name, out var s) && s.ValueKind == JsonValueKind.Object
            ? new PixelStats(s.GetProperty("min").GetDouble(), s.GetProperty("max").GetDouble(), s.GetProperty("mean").GetDouble())
            : null;
}

public readonly record struct PixelStats(double Min, double Max, double Mean)
{
    public static PixelStats Of(IEnumerable<double> values)
    {
        double min = double.MaxValue, max = double.MinValue, sum = 0;
        long n = 0;
        foreach (var v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
            sum += v;
            n++;
        }
        return new PixelStats(min, max, sum / n);
    }
}
