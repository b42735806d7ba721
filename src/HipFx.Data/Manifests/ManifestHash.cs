using System.Security.Cryptography;
using System.Text;

namespace HipFx.Data.Manifests;

/// <summary>
/// The manifest's identity, recorded by every run that reads it: SHA-256 (lower-case hex) of the canonical
/// content, which is the CSV text <see cref="ManifestWriter"/> writes for the rows sorted by <c>image_id</c>
/// (ordinal), with every column (optional ones included), UTF-8, LF line ends. Row order, column order, quoting,
/// line ends and BOMs of the file on disk do not change it; any cell value does.
/// </summary>
public static class ManifestHash
{
    public static string Compute(IEnumerable<ManifestRow> rows)
    {
        var sorted = rows.OrderBy(r => r.ImageId, StringComparer.Ordinal).ToList();
        string canonical = ManifestWriter.ToCsv(sorted, optionalColumns: true);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
