using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Data.Manifests;
using HipFx.Data.Splits;
using HipFx.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace HipFx.Data.Tests.Splits;

public sealed class NearDuplicateTests
{
    private static string Xray(string name) => RepoPaths.SharedFile("data", "xray", "images", name);

    [Fact]
    public void Resized_and_reencoded_copy_is_close_other_patients_are_far()
    {
        using var temp = RepoPaths.NewTempFolder();
        using (var image = Image.Load<L8>(Xray("IMG0002544.jpg")))
        {
            image.Mutate(c => c.Resize(image.Width / 2, image.Height / 2).Brightness(1.1f));
            image.SaveAsPng(temp.File("copy.png"));
        }
        var original = PerceptualHash.Compute(RadiographLoader.Load(Xray("IMG0002544.jpg")));
        var copy = PerceptualHash.Compute(RadiographLoader.Load(temp.File("copy.png")));
        var other = PerceptualHash.Compute(RadiographLoader.Load(Xray("IMG0002550.jpg")));
        int limit = new NearDuplicateOptions().MaxDistance;
        Assert.InRange(original.Distance(copy), 0, limit / 2);
        Assert.True(original.Distance(other) > 2 * limit, $"distance to another patient {original.Distance(other)}");
        Assert.Equal(0, original.Distance(original));
        Assert.Equal(256, original.Bits);
    }

    [Fact]
    public void Hash_of_16bit_image_matches_its_8bit_version()
    {
        var eight = RadiographLoader.Load(Xray("IMG0001068.jpg"));
        var sixteen = new RadiographImage(eight.Width, eight.Height, 16, [.. eight.Pixels.Select(p => (ushort)(p * 257))]);
        Assert.Equal(PerceptualHash.Compute(eight), PerceptualHash.Compute(sixteen));
    }

    [Fact]
    public void Copy_in_another_split_is_reported_truncated_image_listed_as_unreadable()
    {
        using var temp = RepoPaths.NewTempFolder();
        File.Copy(Xray("IMG0002544.jpg"), temp.File("a.jpg"));
        File.Copy(Xray("IMG0002550.jpg"), temp.File("b.jpg"));
        File.Copy(Xray("IMG0004177.jpg"), temp.File("t.jpg"));
        using (var image = Image.Load<L8>(Xray("IMG0002544.jpg")))
        {
            image.SaveAsJpeg(temp.File("a_copy.jpg"), new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 50 });
        }
        ManifestRow Row(string id, string patient, DatasetSplit split) =>
            new() { ImageId = id, PatientId = patient, Institution = "A", ImagePath = id + ".jpg", Split = split };
        var manifest = Manifest.Create(temp.Path, [
            Row("a", "p1", DatasetSplit.Train), Row("b", "p2", DatasetSplit.Train),
            Row("a_copy", "p3", DatasetSplit.Test), Row("t", "p4", DatasetSplit.Val),
        ]);
        var result = NearDuplicateFinder.Find(manifest);
        var pair = Assert.Single(result.Pairs);
        Assert.Equal(("a", DatasetSplit.Train, "a_copy", DatasetSplit.Test), (pair.ImageA, pair.SplitA, pair.ImageB, pair.SplitB));
        var unreadable = Assert.Single(result.Unreadable);
        Assert.Equal("t", unreadable.ImageId);
        Assert.Contains("truncated JPEG", unreadable.Reason);
    }
}
