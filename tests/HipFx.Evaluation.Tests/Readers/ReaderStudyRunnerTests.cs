using System.Text.Json;
using HipFx.Core;
using HipFx.Evaluation.Readers;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Tests.Readers;

public class ReaderStudyRunnerTests
{
    private static string WriteManifest(StudyFiles files)
    {
        var lines = new List<string> { "image_id,patient_id,label,split" };
        int n = 0;
        foreach (var label in ClassNames.ImageLabels)
        {
            for (int i = 0; i < 12; i++, n++)
            {
                lines.Add($"img{n:D3},p{n:D3},{label.Name()},{(n % 10 == 0 ? "test" : "external")}");
            }
        }
        return files.Write("manifest.csv", [.. lines]);
    }

    [Fact]
    public void Simulated_study_runs_end_to_end_and_writes_every_format_and_the_picture()
    {
        using var files = new StudyFiles();
        string manifest = WriteManifest(files);
        string reads = Path.Combine(files.Folder, "sim", "reads.csv");
        var (sim, written) = ReadSimulationRunner.Run(new ReadSimulationRun { TruthPath = manifest, TruthSplit = "external", ReadsPath = reads });
        Assert.Equal([reads, Path.Combine(files.Folder, "sim", "reads_ai.csv")], written);

        string output = Path.Combine(files.Folder, "out");
        var run = ReaderStudyRunner.Run(new ReaderStudyOptions
        {
            TruthPath = manifest,
            TruthSplit = "external",
            ReadsPath = reads,
            ModelAuditPath = written[1],
            OutputFolder = output,
            Analysis = new ReaderAnalysisOptions { Fleiss = new() { BootstrapSamples = 100 } },
        });

        Assert.Equal(54, run.Result.Study.Images.Count); // 60 images, every 10th in the test split
        Assert.Equal(["table3_phase_I", "table3_phase_II", "table3_phase_III", "reader_summary", "agreement", "ai_effect", "reader_metrics", "reader_mean_sd"],
            run.Tables.Select(t => t.BaseName));
        foreach (var (name, _) in run.Tables)
        {
            foreach (string ext in new[] { ".md", ".csv", ".json" })
            {
                Assert.True(File.Exists(Path.Combine(output, name + ext)), name + ext);
            }
        }

        // The PNG is a real PNG of the documented size.
        byte[] png = File.ReadAllBytes(run.PlotPath!);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        int height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.Equal((ReaderStudyPlot.Width, ReaderStudyPlot.Height), (width, height));
        Assert.True(png.Length > 20_000, $"PNG only {png.Length} bytes");

        // JSON carries the counts behind a Table III cell and the stamp.
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "table3_phase_I.json")));
        var root = json.RootElement;
        Assert.Equal("external", root.GetProperty("stamp").GetProperty("split").GetString());
        var firstRow = root.GetProperty("rows")[0];
        Assert.Equal("displaced_fnf", firstRow.GetProperty("class").GetProperty("text").GetString());
        var aSe = firstRow.GetProperty("reader_a_se");
        var a = run.Result.Of("A", ReadingPhase.I)[ImageLabel.DisplacedFnf];
        Assert.Equal(a.TP, aSe.GetProperty("numerator").GetInt32());
        Assert.Equal(a.TP + a.FN, aSe.GetProperty("n").GetInt32());

        // The combined report links the picture and holds every table.
        string report = File.ReadAllText(run.ReportPath);
        Assert.Contains("![Per-reader sensitivity and specificity by phase](readers_se_sp.png)", report);
        Assert.Contains("## Effect of AI assistance", report);
        Assert.DoesNotContain(run.Result.Notes, n => n.Contains("read by no reader")); // the split left out the test images
    }

    [Fact]
    public void Table_three_has_the_paper_layout_with_mean_sd()
    {
        using var files = new StudyFiles();
        var truth = files.Truth(ImageLabel.DisplacedFnf, ImageLabel.ValgusImpactedFnf, ImageLabel.StableItf, ImageLabel.UnstableItf, ImageLabel.NoFracture);
        var sim = ReadSimulator.Simulate(truth, new ReadSimulationOptions());
        var result = ReaderStudyAnalysis.Run(ReaderStudyBuilder.Build(sim.Reads, truth, null, new ReaderStudyInput()));
        var table = ReaderStudyTables.TableThree(result, ReadingPhase.I, new RunStamp());
        Assert.Equal(["Class", "A-Se", "A-Sp", "B-Se", "B-Sp", "C-Se", "C-Sp", "AVG-Se", "AVG-Sp"], table.Columns.Select(c => c.Header));
        Assert.Equal(["displaced_fnf", "valgus_impacted_fnf", "stable_itf", "unstable_itf", "no_fracture", "micro", "macro"],
            table.Rows.Select(r => r[0].Text));
        var summary = result.Summaries.Single(s => s.Phase == ReadingPhase.I);
        var avg = table.Rows[5][7];
        Assert.Equal(summary.MicroSensitivity.Mean, avg.Value!.Value, 12);
        Assert.Equal($"{summary.MicroSensitivity.Mean:F2} ({summary.MicroSensitivity.Sd:F2})", avg.Text);
        var cell = table.Rows[0][1];
        var counts = result.Of("A", ReadingPhase.I)[ImageLabel.DisplacedFnf];
        Assert.EndsWith($"({counts.TP}/{counts.TP + counts.FN})", cell.Text);
    }

    [Fact]
    public void Missing_reads_file_is_a_data_error_naming_it()
    {
        using var files = new StudyFiles();
        string manifest = WriteManifest(files);
        var e = Assert.Throws<HipFxDataException>(() => ReaderStudyRunner.Run(new ReaderStudyOptions
        {
            TruthPath = manifest,
            ReadsPath = Path.Combine(files.Folder, "nope.csv"),
            OutputFolder = files.Folder,
        }));
        Assert.Equal(Path.Combine(files.Folder, "nope.csv"), e.FilePath);
        Assert.Contains("reads CSV not found", e.Message);
    }
}
