using System.Text.Json.Nodes;
using HipFx.Data.Runs;
using HipFx.Training.Loop;
using HipFx.Training.Reporting;

namespace HipFx.Training.Tests.Reporting;

public sealed class ReportingObserverTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "hipfx-reporting-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root) && Environment.GetEnvironmentVariable("HIPFX_KEEP_TEST_OUTPUT") is null)
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private RunFolder NewRun()
    {
        Directory.CreateDirectory(root);
        return new RunFolder(root);
    }

    private static TrainingPlan Plan(string dir, int startEpoch = 1, bool resumed = false) =>
        new(dir, Epochs: 6, BatchesPerEpoch: 3, BatchSize: 4, TrainImages: 12, ValidationImages: 5, BaseLr: 0.01,
            StartEpoch: startEpoch, StartIteration: (startEpoch - 1) * 3L, Resumed: resumed, InitWeights: null, Parameters: 8_500_000);

    /// <summary>Drives an observer through epochs [first, last] with made-up but distinct numbers.</summary>
    private static void Drive(ITrainingObserver observer, string dir, int first, int last, bool resumed = false)
    {
        observer.RunStarted(Plan(dir, first, resumed));
        for (int epoch = first; epoch <= last; epoch++)
        {
            for (int b = 0; b < 3; b++)
            {
                long it = (epoch - 1) * 3L + b + 1;
                observer.StepCompleted(new StepProgress(epoch, b, 3, it, 3.0 / it, 1.0 / it, 1.5 / it, 0.5 / it, 0.001 * it, 20, 1 << 30, false));
            }
            ValidationSummary? v = epoch % 2 == 0 ? new ValidationSummary(epoch, 0.1 * epoch, 0.05 * epoch, 0.5, 0.9, 0.3, 0.1 * epoch, true, 1) : null;
            if (v is not null)
            {
                observer.Validated(v);
            }
            observer.EpochEnded(new EpochSummary(epoch, epoch * 3L, 0.001 * epoch * 3, 3.0 / epoch, 1.0 / epoch, 1.5 / epoch, 0.5 / epoch, 20, 0.6, 0, v));
        }
        observer.RunEnded(new TrainingOutcome(TrainingEnd.Completed, last, last * 3L, 6, 0.6, 0.3, 12));
    }

    [Fact]
    public void ResultsCsvHasTheSharedColumnsAndOneRowPerEpoch()
    {
        var run = NewRun();
        Drive(new ResultsCsvObserver(run), run.Path, 1, 4);
        var lines = File.ReadAllLines(run.ResultsFile);
        Assert.Equal("epoch,iterations,lr,loss,loss_cls,loss_bbox,loss_dfl,images_per_s,epoch_s,val_ap50,val_ap50_95,val_macro_se,val_macro_sp,val_tau", lines[0]);
        Assert.Equal(5, lines.Length);
        var rows = ResultsTable.Read(run.ResultsFile);
        Assert.Null(rows[0].ValAp50); // epoch 1 not validated: empty cells
        Assert.Equal(0.2, rows[1].ValAp50!.Value, 6);
        Assert.Equal(12, rows[3].Iterations);
    }

    [Fact]
    public void ResumedRunKeepsEarlierRowsAndRedoesLaterOnes()
    {
        var run = NewRun();
        Drive(new ResultsCsvObserver(run), run.Path, 1, 4); // killed after epoch 4's row, resume state of epoch 2
        var before = File.ReadAllLines(run.ResultsFile);
        Drive(new ResultsCsvObserver(run), run.Path, 3, 6, resumed: true);
        var epochs = ResultsTable.Read(run.ResultsFile).Select(r => r.Epoch).ToArray();
        Assert.Equal([1, 2, 3, 4, 5, 6], epochs);
        Assert.Equal(before[..3], File.ReadAllLines(run.ResultsFile)[..3]); // header and the kept rows, byte for byte
    }

    [Fact]
    public void CurvesPngIsWrittenFromResults()
    {
        var run = NewRun();
        Drive(new TrainingObservers(new ResultsCsvObserver(run), new CurvesObserver(run)), run.Path, 1, 6);
        var bytes = File.ReadAllBytes(run.CurvesFile);
        Assert.True(bytes.Length > 10_000, $"curves.png is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [Fact]
    public void TensorBoardFilesAreValidEventFilesWithTheScalars()
    {
        var run = NewRun();
        Drive(new TensorBoardObserver(run), run.Path, 1, 4);
        var files = Directory.GetFiles(run.TensorBoardFolder, "events.out.tfevents.*", SearchOption.AllDirectories);
        var file = Assert.Single(files);
        var events = TfRecordReader.Read(file);
        Assert.Equal("brain.Event:2", events.FileVersion);
        var loss = events.Scalars.Where(s => s.Tag == "train/loss").ToList();
        Assert.Equal(12, loss.Count);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), loss.Select(s => s.Step));
        Assert.Equal(3.0f / 5, loss[4].Value, 6);
        Assert.Equal([0.2f, 0.4f], events.Scalars.Where(s => s.Tag == "val/ap50").Select(s => s.Value).ToArray());
        double now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.All(events.Scalars, s => Assert.InRange(s.WallTime, now - 3600, now + 60));
    }

    [Fact]
    public void TheReaderRejectsACorruptedFile()
    {
        var run = NewRun();
        Drive(new TensorBoardObserver(run), run.Path, 1, 1);
        var file = Directory.GetFiles(run.TensorBoardFolder, "events.out.tfevents.*", SearchOption.AllDirectories).Single();
        var bytes = File.ReadAllBytes(file);
        bytes[^10] ^= 0x40;
        File.WriteAllBytes(file, bytes);
        Assert.Throws<InvalidDataException>(() => TfRecordReader.Read(file));
        Assert.Equal(0xE3069283u, TfRecordReader.Crc32C("123456789"u8)); // the CRC-32C check value
    }

    [Fact]
    public void RunJsonRecordsProvenanceAndTheEnd()
    {
        var run = NewRun();
        var provenance = new RunProvenance
        {
            CommandLine = "hipfx train --config c.yaml",
            Manifest = "/data/manifest.csv",
            ManifestSha256 = new string('a', 64),
            TrainSplit = "train",
            ValidationSplit = "val",
            Seed = 7,
            Device = "cpu",
            Versions = new Dictionary<string, string> { ["hipfx"] = "1.0", ["TorchSharp"] = "0.107.0", ["libtorch"] = "2.10" },
        };
        Drive(new RunRecordObserver(run, provenance), run.Path, 1, 2);
        string firstStart = JsonNode.Parse(File.ReadAllText(run.RunFile))!["started"]!.GetValue<string>();
        Drive(new RunRecordObserver(run, provenance), run.Path, 3, 6, resumed: true);
        var json = JsonNode.Parse(File.ReadAllText(run.RunFile))!;
        Assert.Equal(firstStart, json["started"]!.GetValue<string>());
        Assert.Equal("completed", json["end"]!.GetValue<string>());
        Assert.Equal(new string('a', 64), json["manifest_sha256"]!.GetValue<string>());
        Assert.Equal(12, json["splits"]!["train"]!["images"]!.GetValue<int>());
        Assert.Equal(7, json["seed"]!.GetValue<int>());
        Assert.Equal("0.107.0", json["versions"]!["TorchSharp"]!.GetValue<string>());
        Assert.Equal(2, json["sessions"]!.AsArray().Count);
        Assert.Equal(0.3, json["tau"]!.GetValue<double>());
    }
}
