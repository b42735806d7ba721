using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using HipFx.Data.Dicom.Elements;

namespace HipFx.Data.Dicom;

/// <summary>The elements of a data set (or of a sequence item), by tag, with typed getters that read the
/// value in the data set's byte order. Private elements are not kept.</summary>
public sealed class DicomDataset
{
    private readonly Dictionary<DicomTag, DicomElement> elements = [];

    internal DicomDataset(bool bigEndian)
    {
        BigEndian = bigEndian;
    }

    /// <summary>True for Explicit VR Big Endian data.</summary>
    public bool BigEndian { get; }

    public int Count => elements.Count;

    public IEnumerable<DicomElement> Elements => elements.Values.OrderBy(e => e.Tag.Group).ThenBy(e => e.Tag.Element);

    internal void Add(DicomElement element) => elements[element.Tag] = element;

    public bool Contains(DicomTag tag) => elements.ContainsKey(tag);

    public DicomElement? Find(DicomTag tag) => elements.GetValueOrDefault(tag);

    /// <summary>The text of a string element, trimmed of padding (spaces, NULs); null when absent or empty.
    /// Multi-valued strings keep their backslashes; see <see cref="GetStrings"/>.</summary>
    public string? GetString(DicomTag tag)
    {
        if (!elements.TryGetValue(tag, out var element) || element.Value.IsEmpty)
        {
            return null;
        }
        var text = Encoding.Latin1.GetString(element.Value.Span).Trim(' ', '\0');
        return text.Length == 0 ? null : text;
    }

    /// <summary>The values of a multi-valued string element (split at backslashes, each trimmed).</summary>
    public string[] GetStrings(DicomTag tag) =>
        GetString(tag) is { } text ? text.Split('\\').Select(v => v.Trim(' ', '\0')).ToArray() : [];

    /// <summary>The numbers of a DS/IS element; null when absent. Unparseable values are a data error.</summary>
    public double[]? GetDecimals(DicomTag tag, string file)
    {
        var values = GetStrings(tag);
        if (values.Length == 0)
        {
            return null;
        }
        var result = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out result[i]))
            {
                DicomThrowHelper.ThrowBadPixelAttribute(file, tag, "a decimal string value", "a number", $"'{values[i]}'");
            }
        }
        return result;
    }

    /// <summary>The first value of a DS/IS element, or <paramref name="fallback"/> when absent.</summary>
    public double GetDecimal(DicomTag tag, string file, double fallback) => GetDecimals(tag, file) is [var first, ..] ? first : fallback;

    /// <summary>An unsigned 16-bit (US) value; an IS string is accepted too. Null when absent.</summary>
    public int? GetUInt16(DicomTag tag, int index = 0)
    {
        if (!elements.TryGetValue(tag, out var element))
        {
            return null;
        }
        var span = element.Value.Span;
        if (element.Vr == new DicomVr('I', 'S') || element.Vr == new DicomVr('D', 'S'))
        {
            return int.TryParse(GetString(tag), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        }
        if (span.Length < 2 * (index + 1))
        {
            return null;
        }
        var slice = span.Slice(2 * index, 2);
        return BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(slice) : BinaryPrimitives.ReadUInt16LittleEndian(slice);
    }

    /// <summary>An integer string (IS), e.g. NumberOfFrames; null when absent.</summary>
    public int? GetInteger(DicomTag tag)
    {
        var text = GetString(tag);
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text.Split('\\')[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>All 16-bit words of a value (US/SS/OW), in the data set's byte order, as unsigned numbers.</summary>
    public ushort[] GetWords(DicomTag tag)
    {
        if (!elements.TryGetValue(tag, out var element))
        {
            return [];
        }
        var span = element.Value.Span;
        var words = new ushort[span.Length / 2];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span[(2 * i)..]) : BinaryPrimitives.ReadUInt16LittleEndian(span[(2 * i)..]);
        }
        return words;
    }

    /// <summary>The items of a sequence, empty when absent.</summary>
    public IReadOnlyList<DicomDataset> GetSequence(DicomTag tag) => elements.TryGetValue(tag, out var element) ? element.Items : [];
}
