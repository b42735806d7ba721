using HipFx.Core;
using HipFx.Evaluation.Pipeline;
using HipFx.Tests;

namespace HipFx.Evaluation.Tests.Pipeline;

public class RadiographFilesTests
{
    [Fact]
    public void Dicom_is_rendered_like_convert_with_monochrome1_inverted()
    {
        // CR-MONO1-10-chest.dcm (shared/data/dicom, see its README): a 440×440 MONOCHROME1 chest radiograph.
        string path = RepoPaths.SharedFile("data", "dicom", "CR-MONO1-10-chest.dcm");
        Assert.True(RadiographFiles.IsSupported(path));
        var image = RadiographFiles.Load(path);
        Assert.Equal((440, 440, 16), (image.Width, image.Height, image.BitDepth));
        Assert.Equal((440, 440), RadiographFiles.Size(path));
        // After inversion, bright means dense: the spine (centre column, mid-height) is brighter than the air above the shoulder.
        Assert.True(image[220, 250] > image[20, 20], $"spine {image[220, 250]} vs corner {image[20, 20]}");
    }

    [Fact]
    public void Colour_dicom_is_refused_naming_the_file()
    {
        string path = RepoPaths.SharedFile("data", "dicom", "SC_rgb.dcm");
        var e = Assert.Throws<HipFxDataException>(() => RadiographFiles.Load(path));
        Assert.Equal(path, e.FilePath);
    }
}
