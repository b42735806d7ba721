namespace HipFx.Data.Files;

/// <summary>What a path is, as the operating system says (a symbolic link is <see cref="SymbolicLink"/> only when not followed).</summary>
public enum FileKind
{
    /// <summary>Nothing there (or a link whose target does not exist).</summary>
    Missing = 0,

    /// <summary>A regular file: the only kind hipfx opens.</summary>
    Regular = 1,

    Directory = 2,

    SymbolicLink = 3,

    /// <summary>A named pipe: opening it for reading waits for a writer (a hang).</summary>
    Fifo = 4,

    /// <summary>A character device such as <c>/dev/zero</c> (endless bytes).</summary>
    CharacterDevice = 5,

    BlockDevice = 6,

    Socket = 7,

    Other = 8,
}

/// <summary>Words for a <see cref="FileKind"/> in messages.</summary>
public static class FileKindNames
{
    /// <summary>E.g. "a FIFO (named pipe)".</summary>
    public static string Describe(this FileKind kind) => kind switch
    {
        FileKind.Missing => "missing",
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "not a regular file",
    };
}
