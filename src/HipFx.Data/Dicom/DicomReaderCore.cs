using System.IO.Compression;
using HipFx.Data.Dicom.Elements;

namespace HipFx.Data.Dicom;

/// <summary>Parses one DICOM Part 10 file (or a bare data set) held in memory. Every element's length is
/// checked against the bytes that remain before anything is sliced; values are slices, never copies.</summary>
internal sealed class DicomReaderCore
{
    private static readonly HashSet<DicomTag> KnownSequences =
    [
        DicomTag.ModalityLutSequence, DicomTag.VoiLutSequence, DicomTag.SharedFunctionalGroups, DicomTag.PerFrameFunctionalGroups,
        new(0x0008, 0x1110), new(0x0008, 0x1111), new(0x0008, 0x1115), new(0x0008, 0x1120), new(0x0008, 0x1140),
        new(0x0008, 0x1250), new(0x0008, 0x2218), new(0x0008, 0x9215), new(0x0040, 0x0275), new(0x0040, 0x0260),
        new(0x0054, 0x0220), new(0x0018, 0x9114), new(0x0020, 0x9111), new(0x0020, 0x9113), new(0x0020, 0x9116),
        new(0x0028, 0x9110), new(0x0028, 0x9132), new(0x0028, 0x9145), new(0x0018, 0x9112), new(0x0018, 0x9125),
    ];

    private readonly string file;
    private readonly DicomReaderOptions options;

    public DicomReaderCore(string file, DicomReaderOptions options)
    {
        this.file = file;
        this.options = options.Validate();
    }

    private bool Strict => options.IntegrityHandling == DicomIntegrityHandling.Strict;

    public DicomFile Read(byte[] bytes)
    {
        if (bytes.LongLength > options.MaxFileBytes)
        {
            DicomThrowHelper.ThrowTooLarge(file, bytes.LongLength, options.MaxFileBytes);
        }
        var hasPreamble = bytes.Length >= 132 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C' && bytes[131] == 'M';
        var hasBareMagic = !hasPreamble && bytes.Length >= 4 && bytes[0] == 'D' && bytes[1] == 'I' && bytes[2] == 'C' && bytes[3] == 'M';
        var position = hasPreamble ? 132 : hasBareMagic ? 4 : 0;
        var meta = new DicomDataset(bigEndian: false);
        var hasMeta = false;
        if (PeekGroup(bytes, position) == 0x0002)
        {
            position = ReadFileMeta(bytes, position, meta);
            hasMeta = true;
        }
        else if (hasPreamble || hasBareMagic)
        {
            DicomThrowHelper.ThrowNotDicom(file, $"'DICM' marker found but no file meta group (0002,xxxx) follows at offset {position}");
        }

        var syntax = ResolveSyntax(bytes, position, meta, hasMeta);
        ReadOnlyMemory<byte> data = bytes;
        var start = position;
        if (syntax.Deflated)
        {
            data = Inflate(bytes, position);
            start = 0;
        }
        var dataset = new DicomDataset(syntax.BigEndian);
        var end = data.Length;
        ParseDataset(data, ref start, end, syntax.ExplicitVr, syntax.BigEndian, depth: 0, dataset, topLevel: true);
        return new DicomFile(file, meta, dataset, syntax, hasPreamble, hasMeta, options);
    }

    private static int PeekGroup(byte[] bytes, int position) =>
        position + 2 <= bytes.Length ? bytes[position] | (bytes[position + 1] << 8) : -1;

    private int ReadFileMeta(byte[] bytes, int position, DicomDataset meta)
    {
        long pos = position;
        while (PeekGroup(bytes, (int)pos) == 0x0002)
        {
            if (!DicomElementHeader.TryParse(bytes, pos, explicitVr: true, bigEndian: false, out var header))
            {
                DicomThrowHelper.ThrowTruncatedHeader(file, pos, bytes.Length);
            }
            header.Validate(file, bytes.Length, explicitVr: true);
            if (header.IsUndefinedLength)
            {
                DicomThrowHelper.ThrowUndefinedLength(file, header.Tag, header.Offset, header.Vr);
            }
            meta.Add(new DicomElement(header.Tag, header.Vr, header.Offset, bytes.AsMemory((int)header.ValueOffset, (int)header.Length)));
            pos = header.ValueOffset + header.Length;
        }
        return (int)pos;
    }

