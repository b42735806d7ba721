namespace HipFx.Data.Files;

/// <summary>How <see cref="FileWalk"/> treats symbolic links.</summary>
public sealed record FileWalkOptions
{
    public static FileWalkOptions Default { get; } = new();

    /// <summary>
    /// Follow symbolic links to folders and to files outside the walked folder. Default false: a linked folder is
    /// skipped (and reported), a linked file is taken only when it resolves to a regular file inside the folder.
    /// Either way no folder is visited twice.
    /// </summary>
    public bool FollowLinks { get; init; }
}
