using HipFx.Core;

namespace HipFx.Data.Voc;

/// <summary>
/// How the integers in a VOC <c>&lt;bndbox&gt;</c> relate to hipfx's 0-based continuous pixel-edge <see cref="Box"/>.
/// One explicit setting, recorded wherever results are written (its config name is <see cref="VocConventions.ConfigName"/>).
/// </summary>
public enum VocCoordinateConvention
{
    /// <summary>
    /// <c>labelimg_edge</c> (default): what LabelImg writes. The numbers are the canvas edge coordinates of the drawn
    /// rectangle, truncated to integers, so a box is read as-is: <c>Box(xmin, ymin, xmax, ymax)</c>.
    /// LabelImg clamps xmin/ymin to at least 1 when drawing; the reader accepts 0.
    /// </summary>
    LabelImgEdge = 0,

    /// <summary>
    /// <c>voc_1based_inclusive</c>: the original PASCAL VOC devkit reading: 1-based pixel indices, both ends inclusive,
    /// so the box covers <c>Box(xmin - 1, ymin - 1, xmax, ymax)</c> in edge coordinates.
    /// </summary>
    Voc1BasedInclusive = 1,
}

/// <summary>Conversions between VOC numbers and <see cref="Box"/>, and the config names of the conventions.</summary>
public static class VocConventions
{
    /// <summary>The name used in configs, manifests and reports: <c>labelimg_edge</c> or <c>voc_1based_inclusive</c>.</summary>
    public static string ConfigName(this VocCoordinateConvention convention) => convention switch
    {
        VocCoordinateConvention.LabelImgEdge => "labelimg_edge",
        VocCoordinateConvention.Voc1BasedInclusive => "voc_1based_inclusive",
        _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, null),
    };

    /// <summary>Parses a config name; throws <see cref="HipFxConfigException"/> listing the valid names when unknown.</summary>
    public static VocCoordinateConvention Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "labelimg_edge" => VocCoordinateConvention.LabelImgEdge,
        "voc_1based_inclusive" => VocCoordinateConvention.Voc1BasedInclusive,
        _ => throw new HipFxConfigException(
            $"unknown VOC coordinate convention '{name}'; expected 'labelimg_edge' or 'voc_1based_inclusive'"),
    };

    /// <summary>The edge-coordinate box of the VOC numbers <paramref name="raw"/> (xmin, ymin, xmax, ymax as written).</summary>
    public static Box ToBox(this VocCoordinateConvention convention, Box raw) => convention switch
    {
        VocCoordinateConvention.LabelImgEdge => raw,
        VocCoordinateConvention.Voc1BasedInclusive => raw with { X1 = raw.X1 - 1, Y1 = raw.Y1 - 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, null),
    };

    /// <summary>The VOC numbers (xmin, ymin, xmax, ymax) that <see cref="ToBox"/> reads back as <paramref name="box"/>.</summary>
    public static Box FromBox(this VocCoordinateConvention convention, Box box) => convention switch
    {
        VocCoordinateConvention.LabelImgEdge => box,
        VocCoordinateConvention.Voc1BasedInclusive => box with { X1 = box.X1 + 1, Y1 = box.Y1 + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, null),
    };

    /// <summary>
    /// Rounds an edge box outwards to whole pixels (floor the minimum, ceiling the maximum), the way a box drawn on
    /// a pixel grid covers every pixel it touches. Use before writing boxes that came from a model or a generator.
    /// </summary>
    public static Box ToWholePixels(Box box) =>
        new(Math.Floor(box.X1), Math.Floor(box.Y1), Math.Ceiling(box.X2), Math.Ceiling(box.Y2));
}
