using System.Security.Cryptography;
using System.Text;

namespace HipFx.Data.Dicom.Conversion;

/// <summary>Keyed, one-way pseudonyms: HMAC-SHA256 of a value under the user's secret salt, as a prefixed
/// lower-case hex string. The same salt gives the same pseudonym, so patients stay linked across runs and
/// institutions; without the salt the raw identifier cannot be recovered or confirmed by guessing.</summary>
public sealed class Pseudonymizer
{
    /// <summary>Hex characters kept (64 bits: collisions are negligible for any hospital archive).</summary>
    public const int HexLength = 16;

    private readonly byte[] key;

    public Pseudonymizer(string salt)
    {
        if (string.IsNullOrWhiteSpace(salt))
        {
            throw new ArgumentException("the salt must not be empty", nameof(salt));
        }
        key = Encoding.UTF8.GetBytes(salt);
    }

    /// <summary>A pseudonym for <paramref name="value"/> within a <paramref name="kind"/> ("patient", "study"...),
    /// so equal values of different kinds do not share a pseudonym. Null for an absent value.</summary>
    public string? Pseudonym(string kind, string? value)
    {
        if (value is null)
        {
            return null;
        }
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(kind + "\n" + value));
        return kind[0] + "_" + Convert.ToHexStringLower(mac)[..HexLength];
    }

    public string? Patient(string? patientId) => Pseudonym("patient", patientId);

    public string? Study(string? studyInstanceUid) => Pseudonym("study", studyInstanceUid);

    /// <summary>The image id of a source file: a pseudonym of its path relative to the input folder
    /// (file names from PACS exports often hold names or accession numbers).</summary>
    public string Image(string relativePath) => Pseudonym("image", relativePath.Replace('\\', '/'))!;
}
