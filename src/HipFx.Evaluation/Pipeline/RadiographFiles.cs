using HipFx.Core;
using HipFx.Data.Dicom;
using HipFx.Data.Images;

namespace HipFx.Evaluation.Pipeline;

/// <summary>
/// Opens the images predict accepts: PNG/JPEG through <see cref="RadiographLoader"/>, DICOM (*.dcm, *.dicom, *.dic)
/// through <see cref="DicomReader"/> rendered as <c>hipfx convert</c> does by default (16-bit gray after the
/// modality LUT, MONOCHROME1 inverted, frame 0), so a model trained on converted PNGs sees the same pixels.
/// </summary>
public static class RadiographFiles
{
    private static readonly string[] DicomExtensions = [".dcm", ".dicom", ".dic"];

    public static bool IsDicom(string path) => DicomExtensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    public static bool IsSupported(string path) => IsDicom(path) || RadiographLoader.IsImageFile(path);

    public static RadiographImage Load(string path)
    {
        if (!IsDicom(path))
        {
            return RadiographLoader.Load(path);
        }
        var image = DicomReader.Read(path).Image;
        var d = image.Description;
        if (!d.IsMonochrome)
        {
            throw new HipFxDataException($"a {d.PhotometricText} DICOM image is not a grayscale radiograph", path, "(0028,0004)");
        }
        return new RadiographImage(d.Columns, d.Rows, 16, image.ReadGray16(0), path);
    }

    /// <summary>Width and height without decoding pixels when the format allows.</summary>
    public static (int Width, int Height) Size(string path)
    {
        if (IsDicom(path))
        {
            var d = DicomReader.Read(path).Image.Description;
            return (d.Columns, d.Rows);
        }
        var header = RadiographLoader.ReadHeader(path);
        return (header.Width, header.Height);
    }
}
