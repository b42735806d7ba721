using HipFx.Core;
using HipFx.Data.Images;

namespace HipFx.Data.Files;

/// <summary>
/// The one rule for finding radiograph files (predict's inputs, eval's <c>--images</c> folder, lint's folder,
/// convert's DICOM folder), on top of the safe <see cref="FileWalk"/>: an image file has an extension the loader
/// reads (<see cref="RadiographLoader.Extensions"/>: PNG, JPEG, DICOM); hipfx's own overlays (<c>*.overlay.png</c>)
/// are outputs, never inputs; only regular files are returned, everything else is skipped with a reason.
/// </summary>
public static class ImageFiles
{
    /// <summary>The suffix of the overlays predict writes; such files are never taken as inputs.</summary>
    public const string OverlaySuffix = ".overlay.png";

    /// <summary>True for a file name the loader reads that is not one of hipfx's overlays.</summary>
    public static bool IsInputImage(string path) =>
        RadiographLoader.IsImageFile(path) && !path.EndsWith(OverlaySuffix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The image files under <paramref name="folder"/> (recursive).</summary>
    public static FileSearch InFolder(string folder, FileWalkOptions? options = null) =>
        FileWalk.Files(folder, IsInputImage, options);

    /// <summary>
    /// The image files named by <paramref name="inputs"/> (files, or folders searched with <see cref="InFolder"/>),
    /// full paths, each once, files in the order given and each folder's files in ordinal order. An input that does not
    /// exist throws <see cref="HipFxDataException"/>; a named file that is not a regular file is skipped with its reason.
    /// </summary>
    public static FileSearch Collect(IReadOnlyList<string> inputs, FileWalkOptions? options = null)
    {
        var files = new List<string>();
        var skipped = new List<SkippedPath>();
        foreach (var input in inputs)
        {
            var kind = FileKinds.Of(input);
            if (kind == FileKind.Directory)
            {
                var found = InFolder(input, options);
                files.AddRange(found.Files);
                skipped.AddRange(found.Skipped);
            }
            else if (kind == FileKind.Missing)
            {
                throw new HipFxDataException("no such image file or folder", input);
            }
            else if (FileKinds.WhyNotRegular(input) is { } why)
            {
                skipped.Add(new SkippedPath(Path.GetFullPath(input), why));
            }
            else
            {
                files.Add(Path.GetFullPath(input));
            }
        }
        return new FileSearch(files.Distinct(StringComparer.Ordinal).ToList(), skipped);
    }

    /// <summary>
    /// The file of <paramref name="imageId"/> in a flat folder (eval's <c>--images</c>): <c>{id}</c> plus each
    /// loader extension in <see cref="RadiographLoader.Extensions"/> order (.png, .jpg, .jpeg, .dcm, .dicom, .dic),
    /// then <c>{id}</c> itself; the first that exists. Null when none does; a candidate that exists but is not a
    /// regular file throws <see cref="HipFxDataException"/> naming it.
    /// </summary>
    public static string? ForImageId(string folder, string imageId)
    {
        foreach (string ext in RadiographLoader.Extensions.Append(""))
        {
            string path = Path.Combine(folder, imageId + ext);
            var kind = FileKinds.Of(path);
            if (kind == FileKind.Regular)
            {
                return path;
            }
            if (kind != FileKind.Missing && !(ext.Length == 0 && kind == FileKind.Directory))
            {
                throw new HipFxDataException($"not read: {kind.Describe()}, not a regular file", path);
            }
        }
        return null;
    }
}
