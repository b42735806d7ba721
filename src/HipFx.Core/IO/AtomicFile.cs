using System.Globalization;
using System.Text;

namespace HipFx.Core.IO;

/// <summary>
/// The one way hipfx replaces a file: write a temporary file in the same folder, flush it to disk, then rename it over
/// the target. A reader sees the old file or the new one, never half of one; a failed write leaves the old file and no
/// temporary behind. The temporary is named <c>.{stem}.{pid}-{random}.tmp{extension}</c> (encoders that
/// go by the extension still see it), so concurrent writers and nested
/// callers never collide. The target's folder is created; an existing target's Unix permissions are kept.
/// </summary>
public static class AtomicFile
{
    /// <summary>UTF-8 without a byte-order mark: every text file hipfx writes.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes what <paramref name="write"/> puts in the stream to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteVia(path, temporary =>
        {
            using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(file);
            file.Flush(flushToDisk: true);
        });
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no BOM) to <paramref name="path"/>, atomically.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, s =>
        {
            var bytes = Utf8.GetBytes(text);
            s.Write(bytes);
        });

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>, atomically.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, s => s.Write(bytes));

    /// <summary>Writes text through a <see cref="TextWriter"/> (UTF-8, no BOM) to <paramref name="path"/>, atomically.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Write(path, s =>
        {
            using var writer = new StreamWriter(s, Utf8, bufferSize: 1 << 16, leaveOpen: true);
            write(writer);
        });
    }

    /// <summary>
    /// For writers that insist on a path (image encoders, checkpoint savers): <paramref name="writeTo"/> writes the
    /// temporary file it is given; the file is then flushed and renamed over <paramref name="path"/>.
    /// </summary>
    public static void WriteVia(string path, Action<string> writeTo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(writeTo);
        string target = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        string temporary = TemporaryPath(target);
        try
        {
            writeTo(temporary);
            FlushToDisk(temporary);
            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            }
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The temporary file name used for <paramref name="target"/> (exposed for tests).</summary>
    public static string TemporaryPath(string target)
    {
        string folder = Path.GetDirectoryName(Path.GetFullPath(target))!;
        string random = Random.Shared.Next().ToString("x8", CultureInfo.InvariantCulture);
        return Path.Combine(folder, $".{Path.GetFileNameWithoutExtension(target)}.{Environment.ProcessId}-{random}.tmp{Path.GetExtension(target)}");
    }

    private static void FlushToDisk(string file)
    {
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"the writer did not create {file}");
        }
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.Flush(flushToDisk: true);
    }
}
