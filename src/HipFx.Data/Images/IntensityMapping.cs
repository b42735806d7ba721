using HipFx.Core;

namespace HipFx.Data.Images;

/// <summary>How stored samples become the model's input intensities (0 to 255).</summary>
public enum IntensityMode
{
    /// <summary><c>bit_depth</c> (default): v × 255 / (2^bits − 1). 8-bit images pass through unchanged; a 16-bit image spans its full range.</summary>
    BitDepth = 0,

    /// <summary><c>min_max</c>: the image's own minimum → 0 and maximum → 255.</summary>
    MinMax = 1,

    /// <summary><c>percentile</c>: the <see cref="IntensityMapping.LowPercentile"/> → 0 and <see cref="IntensityMapping.HighPercentile"/> → 255, clipped (robust to burned-in markers and collimation).</summary>
    Percentile = 2,

    /// <summary><c>window</c>: fixed stored values <see cref="IntensityMapping.WindowLow"/> → 0 and <see cref="IntensityMapping.WindowHigh"/> → 255, clipped (e.g. 12-bit data in a 16-bit PNG: 0..4095).</summary>
    Window = 3,
}

/// <summary>
/// The one step that maps a <see cref="RadiographImage"/> to the detector's input: intensities to 0..255 floats by
/// <see cref="Mode"/>, then the gray plane replicated to three channels (DAMO-YOLO's stem takes RGB 0..255, no
/// mean/std normalisation). Recorded with each trained model (<see cref="Describe"/>), so prediction maps the same way.
/// </summary>
public sealed record IntensityMapping
{
    public static IntensityMapping Default { get; } = new();

    /// <summary>The mapping. Default <see cref="IntensityMode.BitDepth"/>.</summary>
    public IntensityMode Mode { get; init; } = IntensityMode.BitDepth;

    /// <summary>Lower percentile for <see cref="IntensityMode.Percentile"/>, 0..100. Default 0.5.</summary>
    public double LowPercentile { get; init; } = 0.5;

    /// <summary>Upper percentile for <see cref="IntensityMode.Percentile"/>, 0..100. Default 99.5.</summary>
    public double HighPercentile { get; init; } = 99.5;

    /// <summary>Stored value mapped to 0 by <see cref="IntensityMode.Window"/>. Default 0.</summary>
    public double WindowLow { get; init; }

    /// <summary>Stored value mapped to 255 by <see cref="IntensityMode.Window"/>. Default 4095 (12-bit data).</summary>
    public double WindowHigh { get; init; } = 4095;

    /// <summary>Throws <see cref="HipFxConfigException"/> when the settings cannot work.</summary>
    public IntensityMapping Validate()
    {
        if (!Enum.IsDefined(Mode))
        {
            throw new HipFxConfigException($"intensity mapping: unknown mode {Mode}");
        }
        if (Mode == IntensityMode.Percentile && !(LowPercentile >= 0 && LowPercentile < HighPercentile && HighPercentile <= 100))
        {
            throw new HipFxConfigException(
                $"intensity mapping: percentiles must satisfy 0 <= low < high <= 100, found low {LowPercentile}, high {HighPercentile}");
        }
        if (Mode == IntensityMode.Window && !(WindowLow < WindowHigh))
        {
            throw new HipFxConfigException($"intensity mapping: window low {WindowLow} must be below high {WindowHigh}");
        }
        return this;
    }

    /// <summary>A stable one-line description, e.g. <c>percentile(0.5,99.5)</c>, for run records.</summary>
    public string Describe() => Mode switch
    {
        IntensityMode.BitDepth => "bit_depth",
        IntensityMode.MinMax => "min_max",
        IntensityMode.Percentile => FormattableString.Invariant($"percentile({LowPercentile},{HighPercentile})"),
        IntensityMode.Window => FormattableString.Invariant($"window({WindowLow},{WindowHigh})"),
        _ => throw new ArgumentOutOfRangeException(nameof(Mode), Mode, null),
    };

    /// <summary>
    /// The name older checkpoints and <c>import-weights</c> record when no mapping was chosen ("the network takes RGB
    /// 0..255"): read as <see cref="IntensityMode.BitDepth"/>, which passes 8-bit images through unchanged.
    /// </summary>
    public const string UnrecordedName = "rgb-0-255";

