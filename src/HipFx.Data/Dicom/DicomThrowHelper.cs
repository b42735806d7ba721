using System.Diagnostics.CodeAnalysis;
using HipFx.Core;

namespace HipFx.Data.Dicom;

/// <summary>One method per way a DICOM file can be bad. Every message names the problem; the exception
/// carries the file and the location (tag and byte offset) as properties.</summary>
internal static class DicomThrowHelper
{
    public static string At(DicomTag tag, long offset) => $"tag {tag} at offset {offset}";

    [DoesNotReturn]
    public static void ThrowTooLarge(string file, long size, long limit) =>
        throw new HipFxDataException($"file is {size} bytes, more than the limit of {limit} (DicomReaderOptions.MaxFileBytes)", file);

    [DoesNotReturn]
    public static void ThrowNotDicom(string file, string why) =>
        throw new HipFxDataException($"not a DICOM file: {why}", file, "offset 0");

    [DoesNotReturn]
    public static void ThrowTruncatedHeader(string file, long offset, long fileLength) =>
        throw new HipFxDataException($"truncated: an element header needs bytes up to {offset + 8} but the data ends at {fileLength}", file, $"offset {offset}");

    [DoesNotReturn]
    public static void ThrowLengthBeyondEnd(string file, DicomTag tag, long offset, long length, long available) =>
        throw new HipFxDataException($"value length {length} runs past the end of the data ({available} bytes left)", file, At(tag, offset));

    [DoesNotReturn]
    public static void ThrowOddLength(string file, DicomTag tag, long offset, long length) =>
        throw new HipFxDataException($"value length {length} is odd; DICOM lengths are even (strict mode)", file, At(tag, offset));

    [DoesNotReturn]
    public static void ThrowBadVr(string file, DicomTag tag, long offset, DicomVr vr) =>
        throw new HipFxDataException($"invalid value representation '{Printable(vr)}' in explicit VR data", file, At(tag, offset));

    [DoesNotReturn]
    public static void ThrowUndefinedLength(string file, DicomTag tag, long offset, DicomVr vr) =>
        throw new HipFxDataException($"undefined length (0xFFFFFFFF) is only allowed for SQ, UN and pixel data, not VR {vr}", file, At(tag, offset));

    [DoesNotReturn]
    public static void ThrowMissingDelimiter(string file, DicomTag tag, long offset, string what) =>
        throw new HipFxDataException($"end of data reached inside {what} before its delimiter", file, At(tag, offset));

    [DoesNotReturn]
    public static void ThrowUnexpectedTag(string file, DicomTag tag, long offset, DicomTag expected) =>
        throw new HipFxDataException($"expected {expected} here, found {tag}", file, At(tag, offset));

    [DoesNotReturn]
    public static void ThrowTooDeep(string file, DicomTag tag, long offset, int limit) =>
        throw new HipFxDataException($"sequences nested deeper than {limit} (DicomReaderOptions.MaxSequenceDepth)", file, At(tag, offset));

    [DoesNotReturn]
    public static void ThrowOutOfOrder(string file, DicomTag tag, long offset, DicomTag previous) =>
        throw new HipFxDataException($"tags out of order: {tag} after {previous} (corrupt or not DICOM)", file, At(tag, offset));

    [DoesNotReturn]
    public static void ThrowMissingTransferSyntax(string file) =>
        throw new HipFxDataException($"file meta has no {DicomTag.TransferSyntaxUid} TransferSyntaxUID (strict mode)", file, DicomTag.TransferSyntaxUid.ToString());

    [DoesNotReturn]
    public static void ThrowInflate(string file, long offset, Exception inner) =>
        throw new HipFxDataException($"deflated data set cannot be inflated: {inner.Message}", file, $"offset {offset}", inner);

    [DoesNotReturn]
    public static void ThrowInflatedTooLarge(string file, long limit) =>
        throw new HipFxDataException($"deflated data set inflates to more than {limit} bytes (DicomReaderOptions.MaxInflatedBytes)", file);

    [DoesNotReturn]
    public static void ThrowNotAnImage(string file, DicomTag missing, string name) =>
        throw new HipFxDataException($"not an image: required attribute {missing} {name} is missing", file, missing.ToString());

    [DoesNotReturn]
    public static void ThrowBadPixelAttribute(string file, DicomTag tag, string attribute, string expected, object? found) =>
        throw new HipFxDataException($"{attribute} must be {expected}, found {found ?? "nothing"}", file, tag.ToString());

    [DoesNotReturn]
    public static void ThrowUnsupportedSyntax(string file, TransferSyntax syntax) =>
        throw new HipFxDataException($"unsupported transfer syntax {syntax.Uid} ({syntax.Name})", file, DicomTag.TransferSyntaxUid.ToString());

    [DoesNotReturn]
    public static void ThrowPixelDataLength(string file, long offset, long have, long expected, Pixels.PixelDescription d) =>
        throw new HipFxDataException(
            $"pixel data holds {have} bytes but the header describes {expected} (Rows {d.Rows} × Columns {d.Columns} × SamplesPerPixel {d.SamplesPerPixel} × " +
            $"BitsAllocated {d.BitsAllocated}/8 × NumberOfFrames {d.NumberOfFrames}); the header contradicts the data", file, At(DicomTag.PixelData, offset));

    [DoesNotReturn]
    public static void ThrowPixelDataShort(string file, long offset, long have, long need, int frame) =>
        throw new HipFxDataException($"pixel data holds {have} bytes but frame {frame} needs bytes up to {need}", file, At(DicomTag.PixelData, offset));

    [DoesNotReturn]
    public static void ThrowFrameOutOfRange(string file, int frame, int frames) =>
        throw new ArgumentOutOfRangeException(nameof(frame), frame, $"{file}: frame {frame} requested, the image has {frames} (0..{frames - 1})");

    [DoesNotReturn]
    public static void ThrowFrameTooLarge(string file, long pixels, long limit) =>
        throw new HipFxDataException($"frame of {pixels} samples exceeds the limit of {limit} (DicomReaderOptions.MaxFramePixels)", file, DicomTag.Rows.ToString());

    [DoesNotReturn]
    public static void ThrowCodec(string file, string codec, int frame, long offset, string why) =>
        throw new HipFxDataException($"{codec} frame {frame} is corrupt: {why}", file, $"{At(DicomTag.PixelData, offset)}, byte {offset}");

    [DoesNotReturn]
    public static void ThrowBadLut(string file, DicomTag sequence, string why) =>
        throw new HipFxDataException($"LUT is invalid: {why}", file, sequence.ToString());

    private static string Printable(DicomVr vr) =>
        new([vr.First is >= ' ' and <= '~' ? vr.First : '?', vr.Second is >= ' ' and <= '~' ? vr.Second : '?']);
}
