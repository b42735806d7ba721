using System.Globalization;
using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Statistics;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// The reader study's tables (SPEC.md "The reader study"), each a <see cref="ResultTable"/> so that Markdown, CSV,
/// JSON and the terminal agree. <see cref="All"/> returns them with the file base name each is written under.
/// </summary>
public static class ReaderStudyTables
{
    private const string MicroRow = "micro";
    private const string MacroRow = "macro";

    private static readonly string[] LabelFootnotes =
    [
        "Se sensitivity TP/(TP+FN), Sp specificity TN/(TN+FP), one-vs-rest per label over all study images.",
        "Micro: TP/FN/TN/FP pooled over the four fracture classes. Macro: unweighted mean of the four fracture classes' values (over those defined). No is not in either.",
        "DF displaced_fnf, VF valgus_impacted_fnf, SF stable_itf, UF unstable_itf, No no_fracture.",
    ];

    /// <summary>Every table, with its file base name, in report order.</summary>
    public static IReadOnlyList<(string BaseName, ResultTable Table)> All(ReaderStudyResult result, RunStamp stamp)
    {
        var tables = new List<(string, ResultTable)>();
        foreach (var phase in result.Study.Phases)
        {
            tables.Add(($"table3_phase_{phase.Name()}", TableThree(result, phase, stamp)));
        }
        tables.Add(("reader_summary", Summary(result, stamp)));
        tables.Add(("agreement", Agreement(result, stamp)));
        if (result.Effects.Count > 0)
        {
            tables.Add(("ai_effect", AiEffects(result, stamp)));
        }
        tables.Add(("reader_metrics", Metrics(result, stamp)));
        tables.Add(("reader_mean_sd", MeanSds(result, stamp)));
        return tables;
    }

    /// <summary>
    /// Table III's layout for one phase: rows the five labels then micro and macro; per reader Se and Sp
    /// ("0.88 (44/50)", or "0.88" without <paramref name="counts"/>, for narrow terminals: the numbers behind the
    /// cells are the same), the mean (SD) across readers, then the model.
    /// </summary>
    public static ResultTable TableThree(ReaderStudyResult result, ReadingPhase phase, RunStamp stamp, bool counts = true)
    {
        TableCell Compact(Proportion p) => counts ? ReaderStudyTables.Compact(p) : ValueOnly(p);

        var readers = result.Study.Readers.Select(r => result.Of(r, phase)).ToList();
        var summary = result.Summaries.Single(s => s.Phase == phase);
        var columns = new List<TableColumn> { new("class", "Class") };
        var keys = Keys(result.Study.Readers);
        for (int i = 0; i < readers.Count; i++)
        {
            columns.Add(new($"{keys[i]}_se", $"{readers[i].Reader}-Se"));
            columns.Add(new($"{keys[i]}_sp", $"{readers[i].Reader}-Sp"));
        }
        columns.Add(new("avg_se", "AVG-Se"));
        columns.Add(new("avg_sp", "AVG-Sp"));
        if (result.Model is { } modelColumns)
        {
            string key = Key(modelColumns.Reader);
            columns.Add(new($"model_{key}_se", $"{modelColumns.Reader}-Se"));
            columns.Add(new($"model_{key}_sp", $"{modelColumns.Reader}-Sp"));
        }

        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var label in ClassNames.ImageLabels)
        {
            var row = new List<TableCell> { TableCell.Label(label.Name()) };
            foreach (var m in readers)
            {
                row.Add(Compact(m[label].Sensitivity));
                row.Add(Compact(m[label].Specificity));
            }
            row.Add(MeanSdCell(summary.Sensitivity[(int)label]));
            row.Add(MeanSdCell(summary.Specificity[(int)label]));
            if (result.Model is { } model)
            {
                row.Add(Compact(model[label].Sensitivity));
                row.Add(Compact(model[label].Specificity));
            }
            rows.Add(row);
        }

        var micro = new List<TableCell> { TableCell.Label(MicroRow) };
        var macro = new List<TableCell> { TableCell.Label(MacroRow) };
        foreach (var m in readers)
        {
            micro.Add(Compact(m.Micro.Sensitivity));
            micro.Add(Compact(m.Micro.Specificity));
            macro.Add(TableCell.Number(m.MacroSensitivity));
            macro.Add(TableCell.Number(m.MacroSpecificity));
        }
        micro.Add(MeanSdCell(summary.MicroSensitivity));
        micro.Add(MeanSdCell(summary.MicroSpecificity));
        macro.Add(MeanSdCell(summary.MacroSensitivity));
        macro.Add(MeanSdCell(summary.MacroSpecificity));
        if (result.Model is { } ai)
        {
            micro.Add(Compact(ai.Micro.Sensitivity));
            micro.Add(Compact(ai.Micro.Specificity));
            macro.Add(TableCell.Number(ai.MacroSensitivity));
            macro.Add(TableCell.Number(ai.MacroSpecificity));
        }
        rows.Add(micro);
        rows.Add(macro);

