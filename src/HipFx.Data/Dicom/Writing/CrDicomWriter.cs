using System.Globalization;
using HipFx.Core.IO;

namespace HipFx.Data.Dicom.Writing;

/// <summary>
/// Writes a DICOM Part 10 file (PS3.10 §7): 128-byte preamble, "DICM", the file meta group with its
/// group length, then a CR Image Storage data set in explicit VR little endian with the stored pixels.
/// </summary>
public static class CrDicomWriter
{
    public const string CrImageStorage = "1.2.840.10008.5.1.4.1.1.1";
    public const string ExplicitVrLittleEndian = "1.2.840.10008.1.2.1";
    public const string ImplementationVersionName = "HIPFX_SYNTH_01";

    /// <summary>Writes <paramref name="pixels"/> (stored values, row-major) with <paramref name="header"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, CrImageHeader header, ReadOnlySpan<ushort> pixels)
    {
        var copy = pixels.ToArray();
        AtomicFile.Write(path, file => Write(file, header, copy));
    }

    public static void Write(Stream stream, CrImageHeader header, ReadOnlySpan<ushort> pixels)
    {
        if (header.BitsStored is not (12 or 16))
        {
            throw new ArgumentException($"BitsStored must be 12 or 16, got {header.BitsStored}", nameof(header));
        }
        if (pixels.Length != header.Rows * header.Columns)
        {
            throw new ArgumentException($"{header.Rows}×{header.Columns} image needs {header.Rows * header.Columns} pixels, got {pixels.Length}", nameof(pixels));
        }
        int max = (1 << header.BitsStored) - 1;
        foreach (ushort p in pixels)
        {
            if (p > max)
            {
                throw new ArgumentException($"pixel value {p} does not fit in {header.BitsStored} bits", nameof(pixels));
            }
        }

        stream.Write(new byte[128]);
        stream.Write("DICM"u8);
        var meta = new DicomElementWriter(stream);
        ReadOnlySpan<byte> version = [0, 1];
        uint groupLength = (uint)(12 + 2 // (0002,0001) OB: 12-byte header + 2 bytes
            + DicomElementWriter.TextSize(CrImageStorage)
            + DicomElementWriter.TextSize(header.SopInstanceUid)
            + DicomElementWriter.TextSize(ExplicitVrLittleEndian)
            + DicomElementWriter.TextSize(SyntheticUid.ImplementationClassUid)
            + DicomElementWriter.TextSize(ImplementationVersionName));
        meta.ULong(0x0002, 0x0000, groupLength);
        meta.OtherBytes(0x0002, 0x0001, version);
        meta.Text(0x0002, 0x0002, "UI", CrImageStorage);
        meta.Text(0x0002, 0x0003, "UI", header.SopInstanceUid);
        meta.Text(0x0002, 0x0010, "UI", ExplicitVrLittleEndian);
        meta.Text(0x0002, 0x0012, "UI", SyntheticUid.ImplementationClassUid);
        meta.Text(0x0002, 0x0013, "SH", ImplementationVersionName);

        var w = new DicomElementWriter(stream);
        string date = header.StudyDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        w.Text(0x0008, 0x0005, "CS", "ISO_IR 100");
        w.Text(0x0008, 0x0008, "CS", @"ORIGINAL\PRIMARY");
        w.Text(0x0008, 0x0016, "UI", CrImageStorage);
        w.Text(0x0008, 0x0018, "UI", header.SopInstanceUid);
        w.Text(0x0008, 0x0020, "DA", date);
        w.Text(0x0008, 0x0021, "DA", date);
        w.Text(0x0008, 0x0023, "DA", date);
        w.Text(0x0008, 0x0030, "TM", header.StudyTime);
        w.Text(0x0008, 0x0031, "TM", header.StudyTime);
        w.Text(0x0008, 0x0033, "TM", header.StudyTime);
        w.Text(0x0008, 0x0050, "SH", header.AccessionNumber);
        w.Text(0x0008, 0x0060, "CS", "CR");
        w.Text(0x0008, 0x0070, "LO", header.Manufacturer);
        w.Text(0x0008, 0x0080, "LO", header.InstitutionName);
        w.Text(0x0008, 0x0090, "PN", "");
        w.Text(0x0008, 0x1030, "LO", header.StudyDescription);
        w.Text(0x0008, 0x103E, "LO", $"{header.BodyPart} {header.ViewPosition} {header.Laterality}");
        w.Text(0x0010, 0x0010, "PN", header.PatientName);
        w.Text(0x0010, 0x0020, "LO", header.PatientId);
        w.Text(0x0010, 0x0030, "DA", header.PatientBirthDate?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "");
        w.Text(0x0010, 0x0040, "CS", header.PatientSex);
        w.Text(0x0010, 0x1010, "AS", $"{Math.Clamp(header.PatientAgeYears, 0, 999):D3}Y");
        w.Text(0x0018, 0x0015, "CS", header.BodyPart);
        w.Text(0x0018, 0x1164, "DS", Spacing(header.PixelSpacingMm));
        w.Text(0x0018, 0x5101, "CS", header.ViewPosition);
        w.Text(0x0020, 0x000D, "UI", header.StudyInstanceUid);
        w.Text(0x0020, 0x000E, "UI", header.SeriesInstanceUid);
        w.Text(0x0020, 0x0010, "SH", header.AccessionNumber);
        w.Text(0x0020, 0x0011, "IS", "1");
        w.Text(0x0020, 0x0013, "IS", "1");
        // AP view: rows run toward the patient's left, columns toward the feet.
        w.Text(0x0020, 0x0020, "CS", @"L\F");
        w.Text(0x0020, 0x0060, "CS", header.Laterality);
        w.UShort(0x0028, 0x0002, 1);
        w.Text(0x0028, 0x0004, "CS", header.Monochrome1 ? "MONOCHROME1" : "MONOCHROME2");
        w.UShort(0x0028, 0x0010, checked((ushort)header.Rows));
        w.UShort(0x0028, 0x0011, checked((ushort)header.Columns));
        w.Text(0x0028, 0x0030, "DS", Spacing(header.PixelSpacingMm));
        w.UShort(0x0028, 0x0100, 16);
        w.UShort(0x0028, 0x0101, (ushort)header.BitsStored);
        w.UShort(0x0028, 0x0102, (ushort)(header.BitsStored - 1));
        w.UShort(0x0028, 0x0103, 0);
        w.Text(0x0028, 0x1050, "DS", Decimal(header.WindowCenter));
        w.Text(0x0028, 0x1051, "DS", Decimal(header.WindowWidth));
        w.Text(0x0028, 0x1052, "DS", "0");
        w.Text(0x0028, 0x1053, "DS", "1");
        w.Text(0x0028, 0x1054, "LO", "US");
        w.OtherWords(0x7FE0, 0x0010, pixels);
    }

    private static string Spacing(double mm) => $"{Decimal(mm)}\\{Decimal(mm)}";

    /// <summary>A DS value: at most 16 characters.</summary>
    private static string Decimal(double value)
    {
        string s = Math.Round(value, 6).ToString("0.######", CultureInfo.InvariantCulture);
        return s.Length <= 16 ? s : value.ToString("G10", CultureInfo.InvariantCulture);
    }
}
