using HipFx.Core;
using HipFx.Data.Cache;
using HipFx.Data.Images;

namespace HipFx.Data.Tests.Augment;

/// <summary>The decode-once cache: reused when nothing changed, decoded again when a file or a setting changed.</summary>
public sealed class CacheTests : IDisposable
{
    private readonly AugmentFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public void Cache_is_reused_and_invalidated_by_a_changed_file_or_setting()
    {
        var images = new[]
        {
            fixture.Image("a", 100, 80, (10, 10, 40, 30, FractureClass.StableItf)),
            fixture.Image("b", 90, 120, (20, 30, 50, 90, FractureClass.DisplacedFnf)),
        };
        using (var first = fixture.Open(images, 64))
        {
            Assert.Equal(2, first.Decoded);
            Assert.Equal(ModelInputImage.Prepare(RadiographLoader.Load(images[0].FilePath), IntensityMapping.Default, 64, 64), first.Tile(0).ToArray());
        }
        using (var again = fixture.Open(images, 64))
        {
            Assert.Equal(0, again.Decoded);
        }
        AugmentFixture.WritePng(images[1].FilePath, 90, 120, [(0, 0, 45, 60)], 200);
        File.SetLastWriteTimeUtc(images[1].FilePath, DateTime.UtcNow.AddMinutes(1));
        using (var changed = fixture.Open(images, 64))
        {
            Assert.Equal(1, changed.Decoded);
            Assert.Equal(ModelInputImage.Prepare(RadiographLoader.Load(images[1].FilePath), IntensityMapping.Default, 64, 64), changed.Tile(1).ToArray());
        }
        using (var otherSize = fixture.Open(images, 96))
        {
            Assert.Equal(2, otherSize.Decoded);
        }
        using (var otherMapping = fixture.Open(images, 64, new IntensityMapping { Mode = IntensityMode.MinMax }))
        {
            Assert.Equal(2, otherMapping.Decoded);
        }
    }

    [Fact]
    public void A_bad_image_stops_with_its_name_or_is_skipped_and_listed()
    {
        var good = fixture.Image("good", 64, 64, (10, 10, 30, 30, FractureClass.StableItf));
        string corrupt = Path.Combine(fixture.Folder, "corrupt.png");
        File.WriteAllBytes(corrupt, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5]);
        var bad = new TrainingImage("corrupt", corrupt, ImageLabel.StableItf, good.Boxes);
        var missing = new TrainingImage("missing", Path.Combine(fixture.Folder, "missing.png"), ImageLabel.NoFracture, []);

        var error = Assert.Throws<HipFxDataException>(() => fixture.Open([good, bad], 64));
        Assert.Contains("corrupt.png", error.ToString());
        var gone = Assert.Throws<HipFxDataException>(() => fixture.Open([good, missing], 64));
        Assert.Contains("missing.png", gone.ToString());

        using var skipped = fixture.Open([good, bad, missing], 64, skipBad: true);
        Assert.Equal(1, skipped.Count);
        Assert.Equal(["corrupt.png", "missing.png"], skipped.Skipped.Select(s => Path.GetFileName(s.FilePath)));
    }
}