    private TransferSyntax ResolveSyntax(byte[] bytes, int position, DicomDataset meta, bool hasMeta)
    {
        if (meta.GetString(DicomTag.TransferSyntaxUid) is { } uid)
        {
            return TransferSyntax.FromUid(uid);
        }
        if (hasMeta && Strict)
        {
            DicomThrowHelper.ThrowMissingTransferSyntax(file);
        }
        // No file meta (or none naming the syntax): the data set must start like one. Sniff the VR.
        if (position + 8 > bytes.Length)
        {
            DicomThrowHelper.ThrowNotDicom(file, $"only {bytes.Length} bytes, too short for a data set");
        }
        var group = bytes[position] | (bytes[position + 1] << 8);
        var element = bytes[position + 2] | (bytes[position + 3] << 8);
        if (!hasMeta && (group > 0x0028 || (group & 1) == 1))
        {
            DicomThrowHelper.ThrowNotDicom(file,
                $"no 'DICM' marker at offset 128 and no file meta, and the data does not start like a data set (first tag {new DicomTag((ushort)group, (ushort)element)} at offset {position})");
        }
        var vr = DicomVr.FromBytes(bytes[position + 4], bytes[position + 5]);
        return vr.LooksValid ? TransferSyntax.ExplicitVrLittleEndian : TransferSyntax.ImplicitVrLittleEndian;
    }

