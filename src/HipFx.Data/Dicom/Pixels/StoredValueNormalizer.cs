namespace HipFx.Data.Dicom.Pixels;

/// <summary>Turns raw sample words into stored values: shifts so the high bit lands at BitsStored-1, masks off
/// bits above (overlays, garbage) and sign-extends when PixelRepresentation is 1.</summary>
internal readonly struct StoredValueNormalizer
{
    private readonly int shift;
    private readonly int mask;
    private readonly int signBit;
    private readonly bool signed;

    public StoredValueNormalizer(PixelDescription description)
    {
        shift = description.HighBit + 1 - description.BitsStored;
        mask = (int)((1L << description.BitsStored) - 1);
        signBit = 1 << (description.BitsStored - 1);
        signed = description.Signed;
        IsIdentityFor16 = shift == 0 && description.BitsStored == 16;
    }

    /// <summary>True when 16-bit words need no masking (BitsStored 16, HighBit 15).</summary>
    public bool IsIdentityFor16 { get; }

    public int Apply(int raw)
    {
        var value = (raw >> shift) & mask;
        return signed && (value & signBit) != 0 ? value - (mask + 1) : value;
    }

    public void ApplyInPlace(Span<int> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Apply(values[i]);
        }
    }
}
