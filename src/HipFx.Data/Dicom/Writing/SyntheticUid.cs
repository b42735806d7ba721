using System.Numerics;

namespace HipFx.Data.Dicom.Writing;

/// <summary>
/// UIDs of the form <c>2.25.&lt;integer&gt;</c> (PS3.5 §B.2: a UUID read as one unsigned 128-bit integer),
/// derived from 16 bytes the caller supplies, so a seeded generator gives the same UIDs every run.
/// </summary>
public static class SyntheticUid
{
    /// <summary>Implementation Class UID of hipfx's writer (fixed).</summary>
    public const string ImplementationClassUid = "2.25.190712233465716094727312954402361355906";

    /// <summary>Builds a UID from 16 bytes, marked as a version-4 (random) RFC 4122 UUID.</summary>
    public static string From(ReadOnlySpan<byte> sixteenBytes)
    {
        if (sixteenBytes.Length != 16)
        {
            throw new ArgumentException($"a UUID needs 16 bytes, got {sixteenBytes.Length}", nameof(sixteenBytes));
        }
        Span<byte> b = stackalloc byte[16];
        sixteenBytes.CopyTo(b);
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        var value = new BigInteger(b, isUnsigned: true, isBigEndian: true);
        return "2.25." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
