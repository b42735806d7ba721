using HipFx.Data.Manifests;
using HipFx.Tests;

namespace HipFx.Data.Tests.Manifests;

/// <summary>The manifests shipped in data-manifests/ read cleanly and point at real files.</summary>
public sealed class RepositoryManifestTests
{
    [Fact]
    public void Fracatlas_dev_manifest_reads_and_every_path_exists()
    {
        // Its paths point into ../../shared, outside data-manifests/: reading it needs the explicit option.
        var path = Path.Combine(RepoPaths.Root, "data-manifests", "fracatlas_hip_dev.csv");
        var refused = Assert.Throws<Core.HipFxDataException>(() => ManifestReader.Read(path));
        Assert.Contains("leaves the manifest's folder", refused.Message);
        var manifest = ManifestReader.Read(path, new ManifestReadOptions { AllowOutsidePaths = true });
        Assert.Equal(25, manifest.Rows.Count);
        Assert.All(manifest.Rows, r =>
        {
            Assert.True(File.Exists(manifest.ImageFile(r)), manifest.ImageFile(r));
            Assert.True(File.Exists(manifest.AnnotationFile(r)), manifest.AnnotationFile(r));
        });
        Assert.Equal(11, manifest.Rows.Count(r => r.Label == Core.ImageLabel.NoFracture));
        // consecutive ids 2544/2545 are one patient
        Assert.Equal(manifest.Rows.Single(r => r.ImageId == "IMG0002544").PatientId, manifest.Rows.Single(r => r.ImageId == "IMG0002545").PatientId);
    }
}
