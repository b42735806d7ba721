namespace HipFx.Data.Dicom.Lut;

/// <summary>The VOI LUT function (0028,1056) that shapes a window.</summary>
public enum VoiLutFunction
{
    /// <summary>PS3.3 C.11.2.1.2.1: the classic window with the half-pixel offsets (default).</summary>
    Linear,

    /// <summary>PS3.3 C.11.2.1.3.2: exact linear ramp from C - W/2 to C + W/2.</summary>
    LinearExact,

    /// <summary>PS3.3 C.11.2.1.3.1: logistic curve centred on C.</summary>
    Sigmoid,
}

/// <summary>Modality values to display values: a window (centre, width, function) or a VOI LUT Sequence table.</summary>
public sealed class VoiLut
{
    private VoiLut(double center, double width, VoiLutFunction function, LutTable? table)
    {
        Center = center;
        Width = width;
        Function = function;
        Table = table;
    }

    public double Center { get; }

    public double Width { get; }

    public VoiLutFunction Function { get; }

    /// <summary>The VOI LUT Sequence's table; when set, the window is not used.</summary>
    public LutTable? Table { get; }

    /// <summary>A window; throws <see cref="ArgumentOutOfRangeException"/> when the width is not positive
    /// (LINEAR needs at least 1).</summary>
    public static VoiLut Window(double center, double width, VoiLutFunction function = VoiLutFunction.Linear)
    {
        if (!double.IsFinite(center) || !double.IsFinite(width) || width <= 0 || (function == VoiLutFunction.Linear && width < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"window width must be finite and {(function == VoiLutFunction.Linear ? ">= 1" : "> 0")} (centre {center})");
        }
        return new VoiLut(center, width, function, null);
    }

    /// <summary>The data set's VOI: the VOI LUT Sequence's item <paramref name="index"/> if there is one, else window
    /// <paramref name="index"/> of a multi-valued WindowCenter/Width (clamped to the last); null when neither exists.</summary>
    public static VoiLut? From(DicomDataset dataset, string file, int index = 0)
    {
        var sequence = dataset.GetSequence(DicomTag.VoiLutSequence);
        if (sequence.Count > 0)
        {
            var item = sequence[Math.Min(index, sequence.Count - 1)];
            return new VoiLut(0, 0, VoiLutFunction.Linear, LutTable.Parse(item, DicomTag.VoiLutSequence, false, file));
        }
        var centers = dataset.GetDecimals(DicomTag.WindowCenter, file);
        var widths = dataset.GetDecimals(DicomTag.WindowWidth, file);
        if (centers is not { Length: > 0 } || widths is not { Length: > 0 })
        {
            return null;
        }
        var function = dataset.GetString(DicomTag.VoiLutFunction)?.ToUpperInvariant() switch
        {
            null or "LINEAR" => VoiLutFunction.Linear,
            "LINEAR_EXACT" => VoiLutFunction.LinearExact,
            "SIGMOID" => VoiLutFunction.Sigmoid,
            var other => throw new HipFx.Core.HipFxDataException($"VOI LUT Function must be LINEAR, LINEAR_EXACT or SIGMOID, found '{other}'", file, DicomTag.VoiLutFunction.ToString()),
        };
        var c = centers[Math.Min(index, centers.Length - 1)];
        var w = widths[Math.Min(index, widths.Length - 1)];
        try
        {
            return Window(c, w, function);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new HipFx.Core.HipFxDataException(ex.Message.Split(Environment.NewLine)[0], file, DicomTag.WindowWidth.ToString());
        }
    }

    /// <summary>Maps a modality value to [0, 1].</summary>
    public double Apply(double x)
    {
        if (Table is { } table)
        {
            var max = table.Bits > 8 && table.MaxEntry <= 255 ? 255.0 : (1 << table.Bits) - 1;
            return Math.Clamp(table[(int)Math.Round(x)] / max, 0, 1);
        }
        return Function switch
        {
            VoiLutFunction.LinearExact => x <= Center - Width / 2 ? 0 : x > Center + Width / 2 ? 1 : (x - Center) / Width + 0.5,
            VoiLutFunction.Sigmoid => 1 / (1 + Math.Exp(-4 * (x - Center) / Width)),
            _ => x <= Center - 0.5 - (Width - 1) / 2 ? 0 : x > Center - 0.5 + (Width - 1) / 2 ? 1 : ((x - (Center - 0.5)) / (Width - 1)) + 0.5,
        };
    }

    public override string ToString() => Table is not null ? $"VOI LUT ({Table.Count} entries)" : $"C={Center} W={Width} {Function}";
}
