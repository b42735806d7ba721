namespace HipFx.Data.Dicom;

/// <summary>A value representation: two upper-case letters (<c>US</c>, <c>SQ</c>...). <c>None</c> in implicit VR.</summary>
public readonly record struct DicomVr(char First, char Second)
{
    public static readonly DicomVr None = default;
    public static readonly DicomVr SQ = new('S', 'Q');
    public static readonly DicomVr UN = new('U', 'N');
    public static readonly DicomVr US = new('U', 'S');
    public static readonly DicomVr SS = new('S', 'S');
    public static readonly DicomVr OB = new('O', 'B');
    public static readonly DicomVr OW = new('O', 'W');

    public bool IsNone => First == '\0';

    /// <summary>Both letters are upper-case ASCII, the shape every standard VR has.</summary>
    public bool LooksValid => First is >= 'A' and <= 'Z' && Second is >= 'A' and <= 'Z';

    /// <summary>Explicit-VR elements of these VRs have 2 reserved bytes and a 4-byte length.</summary>
    public bool HasLongLength => (First, Second) is ('O', 'B' or 'D' or 'F' or 'L' or 'V' or 'W') or ('S', 'Q' or 'V') or ('U', 'C' or 'N' or 'R' or 'T' or 'V');

    public static DicomVr FromBytes(byte first, byte second) => new((char)first, (char)second);

    public override string ToString() => IsNone ? "--" : $"{First}{Second}";
}
