using HipFx.Data.Dicom.Conversion;
using HipFx.Data.Dicom.Writing;

namespace HipFx.Data.Synth;

/// <summary>Stores a rendered radiograph as DICOM (CR, the institution's photometry and bit depth) or 16-bit PNG.</summary>
public static class SynthImageWriter
{
    /// <summary>The file extension for a format, with the dot.</summary>
    public static string Extension(SynthFormat format) => format == SynthFormat.Dicom ? ".dcm" : ".png";

    /// <summary>Writes 16-bit display values (bone bright) as a grayscale PNG (fastest deflate level, written to a
    /// temporary file and renamed into place).</summary>
    public static void WritePng(string path, ushort[] display, int size) =>
        PngOutput.WriteGray16(path, display, size, size, maxSize: null, level: 1);

    /// <summary>
    /// Writes 16-bit display values as a CR DICOM file: reduced to the institution's bits stored and,
    /// for MONOCHROME1, inverted so that the minimum stored value displays white.
    /// </summary>
    public static void WriteDicom(string path, SynthScene scene, ReadOnlySpan<ushort> display, ushort[] stored)
    {
        var plan = scene.Plan;
        var profile = plan.Institution;
        int bits = profile.BitsStored;
        int shift = 16 - bits;
        int max = (1 << bits) - 1;
        for (int i = 0; i < display.Length; i++)
        {
            int v = display[i] >> shift;
            stored[i] = (ushort)(profile.Monochrome1 ? max - v : v);
        }
        // UIDs, time and birth date come from the image's own stream: same seed, same UIDs.
        var ids = new SynthRandom(scene.Seed, stream: 0x0D1C, index: plan.Index);
        Span<byte> bytes = stackalloc byte[16];
        ids.NextBytes(bytes);
        string study = SyntheticUid.From(bytes);
        ids.NextBytes(bytes);
        string series = SyntheticUid.From(bytes);
        ids.NextBytes(bytes);
        string instance = SyntheticUid.From(bytes);
        int seconds = ids.Next(8 * 3600, 20 * 3600);
        var header = new CrImageHeader
        {
            PatientId = plan.PatientId,
            PatientName = $"SYNTHETIC^{plan.PatientId}",
            PatientSex = plan.Sex,
            PatientAgeYears = plan.Age,
            PatientBirthDate = plan.StudyDate.AddYears(-plan.Age).AddDays(-ids.Next(1, 364)),
            StudyDate = plan.StudyDate,
            StudyTime = $"{seconds / 3600:D2}{seconds / 60 % 60:D2}{seconds % 60:D2}",
            StudyInstanceUid = study,
            SeriesInstanceUid = series,
            SopInstanceUid = instance,
            AccessionNumber = $"SYN{plan.Index + 1:D7}",
            InstitutionName = profile.Name,
            Laterality = plan.Laterality,
            PixelSpacingMm = scene.PixelSpacing,
            Monochrome1 = profile.Monochrome1,
            BitsStored = profile.BitsStored,
            Rows = scene.Size,
            Columns = scene.Size,
            WindowCenter = (max + 1) / 2.0,
            WindowWidth = max + 1,
        };
        CrDicomWriter.Write(path, header, stored.AsSpan(0, display.Length));
    }
}
