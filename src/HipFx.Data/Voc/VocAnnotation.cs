using HipFx.Core;

namespace HipFx.Data.Voc;

/// <summary>
/// One LabelImg / Pascal VOC annotation file, as a value. Boxes are held in hipfx's 0-based edge coordinates
/// (<see cref="Box"/>); the file's numbers are converted at the edge by a <see cref="VocCoordinateConvention"/>.
/// <see cref="Folder"/> and <see cref="Path"/> are kept only so a file can be rewritten as it was: hipfx never
/// uses them to find an image (they go stale and may hold patient names).
/// Equality compares every field and every object in order, so a read → write → read round trip can be checked
/// with <c>==</c>.
/// </summary>
public sealed record VocAnnotation
{
    /// <summary><c>&lt;filename&gt;</c>: the image file name as written (compare with the XML's stem, never trust blindly).</summary>
    public required string Filename { get; init; }

    /// <summary><c>&lt;width&gt;</c> as written.</summary>
    public required int Width { get; init; }

    /// <summary><c>&lt;height&gt;</c> as written.</summary>
    public required int Height { get; init; }

    /// <summary><c>&lt;depth&gt;</c>: 1 (grayscale) or 3 (colour) in LabelImg files; null when the element is empty.</summary>
    public int? Depth { get; init; } = 1;

    /// <summary>The <c>verified="yes"</c> attribute LabelImg writes when the annotator pressed "verify image".</summary>
    public bool Verified { get; init; }

    /// <summary><c>&lt;folder&gt;</c>: untrusted, kept for rewriting only; null when absent.</summary>
    public string? Folder { get; init; }

    /// <summary><c>&lt;path&gt;</c>: untrusted, kept for rewriting only (LabelImg writes the annotator's absolute path); null when absent.</summary>
    public string? Path { get; init; }

    /// <summary><c>&lt;source&gt;&lt;database&gt;</c>; LabelImg writes <c>Unknown</c>.</summary>
    public string Database { get; init; } = "Unknown";

    /// <summary><c>&lt;segmented&gt;</c>; LabelImg writes 0.</summary>
    public int Segmented { get; init; }

    /// <summary>The <c>&lt;object&gt;</c> elements, in file order.</summary>
    public IReadOnlyList<VocObject> Objects { get; init; } = [];

    /// <summary>
    /// The annotation LabelImg would save for an image with these ground-truth boxes: canonical class names,
    /// <c>truncated</c> by LabelImg's border rule, <c>verified="yes"</c> (a reviewed image; with no boxes, a confirmed
    /// negative), no <c>&lt;folder&gt;</c>/<c>&lt;path&gt;</c> (they can leak patient names). Write it with <see cref="VocWriter"/>.
    /// </summary>
    public static VocAnnotation ForImage(string filename, int width, int height, IEnumerable<GroundTruthBox> boxes,
        int depth = 1, bool verified = true, VocCoordinateConvention convention = VocCoordinateConvention.LabelImgEdge) => new()
    {
        Filename = filename,
        Width = width,
        Height = height,
        Depth = depth,
        Verified = verified,
        Objects = boxes.Select(b => VocObject.Create(b.Class.Name(), b.Box, width, height, b.Difficult, convention)).ToList(),
    };

    public bool Equals(VocAnnotation? other) =>
        other is not null
        && Filename == other.Filename && Width == other.Width && Height == other.Height && Depth == other.Depth
        && Verified == other.Verified && Folder == other.Folder && Path == other.Path && Database == other.Database
        && Segmented == other.Segmented && Objects.SequenceEqual(other.Objects);

    public override int GetHashCode() =>
        HashCode.Combine(Filename, Width, Height, Depth, Verified, Objects.Count);
}

/// <summary>
/// One <c>&lt;object&gt;</c>: a raw class name (mapped to a <see cref="FractureClass"/> by a <see cref="ClassMap"/>),
/// LabelImg's pose / truncated / difficult fields and the box in 0-based edge coordinates.
/// Absent <c>pose</c>, <c>truncated</c> and <c>difficult</c> elements read as LabelImg's defaults
/// (<c>Unspecified</c>, false, false).
/// </summary>
public sealed record VocObject(string Name, Box Box, bool Difficult = false, bool Truncated = false, string Pose = "Unspecified")
{
    /// <summary>
    /// An object as LabelImg would create it for an image of the given size: <c>truncated</c> is set when the box
    /// touches the image border (LabelImg's rule), pose is <c>Unspecified</c>.
    /// </summary>
    public static VocObject Create(string name, Box box, int imageWidth, int imageHeight, bool difficult = false,
        VocCoordinateConvention convention = VocCoordinateConvention.LabelImgEdge)
    {
        Box raw = convention.FromBox(box);
        bool truncated = raw.X1 <= 1 || raw.Y1 <= 1 || raw.X2 >= imageWidth || raw.Y2 >= imageHeight;
        return new VocObject(name, box, difficult, truncated);
    }
}
