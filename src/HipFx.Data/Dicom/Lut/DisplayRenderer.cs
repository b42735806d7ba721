using HipFx.Data.Dicom.Pixels;

namespace HipFx.Data.Dicom.Lut;

/// <summary>How an 8-bit rendering picks its window.</summary>
public abstract record WindowChoice
{
    private WindowChoice()
    {
    }

    /// <summary>The file's own VOI (VOI LUT Sequence, else the first window); the image's min-max when it has none.</summary>
    public sealed record Auto : WindowChoice;

    /// <summary>No window: the image's modality min-max stretched linearly to 0..255.</summary>
    public sealed record None : WindowChoice;

    /// <summary>A given window.</summary>
    public sealed record Explicit(double Center, double Width) : WindowChoice;
}

/// <summary>Turns decoded frames into display images: 16-bit grayscale after the modality LUT, or 8-bit after a
/// VOI window; MONOCHROME1 is inverted so that bright means dense in both. Per-value work goes through a lookup
/// table over the frame's stored range, so a 7.5-megapixel frame costs one table lookup per pixel.</summary>
public static class DisplayRenderer
{
    private const int MaxTable = 1 << 20;

    /// <summary>16-bit grayscale: modality values stretched linearly from the modality LUT's output range for the
    /// stored range (BitsStored) to 0..65535, inverted for MONOCHROME1. Lossless for up to 16 bits of modality range.</summary>
    public static ushort[] ToGray16(PixelFrame frame, PixelDescription description, ModalityLut modality)
    {
        RequireGray(frame);
        var (storedMin, storedMax) = description.StoredRange;
        var (lo, hi) = modality.OutputRange(storedMin, storedMax);
        var scale = hi > lo ? 65535.0 / (hi - lo) : 0;
        var invert = frame.Photometric == PhotometricInterpretation.Monochrome1;
        return Map(frame.Values, v =>
        {
            var y = Math.Round((modality.Apply(v) - lo) * scale);
            var clamped = (ushort)Math.Clamp(y, 0, 65535);
            return invert ? (ushort)(65535 - clamped) : clamped;
        });
    }

    /// <summary>8-bit grayscale through a VOI window or LUT chosen by <paramref name="choice"/>.</summary>
    public static byte[] ToGray8(PixelFrame frame, ModalityLut modality, VoiLut? fileVoi, WindowChoice choice)
    {
        RequireGray(frame);
        var voi = choice switch
        {
            WindowChoice.Explicit e => VoiLut.Window(e.Center, e.Width),
            WindowChoice.Auto when fileVoi is not null => fileVoi,
            _ => MinMaxWindow(frame, modality),
        };
        var invert = frame.Photometric == PhotometricInterpretation.Monochrome1;
        return Map(frame.Values, v =>
        {
            var y = (byte)Math.Round(voi.Apply(modality.Apply(v)) * 255);
            return invert ? (byte)(255 - y) : y;
        });
    }

    /// <summary>8-bit interleaved RGB of a colour frame (YBR_FULL converted), scaled down from higher bit depths.</summary>
    public static byte[] ToRgb8(PixelFrame frame, PixelDescription description)
    {
        if (frame.SamplesPerPixel != 3)
        {
            throw new ArgumentException($"ToRgb8 needs a 3-sample frame, got {frame.Photometric} with {frame.SamplesPerPixel}", nameof(frame));
        }
        var max = (1 << description.BitsStored) - 1;
        var values = frame.Values;
        var result = new byte[values.Length];
        var ybr = frame.Photometric is PhotometricInterpretation.YbrFull or PhotometricInterpretation.YbrFull422;
        var half = (max + 1) / 2;
        for (var i = 0; i < values.Length; i += 3)
        {
            double r = values[i], g = values[i + 1], b = values[i + 2];
            if (ybr)
            {
                var (y, cb, cr) = (r, g - half, b - half);
                (r, g, b) = (y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb);
            }
            result[i] = (byte)Math.Clamp(Math.Round(r * 255 / max), 0, 255);
            result[i + 1] = (byte)Math.Clamp(Math.Round(g * 255 / max), 0, 255);
            result[i + 2] = (byte)Math.Clamp(Math.Round(b * 255 / max), 0, 255);
        }
        return result;
    }

    private static VoiLut MinMaxWindow(PixelFrame frame, ModalityLut modality)
    {
        var (min, max) = frame.Range();
        var (lo, hi) = modality.OutputRange(min, max);
        // LINEAR_EXACT maps lo to 0 and hi to 1 exactly.
        return VoiLut.Window((lo + hi) / 2, Math.Max(hi - lo, 1e-6), VoiLutFunction.LinearExact);
    }

    private static void RequireGray(PixelFrame frame)
    {
        if (frame.Photometric is not (PhotometricInterpretation.Monochrome1 or PhotometricInterpretation.Monochrome2))
        {
            throw new ArgumentException($"grayscale rendering needs a MONOCHROME frame, got {frame.Photometric}", nameof(frame));
        }
    }

    private static T[] Map<T>(int[] values, Func<int, T> map)
    {
        var result = GC.AllocateUninitializedArray<T>(values.Length);
        if (values.Length == 0)
        {
            return result;
        }
        var min = values.Min(); // vectorized for int[]
        var max = values.Max();
        if ((long)max - min < MaxTable)
        {
            var table = new T[max - min + 1];
            for (var v = min; v <= max; v++)
            {
                table[v - min] = map(v);
            }
            var lookup = table.AsSpan();
            var output = result.AsSpan();
            for (var i = 0; i < values.Length; i++)
            {
                output[i] = lookup[values[i] - min];
            }
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                result[i] = map(values[i]);
            }
        }
        return result;
    }
}
