using HipFx.Core;
using HipFx.Data.Manifests;
using HipFx.Data.Splits;
using HipFx.Tests;

namespace HipFx.Data.Tests.Splits;

public sealed class SplitRunnerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reported_hash_and_manifest_are_what_reading_the_written_file_gives(bool otherFolder)
    {
        using var temp = RepoPaths.NewTempFolder();
        string folder = temp.Path;
        var labels = ClassNames.ImageLabels;
        var rows = Enumerable.Range(0, 60).Select(p => new ManifestRow
        {
            ImageId = $"img{p:000}", PatientId = $"pat{p / 2:000}", Institution = p / 2 % 5 == 4 ? "C" : "A",
            ImagePath = $"images/img{p:000}.png", Label = labels[p % labels.Count], Age = 60 + p % 30,
            StudyDate = new DateOnly(2020, 1, 1).AddDays(p), Sex = p % 2 == 0 ? "F" : "M",
        });
        string input = Path.Combine(folder, "manifest.csv");
        ManifestWriter.Write(Manifest.Create(folder, rows), input);
        string output = otherFolder ? Path.Combine(folder, "out", "split.csv") : Path.Combine(folder, "split.csv");
        var options = new SplitRunOptions
        {
            Split = new SplitOptions { Seed = 5, ExternalInstitutions = ["C"] },
            Output = output,
            NearDuplicates = null,
            // Written to another folder, the image paths lead out of it (../images): the path rule wants the option.
            Manifest = new ManifestReadOptions { AllowOutsidePaths = otherFolder },
        };
        if (otherFolder)
        {
            var refused = Assert.Throws<HipFxDataException>(() => SplitRunner.Run(input, options with { Manifest = ManifestReadOptions.Default }));
            Assert.Contains("--allow-outside-paths", refused.Message);
        }

        var result = SplitRunner.Run(input, options);

        var reread = ManifestReader.Read(output, options.Manifest);
        Assert.Equal(reread.Sha256(), result.ManifestSha256);
        Assert.Equal(Path.GetFullPath(output), result.Manifest.FilePath);
        Assert.Equal(reread.Folder, result.Manifest.Folder);
        Assert.Equal(reread.Rows, result.Manifest.Rows);
        Assert.Contains(result.ManifestSha256, File.ReadAllText(Path.ChangeExtension(output, ".split.json")));
    }
}
