using HipFx.Core;
using HipFx.Evaluation.Readers;
using static HipFx.Core.ImageLabel;

namespace HipFx.Evaluation.Tests.Readers;

public class ReaderStudyBuilderTests
{
    private static readonly ImageLabel[] TruthLabels = [DisplacedFnf, ValgusImpactedFnf, StableItf, NoFracture];

    private static ReaderStudy BuildFromCsv(StudyFiles files, string[] readLines, ReaderStudyInput? input = null, ModelAudit? audit = null)
    {
        string path = files.Write("reads.csv", readLines);
        return ReaderStudyBuilder.Build(ReadsCsv.Load(path), files.Truth(TruthLabels), audit, input ?? new ReaderStudyInput { ReadsPath = path });
    }

    private static string[] CompleteReads() =>
    [
        "image_id,reader,phase,label,confidence,reading_time_s",
        .. from reader in new[] { "B", "A" }
           from phase in new[] { "I", "II" }
           from i in Enumerable.Range(1, 4)
           select $"i{i},{reader},{phase},{TruthLabels[i - 1].Name()},0.9,{10 * i}",
    ];

    [Fact]
    public void Complete_reads_build_an_aligned_study()
    {
        using var files = new StudyFiles();
        var study = BuildFromCsv(files, CompleteReads());
        Assert.Equal(["i1", "i2", "i3", "i4"], study.Images);
        Assert.Equal(["A", "B"], study.Readers);
        Assert.Equal([ReadingPhase.I, ReadingPhase.II], study.Phases);
        Assert.Equal(TruthLabels, study.Truth);
        Assert.Equal(TruthLabels, study.Labels("B", ReadingPhase.II));
        Assert.Equal([10.0, 20.0, 30.0, 40.0], study.ReadingTimes("A", ReadingPhase.I).Select(t => t!.Value));
        Assert.Null(study.Model);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_closest_names()
    {
        using var files = new StudyFiles();
        var lines = CompleteReads().ToList();
        lines[1] = "i1,B,I,DF,0.9,10";                        // paper abbreviation instead of the label
        lines[2] = "i2,B,IIII,valgus_impacted_fnf,0.9,20";    // unknown phase
        lines[3] = "i3,B,I,stable_itff,1.5,30";               // misspelt label and confidence out of range
        lines.Add("i4,A,II,no_fracture,,-3");                 // duplicate read and negative time
        lines.Add("x9,A,I,no_fracture,,");                    // image not in the truth
        var e = Assert.Throws<HipFxDataException>(() => BuildFromCsv(files, [.. lines]));
        Assert.Contains("line 2: unknown label 'DF' (the paper's abbreviation for 'displaced_fnf'", e.Message);
        Assert.Contains("line 3: unknown phase 'IIII' (closest valid name: 'III')", e.Message);
        Assert.Contains("line 4: unknown label 'stable_itff' (closest valid name: 'stable_itf')", e.Message);
        Assert.Contains("line 4: confidence '1.5' is not a number in [0, 1]", e.Message);
        Assert.Contains("reading_time_s '-3' is not seconds ≥ 0", e.Message);
        Assert.Contains("duplicate read of image 'i4' by reader 'A' in phase II (first at line 17; same label)", e.Message);
        Assert.Contains("image 'x9' is not in the truth", e.Message);
        // The bad phase of line 3 leaves i2 unread by B in phase I: reported as a coverage problem.
        Assert.Contains("reader 'B' did not read 1 of the 4 study images in phase I: 'i2'", e.Message);
        Assert.EndsWith("reads.csv", e.FilePath);
    }

    [Fact]
    public void Unknown_reader_names_the_closest_expected_reader()
    {
        using var files = new StudyFiles();
        var lines = CompleteReads().Select(l => l.Replace(",B,", ",Bob,")).ToArray();
        var e = Assert.Throws<HipFxDataException>(() => BuildFromCsv(files, lines,
            new ReaderStudyInput { ExpectedReaders = ["A", "Rob", "C"] }));
        Assert.Contains("unknown reader 'Bob' (closest valid name: 'Rob')", e.Message);
        Assert.Contains("expected reader 'C' has no reads", e.Message);
    }

    [Fact]
    public void A_reader_missing_a_phase_is_a_clear_error()
    {
        using var files = new StudyFiles();
        var lines = CompleteReads().Where(l => !l.Contains(",A,II,")).ToArray();
        var e = Assert.Throws<HipFxDataException>(() => BuildFromCsv(files, lines));
        Assert.Contains("reader 'A' has no reads in phase II, which B read", e.Message);
        Assert.Contains("remove phase II to analyse the other phases", e.Message);
    }

    [Fact]
    public void A_misspelt_reader_without_an_expected_list_is_flagged_by_coverage()
    {
        using var files = new StudyFiles();
        var lines = CompleteReads().ToList();
        int index = lines.FindIndex(l => l.StartsWith("i3,B,I,", StringComparison.Ordinal));
        lines[index] = lines[index].Replace(",B,", ",b,");
        var e = Assert.Throws<HipFxDataException>(() => BuildFromCsv(files, [.. lines]));
        Assert.Contains("reader 'b' has no reads in phase II", e.Message);
        Assert.Contains("a misspelling of 'B'?", e.Message);
        Assert.Contains("reader 'B' did not read 1 of the 4 study images in phase I: 'i3'", e.Message);
    }

    [Fact]
    public void Model_audit_must_cover_the_study_with_the_same_truth()
    {
        using var files = new StudyFiles();
        string auditPath = files.Write("audit.csv",
            "image_id,truth,decision,score",
            "i1,displaced_fnf,displaced_fnf,0.9",
            "i2,displaced_fnf,valgus_impacted_fnf,0.8",
            "i3,stable_itf,no_fracture,0.1");
        var audit = ModelAudit.Load(auditPath);
        var e = Assert.Throws<HipFxDataException>(() => BuildFromCsv(files, CompleteReads(), audit: audit));
        Assert.Contains("image 'i2': the audit's truth is 'displaced_fnf' but the truth file says 'valgus_impacted_fnf'", e.Message);
        Assert.Contains("the model audit lacks 1 of the 4 study images: 'i4'", e.Message);
    }

    [Fact]
    public void A_reader_named_like_the_model_is_rejected_when_the_model_is_shown()
    {
        using var files = new StudyFiles();
        string auditPath = files.Write("audit.csv",
            ["image_id,truth,decision", .. TruthLabels.Select((l, i) => $"i{i + 1},{l.Name()},{l.Name()}")]);
        var lines = CompleteReads().Select(l => l.Replace(",A,", ",AI,")).ToArray();
        var e = Assert.Throws<HipFxDataException>(() => BuildFromCsv(files, lines, audit: ModelAudit.Load(auditPath)));
        Assert.Contains("reader 'AI' has the model's name", e.Message);
    }

    [Fact]
    public void Missing_columns_are_listed_together_with_the_closest_found()
    {
        using var files = new StudyFiles();
        string path = files.Write("reads.csv", "imageid,reader,stage,label", "i1,A,I,no_fracture");
        var e = Assert.Throws<HipFxDataException>(() => ReadsCsv.Load(path));
        Assert.Contains("lacks required column(s) 'image_id' (closest valid name: 'imageid'), 'phase'", e.Message);
        Assert.Equal("line 1", e.Location);
    }

    [Fact]
    public void Truth_reads_a_manifest_or_a_simple_csv_and_rejects_conflicts()
    {
        using var files = new StudyFiles();
        string manifest = files.Write("manifest.csv",
            "image_id,patient_id,institution,image_path,annotation_path,label,split",
            "e1,p1,h3,e1.png,e1.xml,displaced_fnf,external",
            "t1,p2,h1,t1.png,t1.xml,stable_itf,test",
            "e2,p3,h3,e2.png,e2.xml,no_fracture,External");
        var truth = ReaderTruth.Load(manifest, "external");
        Assert.Equal(2, truth.Count);
        Assert.Equal(NoFracture, truth["e2"]);
        Assert.False(truth.TryGet("t1", out _));
        var none = Assert.Throws<HipFxConfigException>(() => ReaderTruth.Load(manifest, "extrenal"));
        Assert.Contains("unknown split 'extrenal' (closest valid name: 'external')", none.Message);

        // A simple truth CSV with a split column is filtered by name.
        string simple = files.Write("simple.csv", "image_id,label,split", "a,stable_itf,reader_study", "b,no_fracture,other");
        Assert.Equal(["a"], ReaderTruth.Load(simple, "reader_study").ImageIds);
        var typo = Assert.Throws<HipFxDataException>(() => ReaderTruth.Load(simple, "reader_stduy"));
        Assert.Contains("no rows with split 'reader_stduy' (closest valid name: 'reader_study')", typo.Message);

        string conflicting = files.Write("truth.csv", "image_id,label", "a,displaced_fnf", "a,displaced_fnf", "a,stable_itf", "b,Displaced");
        var e = Assert.Throws<HipFxDataException>(() => ReaderTruth.Load(conflicting));
        Assert.Contains("line 4: image 'a' labelled 'stable_itf' here but 'displaced_fnf' at line 2", e.Message);
        Assert.Contains("line 5: image 'b': unknown label 'Displaced'", e.Message);
    }

    [Fact]
    public void Many_problems_are_capped_in_the_message()
    {
        using var files = new StudyFiles();
        var lines = new List<string> { "image_id,reader,phase,label" };
        lines.AddRange(Enumerable.Range(0, 60).Select(i => $"i1,A,I,bad{i}"));
        var e = Assert.Throws<HipFxDataException>(() => BuildFromCsv(files, [.. lines]));
        Assert.StartsWith($"{e.FilePath}: 119 problems", e.Message);
        Assert.Contains($"... and {119 - ProblemList.MaxListed} more", e.Message);
    }

    [Fact]
    public void Eval_audit_with_stamp_lines_and_extra_columns_is_read()
    {
        // The layout of `hipfx eval`'s audit CSV: '# key: value' stamp lines, then many columns.
        using var files = new StudyFiles();
        string path = files.Write("audit.csv",
            "# model: runs/train/best.pt",
            "# split: external",
            "image_id,patient_id,truth,decision,rule,decision_score,correct",
            "i1,p1,displaced_fnf,valgus_impacted_fnf,top_score,0.81,0",
            "i2,p2,no_fracture,no_fracture,no_box_above_tau,,1");
        var audit = ModelAudit.Load(path);
        Assert.Equal((DisplacedFnf, ValgusImpactedFnf), audit.Rows["i1"]);
        Assert.Equal((NoFracture, NoFracture), audit.Rows["i2"]);
    }
}
