namespace HipFx.Data.Dicom.Lut;

using HipFx.Data.Dicom.Pixels;

/// <summary>Stored values to modality values (Hounsfield units, optical density...): the Modality LUT Sequence
/// when present, else RescaleSlope/RescaleIntercept (default 1 and 0). Colour images have none (identity).</summary>
public sealed class ModalityLut
{
    private ModalityLut(double slope, double intercept, LutTable? table)
    {
        Slope = slope;
        Intercept = intercept;
        Table = table;
    }

    public static ModalityLut Identity { get; } = new(1, 0, null);

    public double Slope { get; }

    public double Intercept { get; }

    /// <summary>The Modality LUT Sequence's table; when set, slope and intercept are ignored.</summary>
    public LutTable? Table { get; }

    public static ModalityLut From(DicomDataset dataset, PixelDescription description, string file)
    {
        if (!description.IsMonochrome)
        {
            return Identity;
        }
        var sequence = dataset.GetSequence(DicomTag.ModalityLutSequence);
        if (sequence.Count > 0 && sequence[0].Contains(DicomTag.LutDescriptor))
        {
            return new ModalityLut(1, 0, LutTable.Parse(sequence[0], DicomTag.ModalityLutSequence, description.Signed, file));
        }
        var slope = dataset.GetDecimal(DicomTag.RescaleSlope, file, 1);
        var intercept = dataset.GetDecimal(DicomTag.RescaleIntercept, file, 0);
        if (slope == 0 || !double.IsFinite(slope) || !double.IsFinite(intercept))
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file, DicomTag.RescaleSlope, "RescaleSlope/Intercept", "finite, slope not 0", $"{slope}/{intercept}");
        }
        return new ModalityLut(slope, intercept, null);
    }

    public double Apply(int stored) => Table is { } table ? table[stored] : stored * Slope + Intercept;

    /// <summary>Modality values of a whole frame.</summary>
    public double[] Apply(ReadOnlySpan<int> stored)
    {
        var result = new double[stored.Length];
        for (var i = 0; i < stored.Length; i++)
        {
            result[i] = Apply(stored[i]);
        }
        return result;
    }

    /// <summary>The smallest and largest output for stored values in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public (double Min, double Max) OutputRange(int min, int max)
    {
        if (Table is { } table)
        {
            var lo = double.MaxValue;
            var hi = double.MinValue;
            for (var v = Math.Max(min, table.FirstMapped - 1); v <= Math.Min(max, table.FirstMapped + table.Count); v++)
            {
                lo = Math.Min(lo, table[v]);
                hi = Math.Max(hi, table[v]);
            }
            lo = Math.Min(lo, Math.Min(table[min], table[max]));
            hi = Math.Max(hi, Math.Max(table[min], table[max]));
            return (lo, hi);
        }
        var a = Apply(min);
        var b = Apply(max);
        return (Math.Min(a, b), Math.Max(a, b));
    }
}