    /// <summary>
    /// The inverse of <see cref="Describe"/>, strict: <c>bit_depth</c>, <c>min_max</c>, <c>percentile(low,high)</c>,
    /// <c>window(low,high)</c> (invariant numbers), or <see cref="UnrecordedName"/>; the result is validated. Anything
    /// else gives false and the reason in <paramref name="error"/> (nothing falls back to a default).
    /// </summary>
    public static bool TryParse(string? text, out IntensityMapping mapping, out string error)
    {
        mapping = Default;
        error = "";
        string t = (text ?? "").Trim();
        if (t is "bit_depth" or UnrecordedName)
        {
            return true;
        }
        if (t == "min_max")
        {
            mapping = new IntensityMapping { Mode = IntensityMode.MinMax };
            return true;
        }
        int open = t.IndexOf('(', StringComparison.Ordinal);
        string[] args = open > 0 && t.EndsWith(')') ? t[(open + 1)..^1].Split(',') : [];
        string name = open > 0 ? t[..open] : t;
        if (name is "percentile" or "window" && args.Length == 2
            && double.TryParse(args[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double a)
            && double.TryParse(args[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double b))
        {
            var parsed = name == "percentile"
                ? new IntensityMapping { Mode = IntensityMode.Percentile, LowPercentile = a, HighPercentile = b }
                : new IntensityMapping { Mode = IntensityMode.Window, WindowLow = a, WindowHigh = b };
            try
            {
                mapping = parsed.Validate();
                return true;
            }
            catch (HipFxConfigException e)
            {
                error = e.Message;
                return false;
            }
        }
        error = $"unknown intensity mapping '{(t.Length > 80 ? t[..80] + "…" : t)}'; expected bit_depth, min_max, percentile(low,high) or window(low,high)";
        return false;
    }

    /// <summary><see cref="TryParse"/> for settings: an unknown or invalid mapping throws <see cref="HipFxConfigException"/>.</summary>
    public static IntensityMapping Parse(string text) =>
        TryParse(text, out var mapping, out string error) ? mapping : throw new HipFxConfigException(error);

    /// <summary>Parses a config name: <c>bit_depth</c>, <c>min_max</c>, <c>percentile</c> or <c>window</c>.</summary>
    public static IntensityMode ParseMode(string name) => name.Trim().ToLowerInvariant() switch
    {
        "bit_depth" => IntensityMode.BitDepth,
        "min_max" => IntensityMode.MinMax,
        "percentile" => IntensityMode.Percentile,
        "window" => IntensityMode.Window,
        _ => throw new HipFxConfigException($"unknown intensity mode '{name}'; expected bit_depth, min_max, percentile or window"),
    };

    /// <summary>The stored-value range (low → 0, high → 255) this mapping uses for <paramref name="image"/>.</summary>
    public (double Low, double High) Range(RadiographImage image)
    {
        switch (Mode)
        {
            case IntensityMode.BitDepth:
                return (0, image.MaxValue);
            case IntensityMode.Window:
                return (WindowLow, WindowHigh);
            case IntensityMode.MinMax:
                {
                    int min = int.MaxValue, max = int.MinValue;
                    foreach (ushort v in image.Pixels)
                    {
                        min = Math.Min(min, v);
                        max = Math.Max(max, v);
                    }
                    return (min, max);
                }
            case IntensityMode.Percentile:
                {
                    var histogram = new long[image.MaxValue + 1];
                    foreach (ushort v in image.Pixels)
                    {
                        histogram[v]++;
                    }
                    return (Percentile(histogram, image.Pixels.Length, LowPercentile), Percentile(histogram, image.Pixels.Length, HighPercentile));
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(Mode), Mode, null);
        }
    }

    /// <summary>The gray plane mapped to 0..255 (row-major, one value per pixel).</summary>
    public float[] MapGray(RadiographImage image)
    {
        var (low, high) = Range(image);
        var output = new float[image.Pixels.Length];
        double span = high - low;
        if (span <= 0)
        {
            return output; // a constant image maps to black
        }
        double scale = 255.0 / span;
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = (float)Math.Clamp((image.Pixels[i] - low) * scale, 0, 255);
        }
        return output;
    }

    /// <summary>
    /// The mapping as a lookup table over stored values 0..MaxValue: entry v is what <see cref="MapGray"/> gives a
    /// pixel of value v (the same expression), so a table lookup and <see cref="MapGray"/> agree to the bit.
    /// </summary>
    public float[] Table(RadiographImage image)
    {
        var (low, high) = Range(image);
        var table = new float[image.BitDepth <= 8 ? 256 : 65536]; // 8-bit images hold bytes, 16-bit ones any ushort
        double span = high - low;
        if (span <= 0)
        {
            return table; // a constant image maps to black
        }
        double scale = 255.0 / span;
        for (int v = 0; v < table.Length; v++)
        {
            table[v] = (float)Math.Clamp((v - low) * scale, 0, 255);
        }
        return table;
    }

    /// <summary>The model input: 3 × H × W (channel-major), the mapped gray plane replicated to R, G and B.</summary>
    public float[] MapToRgbPlanes(RadiographImage image)
    {
        var gray = MapGray(image);
        var planes = new float[gray.Length * 3];
        gray.CopyTo(planes, 0);
        gray.CopyTo(planes, gray.Length);
        gray.CopyTo(planes, gray.Length * 2);
        return planes;
    }

    /// <summary>The smallest value v with at least p% of the samples ≤ v (nearest-rank).</summary>
    private static double Percentile(long[] histogram, long count, double percent)
    {
        long rank = Math.Max(1, (long)Math.Ceiling(percent / 100.0 * count));
        long seen = 0;
        for (int v = 0; v < histogram.Length; v++)
        {
            seen += histogram[v];
            if (seen >= rank)
            {
                return v;
            }
        }
        return histogram.Length - 1;
    }

    public override string ToString() => Describe();
}
