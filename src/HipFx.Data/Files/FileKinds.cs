using System.Runtime.InteropServices;
using HipFx.Core;

namespace HipFx.Data.Files;

/// <summary>
/// Tells a regular file from a FIFO, a device or a socket before anything opens it (.NET's file attributes cannot:
/// they call all of these "Normal"). On Unix it asks <c>stat</c>/<c>lstat</c> through .NET's own native shim; on
/// Windows, where FIFOs and device files cannot appear in a folder, the file attributes suffice.
/// </summary>
public static class FileKinds
{
    /// <summary>The kind of <paramref name="path"/>; with <paramref name="followLinks"/> false a symbolic link is reported as one.</summary>
    public static FileKind Of(string path, bool followLinks = true)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            return FileKind.Missing;
        }
        return OperatingSystem.IsWindows() ? OfWindows(path, followLinks) : OfUnix(path, followLinks);
    }

    /// <summary>Null when <paramref name="path"/> is a regular file (after following links); otherwise why it will not be opened.</summary>
    public static string? WhyNotRegular(string path)
    {
        var kind = Of(path);
        return kind switch
        {
            FileKind.Regular => null,
            FileKind.Missing => Of(path, followLinks: false) == FileKind.SymbolicLink ? "a link to nothing" : "no such file",
            _ => $"{kind.Describe()}, not a regular file",
        };
    }

    /// <summary>Throws <see cref="HipFxDataException"/> naming <paramref name="path"/> unless it is a regular file.</summary>
    public static string RequireRegular(string path) =>
        WhyNotRegular(path) is { } why ? throw new HipFxDataException($"not read: {why}", path) : path;

    private static FileKind OfWindows(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists)
        {
            return FileKind.Missing;
        }
        if (info.LinkTarget is not null)
        {
            if (!followLinks)
            {
                return FileKind.SymbolicLink;
            }
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists)
            {
                return FileKind.Missing;
            }
            info = target;
        }
        return info.Attributes.HasFlag(FileAttributes.Directory) ? FileKind.Directory
            : info.Attributes.HasFlag(FileAttributes.Device) ? FileKind.CharacterDevice
            : FileKind.Regular;
    }

    private static FileKind OfUnix(string path, bool followLinks)
    {
        // System.Native's FileStatus: int32 Flags, int32 Mode, ...; generous buffer for later additions.
        var status = new byte[256];
        int rc = followLinks ? Native.Stat(path, status) : Native.LStat(path, status);
        if (rc != 0)
        {
            return FileKind.Missing;
        }
        int mode = BitConverter.ToInt32(status, 4);
        return (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    /// <summary>The canonical absolute path (every link and <c>..</c> resolved), or null when it cannot be resolved.</summary>
    public static string? RealPath(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var info = new DirectoryInfo(path);
            return (info.LinkTarget is null ? info : info.ResolveLinkTarget(true))?.FullName;
        }
        nint result = Native.RealPath(path, 0);
        if (result == 0)
        {
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(result);
        }
        finally
        {
            Native.Free(result);
        }
    }

    private static class Native
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        public static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat")]
        public static extern int LStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);

        [DllImport("libc", EntryPoint = "realpath")]
        public static extern nint RealPath([MarshalAs(UnmanagedType.LPUTF8Str)] string path, nint resolved);

        [DllImport("libc", EntryPoint = "free")]
        public static extern void Free(nint pointer);
    }
}