        var notes = new List<string>(LabelFootnotes)
        {
            (counts ? "Cells: value (k/n)" : "Cells: value (counts in the files)") +
            $"; AVG: mean (SD) over the {readers.Count} readers, sample SD (n − 1). " +
            $"{result.Study.Images.Count} images. Wilson 95% intervals in reader_metrics.",
        };
        if (result.Model is not null)
        {
            notes.Add($"{result.Model.Reader}: the model's image-level decisions (no phase), not in AVG.");
        }
        return new ResultTable($"Reader study, phase {phase.Name()} (Table III layout)", columns, rows, stamp, notes);
    }

    /// <summary>One row per reader and phase (and the model): 5-label accuracy, micro/macro Se/Sp, mean reading time.</summary>
    public static ResultTable Summary(ReaderStudyResult result, RunStamp stamp)
    {
        var columns = new TableColumn[]
        {
            new("reader", "Reader"), new("phase", "Phase"), new("images", "Images"),
            new("accuracy", "Accuracy (5 labels)"), new("micro_se", "Micro Se"), new("micro_sp", "Micro Sp"),
            new("macro_se", "Macro Se"), new("macro_sp", "Macro Sp"), new("reading_time_s", "Mean time (s)"),
        };
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var phase in result.Study.Phases)
        {
            foreach (var m in result.Readers.Where(m => m.Phase == phase))
            {
                rows.Add(SummaryRow(m));
            }
            var s = result.Summaries.Single(x => x.Phase == phase);
            rows.Add(
            [
                TableCell.Label("mean (SD)"), TableCell.Label(phase.Name()), TableCell.Count(result.Study.Images.Count),
                MeanSdCell(s.Accuracy), MeanSdCell(s.MicroSensitivity), MeanSdCell(s.MicroSpecificity),
                MeanSdCell(s.MacroSensitivity), MeanSdCell(s.MacroSpecificity), TableCell.Label(""),
            ]);
        }
        if (result.Model is { } model)
        {
            rows.Add(SummaryRow(model));
        }
        return new ResultTable("Readers by phase: accuracy, micro and macro averages", columns, rows, stamp,
        [
            "Accuracy: share of images whose label (of five) equals the truth, Wilson 95% interval. Micro/macro over the four fracture classes.",
            "mean (SD): across the human readers, sample SD (n − 1).",
        ]);
    }

    /// <summary>Cohen's κ I vs II per reader and Fleiss' κ per phase, with intervals.</summary>
    public static ResultTable Agreement(ReaderStudyResult result, RunStamp stamp)
    {
        var columns = new TableColumn[]
        {
            new("kind", "Agreement"), new("readers", "Readers"), new("phases", "Phases"), new("images", "Images"),
            new("kappa", "κ [95% CI]"), new("se", "SE"), new("observed", "Po"), new("expected", "Pe"),
            new("strength", "Strength"), new("method", "Interval"),
        };
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var a in result.Intra)
        {
            rows.Add(KappaRow("intra-reader (Cohen)", a.Reader, $"{a.First.Name()} vs {a.Second.Name()}", a.Kappa));
        }
        foreach (var a in result.Inter)
        {
            rows.Add(KappaRow("inter-reader (Fleiss)", string.Join(", ", a.Readers), a.Phase.Name(), a.Kappa));
        }
        var fleiss = result.Options.Fleiss;
        return new ResultTable("Agreement: intra-reader (Cohen's κ) and inter-reader (Fleiss' κ)", columns, rows, stamp,
        [
            "Unweighted κ over the five labels. Strength: Landis and Koch (1977).",
            "Cohen: asymptotic interval κ ± 1.96·SE, SE from the large-sample variance of Fleiss, Cohen and Everitt (1969).",
            fleiss.BootstrapSamples > 0
                ? $"Fleiss: percentile bootstrap over images, {fleiss.BootstrapSamples} resamples, seed {fleiss.Seed}; SE is the bootstrap SD."
                : "Fleiss: no interval and no SE (bootstrap off: 0 resamples).",
        ]);
    }

    /// <summary>Per reader, accuracy and per-label sensitivity in the baseline and assisted phases, with McNemar.</summary>
    public static ResultTable AiEffects(ReaderStudyResult result, RunStamp stamp)
    {
        string b = result.Options.Baseline.Name(), a = result.Options.Assisted.Name();
        var columns = new TableColumn[]
        {
            new("reader", "Reader"), new("measure", "Measure"), new("images", "Images"),
            new("baseline", $"Phase {b}"), new("assisted", $"Phase {a}"), new("change", "Change"),
            new("both_correct", "both right"), new("baseline_only", $"{b} only (b)"),
            new("assisted_only", $"{a} only (c)"), new("both_wrong", "both wrong"), new("p_value", "McNemar p"),
        };
        var rows = result.Effects.Select(e => (IReadOnlyList<TableCell>)
        [
            TableCell.Label(e.Reader), TableCell.Label(e.Measure), TableCell.Count(e.Outcomes.Total),
            Compact(e.Outcomes.First), Compact(e.Outcomes.Second), Signed(e.Outcomes.Change),
            TableCell.Count(e.Outcomes.BothCorrect), TableCell.Count(e.Outcomes.FirstOnly),
            TableCell.Count(e.Outcomes.SecondOnly), TableCell.Count(e.Outcomes.BothWrong), PValue(e.McNemar.PValue),
        ]).ToList();
        return new ResultTable($"Effect of AI assistance: phase {b} (without AI) vs {a} (with AI)", columns, rows, stamp,
        [
            $"Same reader, same images. Accuracy: the read equals the truth (all images). Sensitivity <label>: the images truly of that label, read as it.",
            $"Cells: value (k/n), Wilson 95% intervals in the CSV/JSON. 2 × 2 table: both right, right in {b} only (b), right in {a} only (c), both wrong. Change = (c − b)/n.",
            "Exact McNemar: two-sided binomial test of b vs c with p = ½; p = 1 when b + c = 0. No correction for multiple comparisons.",
        ]);
    }

    /// <summary>The long table: every reader, phase and row with TP/FP/FN/TN and Wilson intervals.</summary>
    public static ResultTable Metrics(ReaderStudyResult result, RunStamp stamp)
    {
        var columns = new TableColumn[]
        {
            new("reader", "Reader"), new("phase", "Phase"), new("class", "Class"),
            new("tp", "TP"), new("fp", "FP"), new("fn", "FN"), new("tn", "TN"),
            new("sensitivity", "Se [95% CI] (k/n)"), new("specificity", "Sp [95% CI] (k/n)"), new("accuracy", "Acc [95% CI] (k/n)"),
        };
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var m in result.Readers.Concat(result.Model is { } model ? [model] : []))
        {
            string phase = m.Phase?.Name() ?? "-";
            foreach (var label in ClassNames.ImageLabels)
            {
                rows.Add(CountsRow(m.Reader, phase, label.Name(), m[label]));
            }
            rows.Add(CountsRow(m.Reader, phase, MicroRow, m.Micro));
            rows.Add(
            [
                TableCell.Label(m.Reader), TableCell.Label(phase), TableCell.Label(MacroRow),
                TableCell.Label(""), TableCell.Label(""), TableCell.Label(""), TableCell.Label(""),
                TableCell.Number(m.MacroSensitivity, 3), TableCell.Number(m.MacroSpecificity, 3), TableCell.Number(m.MacroAccuracy, 3),
            ]);
        }
        return new ResultTable("Per reader and phase: one-vs-rest counts with Wilson 95% intervals", columns, rows, stamp, LabelFootnotes);
    }

    /// <summary>Mean and SD across readers as numbers, per phase and row (for CSV/JSON readers).</summary>
    public static ResultTable MeanSds(ReaderStudyResult result, RunStamp stamp)
    {
        var columns = new TableColumn[]
        {
            new("phase", "Phase"), new("class", "Class"), new("readers", "Readers"),
            new("se_mean", "Se mean"), new("se_sd", "Se SD"), new("sp_mean", "Sp mean"), new("sp_sd", "Sp SD"),
        };
        var rows = new List<IReadOnlyList<TableCell>>();
        foreach (var s in result.Summaries)
        {
            foreach (var label in ClassNames.ImageLabels)
            {
                rows.Add(MeanSdRow(s.Phase, label.Name(), s.Sensitivity[(int)label], s.Specificity[(int)label]));
            }
            rows.Add(MeanSdRow(s.Phase, MicroRow, s.MicroSensitivity, s.MicroSpecificity));
            rows.Add(MeanSdRow(s.Phase, MacroRow, s.MacroSensitivity, s.MacroSpecificity));
        }
        return new ResultTable("Mean and SD across readers", columns, rows, stamp,
            ["SD: sample standard deviation (n − 1) across the human readers."]);
    }

    private static IReadOnlyList<TableCell> MeanSdRow(ReadingPhase phase, string row, MeanSd se, MeanSd sp) =>
    [
        TableCell.Label(phase.Name()), TableCell.Label(row), TableCell.Count(se.Count),
        TableCell.Number(se.Mean, 3), TableCell.Number(se.Sd, 3), TableCell.Number(sp.Mean, 3), TableCell.Number(sp.Sd, 3),
    ];

    private static IReadOnlyList<TableCell> CountsRow(string reader, string phase, string row, BinaryCounts c) =>
    [
        TableCell.Label(reader), TableCell.Label(phase), TableCell.Label(row),
        TableCell.Count(c.TP), TableCell.Count(c.FP), TableCell.Count(c.FN), TableCell.Count(c.TN),
        TableCell.Of(c.Sensitivity), TableCell.Of(c.Specificity), TableCell.Of(c.Accuracy),
    ];

    private static IReadOnlyList<TableCell> SummaryRow(ReaderMetrics m) =>
    [
        TableCell.Label(m.Reader), TableCell.Label(m.Phase?.Name() ?? "-"), TableCell.Count(m.Accuracy.Trials),
        TableCell.Of(m.Accuracy), Compact(m.Micro.Sensitivity), Compact(m.Micro.Specificity),
        TableCell.Number(m.MacroSensitivity), TableCell.Number(m.MacroSpecificity),
        m.MeanReadingTimeS is { } t ? TableCell.Number(t, 1) : TableCell.Label(""),
    ];

    private static IReadOnlyList<TableCell> KappaRow(string kind, string readers, string phases, KappaEstimate k) =>
    [
        TableCell.Label(kind), TableCell.Label(readers), TableCell.Label(phases), TableCell.Count(k.Subjects),
        TableCell.Number(k.Kappa, 3, lower: k.Lower, upper: k.Upper), TableCell.Number(k.StandardError, 3),
        TableCell.Number(k.ObservedAgreement, 3), TableCell.Number(k.ExpectedAgreement, 3),
        TableCell.Label(k.Strength),
        TableCell.Label(k.Method == KappaIntervalMethod.FleissCohenEveritt ? "asymptotic (FCE 1969)"
            : double.IsNaN(k.StandardError) && double.IsNaN(k.Lower) ? "none" : "bootstrap percentile"),
    ];

    /// <summary>"0.88 (44/50)": the value and its counts; the Wilson interval stays in the numbers.</summary>
    private static TableCell Compact(Proportion p)
    {
        var cell = TableCell.Of(p);
        string value = p.Trials == 0 ? TableCell.NotAvailable : p.Value.ToString("F2", CultureInfo.InvariantCulture);
        return cell with { Text = $"{value} ({p.Successes}/{p.Trials})" };
    }

    private static TableCell ValueOnly(Proportion p) =>
        TableCell.Of(p) with { Text = p.Trials == 0 ? TableCell.NotAvailable : p.Value.ToString("F2", CultureInfo.InvariantCulture) };

    /// <summary>"0.83 (0.05)": mean (SD); the number of readers is the cell's n.</summary>
    private static TableCell MeanSdCell(MeanSd m)
    {
        var cell = TableCell.Number(m.Mean, count: m.Count);
        string sd = double.IsNaN(m.Sd) ? TableCell.NotAvailable : m.Sd.ToString("F2", CultureInfo.InvariantCulture);
        return double.IsNaN(m.Mean) ? cell with { Text = TableCell.NotAvailable }
            : cell with { Text = $"{m.Mean.ToString("F2", CultureInfo.InvariantCulture)} ({sd})" };
    }

    private static TableCell Signed(double change)
    {
        var cell = TableCell.Number(change, 3);
        return double.IsNaN(change) ? cell : cell with { Text = change.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) };
    }

    private static TableCell PValue(double p)
    {
        var cell = TableCell.Number(p, 3);
        return p < 0.001 ? cell with { Text = "<0.001" } : cell;
    }

    /// <summary>Snake-case column keys from reader names, made unique.</summary>
    private static IReadOnlyList<string> Keys(IReadOnlyList<string> readers)
    {
        var keys = new List<string>();
        foreach (string r in readers)
        {
            string key = "reader_" + Key(r);
            while (keys.Contains(key))
            {
                key += "_";
            }
            keys.Add(key);
        }
        return keys;
    }

    private static string Key(string name)
    {
        var chars = name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        string key = new string(chars).Trim('_');
        return key.Length == 0 ? "x" : key;
    }
}
