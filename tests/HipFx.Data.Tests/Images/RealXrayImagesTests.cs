using System.Text.Json;
using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Tests;

namespace HipFx.Data.Tests.Images;

/// <summary>Every FracAtlas radiograph in shared/data/xray against its manifest.json facts.</summary>
public sealed class RealXrayImagesTests
{
    public static TheoryData<string, int, int, string, bool> Images()
    {
        var data = new TheoryData<string, int, int, string, bool>();
        using var json = JsonDocument.Parse(File.ReadAllText(RepoPaths.SharedFile("data", "xray", "manifest.json")));
        foreach (var item in json.RootElement.EnumerateArray())
        {
            data.Add(item.GetProperty("file").GetString()!, item.GetProperty("width").GetInt32(), item.GetProperty("height").GetInt32(),
                item.GetProperty("jpeg_mode").GetString()!, item.GetProperty("truncated_jpeg").GetBoolean());
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Header_and_pixels_match_the_facts_or_the_truncation_is_named(string file, int width, int height, string mode, bool truncated)
    {
        string path = RepoPaths.SharedFile("data", "xray", file);
        if (truncated)
        {
            var error = Assert.Throws<HipFxDataException>(() => RadiographLoader.Load(path));
            Assert.Equal(path, error.FilePath);
            Assert.Contains("truncated JPEG", error.Message);
            return;
        }
        var header = RadiographLoader.ReadHeader(path);
        Assert.Equal(("jpeg", width, height, 8), (header.Format, header.Width, header.Height, header.BitDepth));
        Assert.Equal(mode == "L", header.IsGrayscale);
        Assert.False(header.HasNonTrivialOrientation);

        var image = RadiographLoader.Load(path);
        Assert.Equal((width, height, 8), (image.Width, image.Height, image.BitDepth));
        int max = image.Pixels.Max(p => (int)p);
        Assert.InRange(max, 100, 255); // a radiograph has bright bone
        Assert.True(image.Pixels.Distinct().Count() > 32, "a real radiograph has many gray levels");
    }

    [Fact]
    public void Exactly_one_image_is_truncated_and_it_is_IMG0004177() =>
        Assert.Equal(["images/IMG0004177.jpg"], Images().Where(r => (bool)r[4]).Select(r => (string)r[0]));

    [Fact]
    public void Exif_orientation_tag_is_read_when_present()
    {
        var withExif = Images().Select(r => RepoPaths.SharedFile("data", "xray", (string)r[0]))
            .Where(p => !p.EndsWith("IMG0004177.jpg", StringComparison.Ordinal))
            .Select(p => RadiographLoader.ReadHeader(p))
            .Where(h => h.ExifOrientation is not null).ToList();
        // README: one image has an EXIF block with Orientation=1.
        Assert.Equal(1, Assert.Single(withExif).ExifOrientation);
    }
}
