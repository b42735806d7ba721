using System.Runtime.InteropServices;

namespace HipFx.Core;

/// <summary>What a path is, after following symbolic links.</summary>
public enum InputFileKind
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}

/// <summary>
/// The one rule for opening a file the user gave: only regular files are read (a FIFO would block forever, a
/// device such as <c>/dev/zero</c> never ends, a socket is not data), their length is checked against a limit before
/// a byte is read, and a path with a NUL or other control character is refused. Symbolic links to files are followed;
/// what they point at must be a regular file too. Every refusal is a <see cref="HipFxDataException"/> naming the path
/// and saying why it was skipped.
/// </summary>
public static class InputFile
{
    /// <summary>The kind of <paramref name="path"/> (symbolic links followed); <see cref="InputFileKind.Missing"/> when
    /// it does not exist or cannot be named (a NUL in the path).</summary>
    public static InputFileKind KindOf(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\0'))
        {
            return InputFileKind.Missing;
        }
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS() && !OperatingSystem.IsFreeBSD())
        {
            return Directory.Exists(path) ? InputFileKind.Directory : File.Exists(path) ? InputFileKind.Regular : InputFileKind.Missing;
        }
        // System.Native's stat (the call .NET itself uses): a portable layout whose second int is the mode.
        var status = new byte[256];
        if (NativeMethods.Stat(path, status) != 0)
        {
            return InputFileKind.Missing;
        }
        int mode = BitConverter.ToInt32(status, 4) & 0xF000;
        return mode switch
        {
            0x8000 => InputFileKind.Regular,
            0x4000 => InputFileKind.Directory,
            0x1000 => InputFileKind.Fifo,
            0x2000 => InputFileKind.CharacterDevice,
            0x6000 => InputFileKind.BlockDevice,
            0xC000 => InputFileKind.Socket,
            _ => InputFileKind.Other,
        };
    }

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
        return KindOf(path) switch
        {
            InputFileKind.Regular => null,
            InputFileKind.Missing => "not found",
            InputFileKind.Directory => "a directory, not a file",
            InputFileKind.Fifo => "a FIFO (named pipe), not a regular file: skipped (reading it could wait forever)",
            InputFileKind.CharacterDevice => "a character device, not a regular file: skipped",
            InputFileKind.BlockDevice => "a block device, not a regular file: skipped",
            InputFileKind.Socket => "a socket, not a regular file: skipped",
            _ => "not a regular file: skipped",
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

    private static class NativeMethods
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi)]
        internal static extern int Stat(string path, byte[] status);
    }
}
