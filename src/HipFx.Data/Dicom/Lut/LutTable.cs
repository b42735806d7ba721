namespace HipFx.Data.Dicom.Lut;

/// <summary>A LUT from a Modality or VOI LUT Sequence item: descriptor (entries, first mapped value, bits) and data.
/// Inputs below the first mapped value take the first entry, above the last take the last (PS3.3 C.11.1.1).</summary>
public sealed class LutTable
{
    private readonly ushort[] entries;

    private LutTable(int firstMapped, int bits, ushort[] entries)
    {
        FirstMapped = firstMapped;
        Bits = bits;
        this.entries = entries;
        MaxEntry = entries.Max();
        MinEntry = entries.Min();
    }

    public int FirstMapped { get; }

    /// <summary>Bits per entry as the descriptor says (8 or 16).</summary>
    public int Bits { get; }

    public int Count => entries.Length;

    public int MinEntry { get; }

    public int MaxEntry { get; }

    public int this[int input]
    {
        get
        {
            var index = input - FirstMapped;
            return entries[index < 0 ? 0 : index >= entries.Length ? entries.Length - 1 : index];
        }
    }

    /// <summary>Reads the LUT of one sequence item. <paramref name="signedInput"/>: the first mapped value is signed
    /// (pixel representation 1, or the descriptor's VR is SS).</summary>
    internal static LutTable Parse(DicomDataset item, DicomTag sequence, bool signedInput, string file)
    {
        var descriptor = item.GetWords(DicomTag.LutDescriptor);
        if (descriptor.Length < 3)
        {
            DicomThrowHelper.ThrowBadLut(file, sequence, $"LUT Descriptor {DicomTag.LutDescriptor} needs 3 values, found {descriptor.Length}");
        }
        var count = descriptor[0] == 0 ? 65536 : descriptor[0];
        var descriptorVr = item.Find(DicomTag.LutDescriptor)!.Vr;
        int first = signedInput || descriptorVr == DicomVr.SS ? (short)descriptor[1] : descriptor[1];
        var bits = descriptor[2];
        if (bits is < 1 or > 16)
        {
            DicomThrowHelper.ThrowBadLut(file, sequence, $"LUT Descriptor bits must be 1..16, found {bits}");
        }
        var data = item.Find(DicomTag.LutData);
        if (data is null)
        {
            DicomThrowHelper.ThrowBadLut(file, sequence, $"LUT Data {DicomTag.LutData} is missing");
        }
        ushort[] entries;
        if (bits <= 8 && data.Value.Length == count)
        {
            entries = data.Value.ToArray().Select(b => (ushort)b).ToArray(); // 8-bit entries packed in bytes
        }
        else
        {
            var words = item.GetWords(DicomTag.LutData);
            if (words.Length < count)
            {
                DicomThrowHelper.ThrowBadLut(file, sequence, $"descriptor says {count} entries, LUT Data holds {words.Length}");
            }
            entries = words.Length == count ? words : words[..count];
        }
        return new LutTable(first, bits, entries);
    }
}
