using HipFx.Evaluation.Statistics;

namespace HipFx.Evaluation.Readers;

/// <summary>Which phases the analysis compares, and the bootstrap of Fleiss' κ.</summary>
public sealed record ReaderAnalysisOptions
{
    /// <summary>Intra-reader agreement compares this phase... Default I.</summary>
    public ReadingPhase IntraFirst { get; init; } = ReadingPhase.I;

    /// <summary>...with this one. Default II (the paper's repeat reading two weeks later).</summary>
    public ReadingPhase IntraSecond { get; init; } = ReadingPhase.II;

    /// <summary>The unassisted phase of the AI-effect comparison. Default II (the later unassisted reading).</summary>
    public ReadingPhase Baseline { get; init; } = ReadingPhase.II;

    /// <summary>The AI-assisted phase. Default III.</summary>
    public ReadingPhase Assisted { get; init; } = ReadingPhase.III;

    /// <summary>Bootstrap settings of Fleiss' κ intervals (2,000 resamples, seed 0, 95%).</summary>
    public FleissKappaOptions Fleiss { get; init; } = new();

    public void Validate()
    {
        if (IntraFirst == IntraSecond)
        {
            throw new ArgumentException($"Intra-reader agreement needs two different phases, got {IntraFirst.Name()} twice.");
        }
        if (Baseline == Assisted)
        {
            throw new ArgumentException($"The AI effect needs two different phases, got {Baseline.Name()} twice.");
        }
        Fleiss.Validate();
    }
}

/// <summary>Everything the reader study reports (SPEC.md "The reader study").</summary>
public sealed record ReaderStudyResult(
    ReaderStudy Study,
    ReaderAnalysisOptions Options,
    IReadOnlyList<ReaderMetrics> Readers,
    IReadOnlyList<ReaderPhaseSummary> Summaries,
    ReaderMetrics? Model,
    IReadOnlyList<IntraReaderAgreement> Intra,
    IReadOnlyList<InterReaderAgreement> Inter,
    IReadOnlyList<AiEffect> Effects,
    IReadOnlyList<string> Notes)
{
    public ReaderMetrics Of(string reader, ReadingPhase phase) => Readers.Single(m => m.Reader == reader && m.Phase == phase);
}

/// <summary>Runs every analysis of the reader study on a validated <see cref="ReaderStudy"/>.</summary>
public static class ReaderStudyAnalysis
{
    public static ReaderStudyResult Run(ReaderStudy study, ReaderAnalysisOptions? options = null)
    {
        options ??= new ReaderAnalysisOptions();
        options.Validate();
        var notes = new List<string>();
        if (study.TruthImagesNotRead > 0)
        {
            notes.Add($"{study.TruthImagesNotRead} images of the truth file were read by no reader and are left out.");
        }

        var metrics = (from phase in study.Phases
                       from reader in study.Readers
                       select ReaderMetrics.Compute(reader, phase, study.Truth, study.Labels(reader, phase), study.ReadingTimes(reader, phase)))
                      .ToList();
        var summaries = study.Phases
            .Select(p => ReaderPhaseSummary.Of(p, metrics.Where(m => m.Phase == p).ToList()))
            .ToList();
        var model = study.Model is { } m ? ReaderMetrics.Compute(m.Name, null, study.Truth, m.Decisions) : null;

        var intra = new List<IntraReaderAgreement>();
        if (study.HasPhase(options.IntraFirst) && study.HasPhase(options.IntraSecond))
        {
            intra.AddRange(study.Readers.Select(r => IntraReaderAgreement.Compute(study, r, options.IntraFirst, options.IntraSecond)));
        }
        else
        {
            notes.Add($"No intra-reader agreement: it needs phases {options.IntraFirst.Name()} and {options.IntraSecond.Name()}.");
        }

        var inter = new List<InterReaderAgreement>();
        if (study.Readers.Count >= 2)
        {
            inter.AddRange(study.Phases.Select(p => InterReaderAgreement.Compute(study, p, options.Fleiss)));
        }
        else
        {
            notes.Add("No inter-reader agreement: Fleiss' κ needs at least two readers.");
        }

        var effects = new List<AiEffect>();
        if (study.HasPhase(options.Baseline) && study.HasPhase(options.Assisted))
        {
            effects.AddRange(study.Readers.SelectMany(r => AiEffect.Compute(study, r, options.Baseline, options.Assisted)));
        }
        else
        {
            notes.Add($"No AI effect: it needs phases {options.Baseline.Name()} and {options.Assisted.Name()}.");
        }
        if (study.Model is null)
        {
            notes.Add("No model column: give the model's audit CSV from `hipfx eval` to show it as a reader.");
        }
        return new ReaderStudyResult(study, options, metrics, summaries, model, intra, inter, effects, notes);
    }
}
