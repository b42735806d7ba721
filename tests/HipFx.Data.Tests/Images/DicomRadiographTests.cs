using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Tests;

namespace HipFx.Data.Tests.Images;

public class DicomRadiographTests
{
    [Fact]
    public void Dicom_is_rendered_like_convert_with_monochrome1_inverted()
    {
        // CR-MONO1-10-chest.dcm (shared/data/dicom, see its README): a 440×440 MONOCHROME1 chest radiograph.
        string path = RepoPaths.SharedFile("data", "dicom", "CR-MONO1-10-chest.dcm");
        Assert.True(RadiographLoader.IsImageFile(path) && RadiographLoader.IsDicom(path));
        var image = RadiographLoader.Load(path);
        Assert.Equal((440, 440, 16), (image.Width, image.Height, image.BitDepth));
        var header = RadiographLoader.ReadHeader(path);
        Assert.Equal((440, 440, "dicom"), (header.Width, header.Height, header.Format));
        // After inversion, bright means dense: the spine (centre column, mid-height) is brighter than the air above the shoulder.
        Assert.True(image[220, 250] > image[20, 20], $"spine {image[220, 250]} vs corner {image[20, 20]}");
    }

    [Fact]
    public void LoadWithHeader_gives_ReadHeader_and_Load_in_one_read()
    {
        string path = RepoPaths.SharedFile("data", "dicom", "CR-MONO1-10-chest.dcm");
        var (header, image) = RadiographLoader.LoadWithHeader(path);
        Assert.Equal(RadiographLoader.ReadHeader(path), header);
        Assert.Equal(RadiographLoader.Load(path).Pixels, image.Pixels);
    }

    [Fact]
    public void Colour_dicom_is_refused_naming_the_file()
    {
        string path = RepoPaths.SharedFile("data", "dicom", "SC_rgb.dcm");
        var e = Assert.Throws<HipFxDataException>(() => RadiographLoader.Load(path));
        Assert.Equal(path, e.FilePath);
    }

    [Fact]
    public void Dicom_over_the_pixel_limit_is_refused_before_decoding()
    {
        string path = RepoPaths.SharedFile("data", "dicom", "CR-MONO1-10-chest.dcm");
        var e = Assert.Throws<HipFxDataException>(() => RadiographLoader.Load(path, new ImageLoadOptions { MaxPixels = 440 * 440 - 1 }));
        Assert.Contains("over the limit", e.Message);
    }

    [Fact]
    public void A_truncated_dicom_is_an_error_naming_the_file()
    {
        string path = RepoPaths.SharedFile("data", "dicom", "malformed", "MR_truncated.dcm");
        var e = Assert.Throws<HipFxDataException>(() => RadiographLoader.Load(path));
        Assert.Equal(path, e.FilePath);
    }
}
