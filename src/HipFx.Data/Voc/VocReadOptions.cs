namespace HipFx.Data.Voc;

/// <summary>How VOC XML files are read. Defaults suit LabelImg files.</summary>
public sealed record VocReadOptions
{
    /// <summary>The default options: <c>labelimg_edge</c>, 4 Mi characters per file.</summary>
    public static VocReadOptions Default { get; } = new();

    /// <summary>How the file's integers map to edge coordinates. Default <see cref="VocCoordinateConvention.LabelImgEdge"/>.</summary>
    public VocCoordinateConvention Convention { get; init; } = VocCoordinateConvention.LabelImgEdge;

    /// <summary>
    /// Largest document accepted, in characters (default 4 Mi: a LabelImg file with 41 boxes is 9 KB). Larger files
    /// are refused before they are read whole: a guard against oversized or hostile input.
    /// </summary>
    public long MaxCharacters { get; init; } = 4L * 1024 * 1024;

    /// <summary>Deepest element nesting accepted (default 64; a LabelImg file is 4 deep). Deeper files are refused
    /// while they are read, before a tree is built: a 100,000-deep file is refused at once.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Longest class name accepted, in characters (default 256).</summary>
    public int MaxNameLength { get; init; } = 256;
}
