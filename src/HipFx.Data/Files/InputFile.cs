using HipFx.Core;

namespace HipFx.Data.Files;

/// <summary>
/// The one rule for opening a file the user gave: only regular files are read (a FIFO would block forever, a
/// device such as <c>/dev/zero</c> never ends, a socket is not data), their length is checked against a limit before
/// a byte is read, and a path with a NUL or other control character is refused. Symbolic links to files are followed;
/// what they point at must be a regular file too (<see cref="FileKinds"/> says what a path is). Every refusal is a <see cref="HipFxDataException"/> naming the path
/// and saying why it was skipped.
/// </summary>
public static class InputFile
{
    /// <summary>Why <paramref name="path"/> cannot be read as a data file, or null when it can.</summary>
    public static string? WhyNotReadable(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "empty path";
        }
        if (path.Any(char.IsControl))
        {
            return "the path holds a NUL or other control character";
        }
        return FileKinds.Of(path) switch
        {
            FileKind.Regular => null,
            FileKind.Missing => "not found",
            FileKind.Directory => "a folder, not a file",
            FileKind.Fifo => "a FIFO (named pipe), not a regular file: skipped (reading it could wait forever)",
            var kind => $"{kind.Describe()}, not a regular file: skipped",
        };
    }

    /// <summary>True when <paramref name="path"/> is a regular file (after following links).</summary>
    public static bool IsRegular(string path) => WhyNotReadable(path) is null;

    /// <summary>Throws a <see cref="HipFxDataException"/> naming the file unless it is a regular file;
    /// <paramref name="what"/> (e.g. "image", "manifest") starts the "not found" message.</summary>
    public static void EnsureRegular(string path, string what = "file")
    {
        if (WhyNotReadable(path) is { } why)
        {
            throw new HipFxDataException(why == "not found" ? $"{what} not found" : $"{what} is {why}", path);
        }
    }

    /// <summary>The length of a regular file, after checking it is one and is at most <paramref name="maxBytes"/>.</summary>
    public static long Length(string path, long maxBytes, string what = "file")
    {
        EnsureRegular(path, what);
        long length = new FileInfo(path).Length;
        if (length > maxBytes)
        {
            throw new HipFxDataException($"{what} is {length} bytes, over the limit of {maxBytes}", path);
        }
        return length;
    }

    /// <summary>Reads a regular file of at most <paramref name="maxBytes"/> bytes; never reads more, even if the
    /// file grows while it is read.</summary>
    public static byte[] ReadAllBytes(string path, long maxBytes, string what = "file")
    {
        long length = Length(path, maxBytes, what);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var bytes = new byte[length];
        int read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        return read == bytes.Length ? bytes : bytes[..read];
    }

    /// <summary>Opens a regular file of at most <paramref name="maxBytes"/> bytes for reading.</summary>
    public static FileStream OpenRead(string path, long maxBytes = long.MaxValue, string what = "file")
    {
        Length(path, maxBytes, what);
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    /// <summary>Reads a regular text file (UTF-8) of at most <paramref name="maxBytes"/> bytes.</summary>
    public static string ReadAllText(string path, long maxBytes, string what = "file")
    {
        using var reader = new StreamReader(OpenRead(path, maxBytes, what), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
