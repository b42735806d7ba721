using System.Security.Cryptography;

namespace HipFx.Evaluation.Tables;

/// <summary>The SHA-256 of an input file's bytes, as run stamps record it (lower-case hex).</summary>
public static class FileHash
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