    private byte[] Inflate(byte[] bytes, int position)
    {
        try
        {
            using var input = new MemoryStream(bytes, position, bytes.Length - position, writable: false);
            using var inflater = new DeflateStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > options.MaxInflatedBytes)
                {
                    DicomThrowHelper.ThrowInflatedTooLarge(file, options.MaxInflatedBytes);
                }
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            DicomThrowHelper.ThrowInflate(file, position, ex);
            return [];
        }
    }

    /// <summary>Reads elements into <paramref name="dataset"/> from <paramref name="pos"/> up to <paramref name="end"/>.
    /// Returns true when it stopped at an item delimiter (which it consumes).</summary>
    private bool ParseDataset(ReadOnlyMemory<byte> data, ref int pos, int end, bool explicitVr, bool bigEndian, int depth, DicomDataset dataset, bool topLevel)
    {
        var span = data.Span[..end];
        DicomTag? previous = null;
        while (pos < end)
        {
            if (!DicomElementHeader.TryParse(span, pos, explicitVr, bigEndian, out var header))
            {
                if (topLevel && !Strict)
                {
                    return false; // a few bytes of trailing padding
                }
                DicomThrowHelper.ThrowTruncatedHeader(file, pos, end);
            }
            var tag = header.Tag;
            if (tag == DicomTag.ItemDelimitation)
            {
                pos += 8;
                return true;
            }
            if (tag.Group == 0xFFFE)
            {
                if (topLevel && !Strict && tag == DicomTag.SequenceDelimitation)
                {
                    pos += 8; // a stray delimiter some writers leave behind
                    continue;
                }
                DicomThrowHelper.ThrowUnexpectedTag(file, tag, pos, DicomTag.ItemDelimitation);
            }
            if (previous is { } prev && (tag.Group < prev.Group || (tag.Group == prev.Group && tag.Element <= prev.Element)))
            {
                if (Strict || !topLevel)
                {
                    DicomThrowHelper.ThrowOutOfOrder(file, tag, pos, prev);
                }
                if (topLevel)
                {
                    return false; // lenient: garbage after the data set
                }
            }
            header.Validate(file, end, explicitVr);
            if (Strict && !header.IsUndefinedLength && header.Length % 2 == 1)
            {
                DicomThrowHelper.ThrowOddLength(file, tag, header.Offset, header.Length);
            }
            previous = tag;

            if (tag == DicomTag.PixelData && header.IsUndefinedLength)
            {
                var fragments = ReadFragments(data, header, end, ref pos);
                dataset.Add(new DicomElement(tag, header.Vr, header.Offset, ReadOnlyMemory<byte>.Empty, fragments: fragments));
                continue;
            }

            var isUnknownUndefined = header.Vr == DicomVr.UN && header.IsUndefinedLength;
            var isSequence = header.Vr == DicomVr.SQ || isUnknownUndefined
                || (header.Vr.IsNone && (header.IsUndefinedLength || KnownSequences.Contains(tag)));
            if (isSequence)
            {
                if (depth + 1 > options.MaxSequenceDepth)
                {
                    DicomThrowHelper.ThrowTooDeep(file, tag, header.Offset, options.MaxSequenceDepth);
                }
                // An undefined-length UN holds implicit VR little endian items (PS3.5 6.2.2).
                var itemsExplicit = !isUnknownUndefined && explicitVr;
                var itemsBigEndian = !isUnknownUndefined && bigEndian;
                var items = ReadSequence(data, header, end, itemsExplicit, itemsBigEndian, depth + 1, ref pos);
                if (!tag.IsPrivate)
                {
                    dataset.Add(new DicomElement(tag, header.Vr.IsNone ? DicomVr.SQ : header.Vr, header.Offset, ReadOnlyMemory<byte>.Empty, items));
                }
                continue;
            }
            if (header.IsUndefinedLength)
            {
                DicomThrowHelper.ThrowUndefinedLength(file, tag, header.Offset, header.Vr);
            }
            if (!tag.IsPrivate)
            {
                dataset.Add(new DicomElement(tag, header.Vr, header.Offset, data.Slice((int)header.ValueOffset, (int)header.Length)));
            }
            pos = (int)(header.ValueOffset + header.Length);
        }
        return false;
    }

    private List<DicomDataset> ReadSequence(ReadOnlyMemory<byte> data, DicomElementHeader sequence, int end, bool explicitVr, bool bigEndian, int depth, ref int pos)
    {
        var items = new List<DicomDataset>();
        var sequenceEnd = sequence.IsUndefinedLength ? end : (int)(sequence.ValueOffset + sequence.Length);
        pos = (int)sequence.ValueOffset;
        while (true)
        {
            if (pos >= sequenceEnd)
            {
                if (sequence.IsUndefinedLength)
                {
                    DicomThrowHelper.ThrowMissingDelimiter(file, sequence.Tag, sequence.Offset, "a sequence of undefined length");
                }
                return items;
            }
            if (!DicomElementHeader.TryParse(data.Span[..sequenceEnd], pos, explicitVr: false, bigEndian, out var item))
            {
                DicomThrowHelper.ThrowMissingDelimiter(file, sequence.Tag, sequence.Offset, "a sequence");
            }
            if (item.Tag == DicomTag.SequenceDelimitation)
            {
                pos += 8;
                return items;
            }
            if (item.Tag != DicomTag.Item)
            {
                DicomThrowHelper.ThrowUnexpectedTag(file, item.Tag, pos, DicomTag.Item);
            }
            var dataset = new DicomDataset(bigEndian);
            pos += 8;
            if (item.IsUndefinedLength)
            {
                if (!ParseDataset(data, ref pos, sequenceEnd, explicitVr, bigEndian, depth, dataset, topLevel: false))
                {
                    DicomThrowHelper.ThrowMissingDelimiter(file, sequence.Tag, item.Offset, "a sequence item of undefined length");
                }
            }
            else
            {
                item.Validate(file, sequenceEnd, explicitVr: false);
                var itemEnd = (int)(item.ValueOffset + item.Length);
                ParseDataset(data, ref pos, itemEnd, explicitVr, bigEndian, depth, dataset, topLevel: false);
                pos = itemEnd;
            }
            items.Add(dataset);
        }
    }

    private List<DicomFragment> ReadFragments(ReadOnlyMemory<byte> data, DicomElementHeader pixelData, int end, ref int pos)
    {
        var fragments = new List<DicomFragment>();
        pos = (int)pixelData.ValueOffset;
        while (true)
        {
            // Encapsulated pixel data is always little endian.
            if (!DicomElementHeader.TryParse(data.Span[..end], pos, explicitVr: false, bigEndian: false, out var item))
            {
                DicomThrowHelper.ThrowMissingDelimiter(file, DicomTag.PixelData, pixelData.Offset,
                    $"encapsulated pixel data (after {fragments.Count} fragments, data ends at offset {end})");
            }
            if (item.Tag == DicomTag.SequenceDelimitation)
            {
                pos += 8;
                return fragments;
            }
            if (item.Tag != DicomTag.Item)
            {
                DicomThrowHelper.ThrowUnexpectedTag(file, item.Tag, pos, DicomTag.Item);
            }
            if (item.IsUndefinedLength || item.ValueOffset + item.Length > end)
            {
                DicomThrowHelper.ThrowLengthBeyondEnd(file, DicomTag.PixelData, item.Offset, item.IsUndefinedLength ? -1 : item.Length, end - item.ValueOffset);
            }
            fragments.Add(new DicomFragment(item.Offset, data.Slice((int)item.ValueOffset, (int)item.Length)));
            pos = (int)(item.ValueOffset + item.Length);
        }
    }
}
