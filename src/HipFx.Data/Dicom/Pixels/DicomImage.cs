using HipFx.Data.Dicom.Codecs;
using HipFx.Data.Dicom.Lut;

namespace HipFx.Data.Dicom.Pixels;

/// <summary>The image of a DICOM file: its pixel description, frame decoding (stored values) and the
/// modality and VOI LUTs that turn stored values into physical and display values.</summary>
public sealed class DicomImage
{
    private readonly DicomFile file;
    private readonly Elements.DicomElement pixelData;

    private DicomImage(DicomFile file, PixelDescription description, Elements.DicomElement pixelData)
    {
        this.file = file;
        this.pixelData = pixelData;
        Description = description;
    }

    public PixelDescription Description { get; }

    public int FrameCount => Description.NumberOfFrames;

    public TransferSyntax TransferSyntax => file.TransferSyntax;

    /// <summary>The modality LUT of the data set (identity when it has none).</summary>
    public ModalityLut ModalityLut => ModalityLut.From(file.Dataset, Description, file.FilePath);

    /// <summary>The VOI LUT of the data set (window or LUT); null when it has none.</summary>
    public VoiLut? VoiLut(int index = 0) => Lut.VoiLut.From(file.Dataset, file.FilePath, index);

    internal static DicomImage Create(DicomFile file, DicomReaderOptions options)
    {
        var description = PixelDescription.Parse(file.Dataset, file.FilePath);
        description.Validate(file.FilePath, options);
        if (file.TransferSyntax.Encoding == PixelEncoding.Unsupported)
        {
            DicomThrowHelper.ThrowUnsupportedSyntax(file.FilePath, file.TransferSyntax);
        }
        if (!file.TransferSyntax.IsEncapsulated && description.Photometric == PhotometricInterpretation.YbrFull422)
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file.FilePath, DicomTag.PhotometricInterpretation, "PhotometricInterpretation of uncompressed data",
                "MONOCHROME1/2, RGB or YBR_FULL (uncompressed YBR_FULL_422 is not supported)", description.PhotometricText);
        }
        var pixelData = file.Dataset.Find(DicomTag.PixelData)!;
        if (file.TransferSyntax.IsEncapsulated != (pixelData.Fragments is not null))
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file.FilePath, DicomTag.PixelData, "Pixel Data",
                file.TransferSyntax.IsEncapsulated ? "encapsulated (undefined length) for this transfer syntax" : "native (defined length)",
                file.TransferSyntax.IsEncapsulated ? "a defined length" : "encapsulated fragments");
        }
        if (!file.TransferSyntax.IsEncapsulated)
        {
            CheckNativeLength(file.FilePath, description, pixelData);
        }
        return new DicomImage(file, description, pixelData);
    }

    /// <summary>Uncompressed pixel data must hold exactly Rows × Columns × SamplesPerPixel × BitsAllocated/8 ×
    /// NumberOfFrames bytes (plus one pad byte to an even length): a header that contradicts the data (Rows 1 on a
    /// 512-row image, NumberOfFrames 65535 on one frame) is an error, as in fo-dicom and DCMTK.</summary>
    private static void CheckNativeLength(string path, PixelDescription description, Elements.DicomElement pixelData)
    {
        long expected = description.NativeFrameBytes * description.NumberOfFrames;
        long have = pixelData.Value.Length;
        if (have == expected || have == expected + (expected % 2))
        {
            return;
        }
        if (have < description.NativeFrameBytes)
        {
            DicomThrowHelper.ThrowPixelDataShort(path, pixelData.Offset, have, description.NativeFrameBytes, 0);
        }
        DicomThrowHelper.ThrowPixelDataLength(path, pixelData.Offset, have, expected, description);
    }

    /// <summary>Modality values (e.g. Hounsfield units) of a grayscale frame.</summary>
    public float[] ReadModalityFrame(int frame = 0)
    {
        var values = ReadFrame(frame).Values;
        var lut = ModalityLut;
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = (float)lut.Apply(values[i]);
        }
        return result;
    }

    /// <summary>Display-ready 16-bit grayscale of a frame: see <see cref="DisplayRenderer.ToGray16"/>.</summary>
    public ushort[] ReadGray16(int frame = 0) => DisplayRenderer.ToGray16(ReadFrame(frame), Description, ModalityLut);

    /// <summary>Display-ready 8-bit grayscale through a window: see <see cref="DisplayRenderer.ToGray8"/>.</summary>
    public byte[] ReadGray8(WindowChoice window, int frame = 0) => DisplayRenderer.ToGray8(ReadFrame(frame), ModalityLut, VoiLut(), window);

    /// <summary>Decodes frame <paramref name="frame"/> (0-based) into stored values.</summary>
    public PixelFrame ReadFrame(int frame = 0)
    {
        if (frame < 0 || frame >= FrameCount)
        {
            DicomThrowHelper.ThrowFrameOutOfRange(file.FilePath, frame, FrameCount);
        }
        var d = Description;
        var photometric = d.Photometric;
        int[] values;
        switch (file.TransferSyntax.Encoding)
        {
            case PixelEncoding.Native:
                values = NativePixelDecoder.Decode(NativeFrame(frame), d, file.Dataset.BigEndian);
                break;
            case PixelEncoding.Rle:
                values = RleDecoder.Decode(EncapsulatedFrame(frame), d, file.FilePath, frame, FrameOffset(frame));
                break;
            case PixelEncoding.JpegLossless:
                values = JpegLosslessDecoder.Decode(EncapsulatedFrame(frame), d, file.FilePath, frame, FrameOffset(frame));
                break;
            case PixelEncoding.JpegBaseline:
            case PixelEncoding.JpegExtended:
                (values, photometric) = JpegDctDecoder.Decode(EncapsulatedFrame(frame), d, file.FilePath, frame, FrameOffset(frame));
                break;
            default:
                DicomThrowHelper.ThrowUnsupportedSyntax(file.FilePath, file.TransferSyntax);
                return null!;
        }
        return new PixelFrame(d.Columns, d.Rows, d.SamplesPerPixel, photometric, values);
    }

    private ReadOnlySpan<byte> NativeFrame(int frame)
    {
        var length = Description.NativeFrameBytes;
        var start = frame * length;
        var have = pixelData.Value.Length;
        if (start + length > have)
        {
            DicomThrowHelper.ThrowPixelDataShort(file.FilePath, pixelData.Offset, have, start + length, frame);
        }
        return pixelData.Value.Span.Slice((int)start, (int)length);
    }

    private long FrameOffset(int frame)
    {
        var fragments = pixelData.Fragments!;
        return fragments.Count > 1 ? fragments[Math.Min(frame + 1, fragments.Count - 1)].Offset : pixelData.Offset;
    }

    /// <summary>The bytes of one encapsulated frame: fragments grouped by the basic offset table, one per frame,
    /// or all of them for a single frame.</summary>
    private ReadOnlyMemory<byte> EncapsulatedFrame(int frame)
    {
        var fragments = pixelData.Fragments!;
        if (fragments.Count < 2)
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file.FilePath, DicomTag.PixelData, "encapsulated Pixel Data", "a basic offset table and at least one fragment", $"{fragments.Count} items");
        }
        var data = fragments.Skip(1).ToList();
        if (FrameCount == 1)
        {
            return Concatenate(data);
        }
        var table = fragments[0].Data.Span;
        if (table.Length >= 4 * FrameCount)
        {
            // Offsets are from the first fragment's item header; each fragment adds its 8-byte header.
            var starts = new List<long>();
            long position = 0;
            foreach (var fragment in data)
            {
                starts.Add(position);
                position += 8 + fragment.Data.Length;
            }
            var first = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(table[(4 * frame)..]);
            var next = frame + 1 < FrameCount ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(table[(4 * (frame + 1))..]) : long.MaxValue;
            var selected = data.Where((_, i) => starts[i] >= first && starts[i] < next).ToList();
            if (selected.Count == 0)
            {
                DicomThrowHelper.ThrowBadPixelAttribute(file.FilePath, DicomTag.PixelData, $"basic offset table entry for frame {frame}", "the start of a fragment", first);
            }
            return Concatenate(selected);
        }
        if (data.Count == FrameCount)
        {
            return data[frame].Data;
        }
        DicomThrowHelper.ThrowBadPixelAttribute(file.FilePath, DicomTag.PixelData, "encapsulated Pixel Data without offset table", $"one fragment per frame ({FrameCount})", $"{data.Count} fragments");
        return default;
    }

    private static ReadOnlyMemory<byte> Concatenate(List<Elements.DicomFragment> fragments)
    {
        if (fragments.Count == 1)
        {
            return fragments[0].Data;
        }
        var result = new byte[fragments.Sum(f => (long)f.Data.Length)];
        var offset = 0;
        foreach (var fragment in fragments)
        {
            fragment.Data.Span.CopyTo(result.AsSpan(offset));
            offset += fragment.Data.Length;
        }
        return result;
    }
}
