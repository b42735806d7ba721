using HipFx.Core;
using HipFx.Data.Manifests;
using HipFx.Evaluation.Readers;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Tests.Readers;

public class ReaderStampTests
{
    [Fact]
    public void A_manifest_truth_is_stamped_with_the_canonical_hash_that_split_and_eval_record()
    {
        using var files = new StudyFiles();
        var rows = Enumerable.Range(0, 6).Select(i => new ManifestRow
        {
            ImageId = $"img{i}", PatientId = $"p{i}", Institution = "C", ImagePath = $"img{i}.png",
            Label = ClassNames.ImageLabels[i % 5], Split = DatasetSplit.External,
        }).ToList();
        string path = Path.Combine(files.Folder, "manifest.csv");
        ManifestWriter.Write(rows, path);
        string asWritten = ManifestReader.Read(path).Sha256();
        // Re-save with CRLF line ends: the file's bytes change, the canonical hash must not.
        File.WriteAllText(path, File.ReadAllText(path).Replace("\n", "\r\n"));
        string reads = files.Write("reads.csv", "image_id,reader,phase,label");

        var stamp = ReaderStudyRunner.Stamp(new ReaderStudyOptions { TruthPath = path, ReadsPath = reads, OutputFolder = files.Folder });

        Assert.Equal(asWritten, stamp.ManifestHash);
        Assert.NotEqual(FileHash.Sha256(path), stamp.ManifestHash);
        Assert.DoesNotContain(stamp.Extra, kv => kv.Key == "truth_sha256");
    }

    [Fact]
    public void A_plain_truth_csv_is_stamped_with_its_file_hash_under_its_own_name()
    {
        using var files = new StudyFiles();
        string truth = files.Write("truth.csv", "image_id,label", "a,no_fracture", "b,stable_itf");
        string reads = files.Write("reads.csv", "image_id,reader,phase,label");

        var stamp = ReaderStudyRunner.Stamp(new ReaderStudyOptions { TruthPath = truth, ReadsPath = reads, OutputFolder = files.Folder });

        Assert.Null(stamp.ManifestHash);
        string expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(truth))); // independent of FileHash
        Assert.Contains(stamp.Extra, kv => kv.Key == "truth_sha256" && kv.Value == expected);
    }
}
