using System.Globalization;
using HipFx.Core;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// Validates reads against the truth (and the model audit) and builds a <see cref="ReaderStudy"/>. Every problem
/// is collected first and reported in one <see cref="HipFxDataException"/>:
/// empty fields; unknown phase or label (with the closest valid name); a reader not in
/// <see cref="ReaderStudyInput.ExpectedReaders"/> (closest name) or named like the model; a confidence outside
/// [0, 1] or a negative reading time; the same image read twice by one reader in one phase; an image missing
/// from the truth; a reader with no reads in a phase other readers read (a reader missing a phase is an error,
/// not silently dropped: remove that phase's reads to analyse the rest); an image some readers read in a phase
/// and others did not; a study image the model audit lacks or whose audit truth differs.
/// </summary>
public static class ReaderStudyBuilder
{
    private const int IdsShown = 5;

    public static ReaderStudy Build(IReadOnlyList<RawRead> rows, ReaderTruth truth, ModelAudit? audit, ReaderStudyInput input)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(input);
        string? file = input.ReadsPath;
        var problems = new ProblemList();
        var expected = input.ExpectedReaders?.ToHashSet(StringComparer.Ordinal);

        // Pass 1: each row on its own. Rows whose image, reader and phase are readable take part in the
        // duplicate and coverage checks even when another field is bad, so one typo gives one problem.
        var placed = new Dictionary<(string Reader, ReadingPhase Phase), Dictionary<string, (int Line, RawRead Row)>>();
        var notInTruth = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var readerOrder = new List<string>();
        foreach (var row in rows)
        {
            void Problem(string message) => problems.Add(file, row.Line, message);

            if (row.ImageId is null) Problem("empty image_id");
            if (row.Reader is null) Problem("empty reader");
            bool phaseOk = ReadingPhases.TryParse(row.Phase, out var phase);
            if (!phaseOk)
            {
                Problem(row.Phase is null
                    ? "empty phase (one of I, II, III)"
                    : $"unknown phase '{row.Phase}'{NameSuggestion.Hint(row.Phase, ReadingPhases.Names)}");
            }
            if (!LabelNames.TryParse(row.Label, out _)) Problem(LabelNames.Unknown(row.Label));
            CheckNumber(row.Confidence, "confidence", v => v is >= 0 and <= 1, "a number in [0, 1]", Problem);
            CheckNumber(row.ReadingTimeS, "reading_time_s", v => v >= 0 && double.IsFinite(v), "seconds ≥ 0", Problem);

            if (row.Reader is { } reader)
            {
                if (expected is not null && !expected.Contains(reader))
                {
                    Problem($"unknown reader '{reader}'{NameSuggestion.Hint(reader, input.ExpectedReaders!)}");
                    continue;
                }
                if (audit is not null && string.Equals(reader, input.ModelReaderName, StringComparison.OrdinalIgnoreCase))
                {
                    Problem($"reader '{reader}' has the model's name; rename the reader or set another model reader name");
                    continue;
                }
                if (!readerOrder.Contains(reader)) readerOrder.Add(reader);
            }
            if (row.ImageId is not { } id || row.Reader is null || !phaseOk)
            {
                continue;
            }
            if (!truth.TryGet(id, out _))
            {
                if (!notInTruth.TryGetValue(id, out var lines)) notInTruth[id] = lines = [];
                lines.Add(row.Line);
                continue;
            }
            var key = (row.Reader, phase);
            if (!placed.TryGetValue(key, out var byImage)) placed[key] = byImage = new(StringComparer.Ordinal);
            if (byImage.TryGetValue(id, out var first))
            {
                string same = string.Equals(first.Row.Label, row.Label, StringComparison.Ordinal) ? "same label" : $"'{first.Row.Label}' there, '{row.Label}' here";
                Problem($"duplicate read of image '{id}' by reader '{row.Reader}' in phase {phase.Name()} (first at line {first.Line}; {same})");
                continue;
            }
            byImage[id] = (row.Line, row);
        }

        foreach (var (id, lines) in notInTruth)
        {
            problems.Add(file, lines[0],
                $"image '{id}' is not in the truth{(truth.Path is null ? "" : $" ({truth.Path})")}" +
                (lines.Count > 1 ? $" ({lines.Count} reads, lines {string.Join(", ", lines.Take(IdsShown))}{(lines.Count > IdsShown ? ", ..." : "")})" : ""));
        }

        // Pass 2: coverage. Every reader must read every study image in every phase of the study.
        var studyImages = placed.Values.SelectMany(d => d.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var readers = input.ExpectedReaders?.Where(r => readerOrder.Contains(r)).ToList() ?? readerOrder.Order(StringComparer.Ordinal).ToList();
        var phases = placed.Keys.Select(k => k.Phase).Distinct().Order().ToList();
        int maxReads = readers.Count == 0 ? 0 : readers.Max(r => placed.Where(p => p.Key.Reader == r).Sum(p => p.Value.Count));
        foreach (string reader in readers)
        {
            string typo = TypoHint(reader, readers, placed, maxReads);
            foreach (var phase in phases)
            {
                if (!placed.TryGetValue((reader, phase), out var read))
                {
                    var others = readers.Where(r => placed.ContainsKey((r, phase)));
                    problems.Add(file, null,
                        $"reader '{reader}' has no reads in phase {phase.Name()}, which {string.Join(", ", others)} read{typo}; " +
                        $"every reader must read every phase (remove phase {phase.Name()} to analyse the other phases)");
                    continue;
                }
                var missing = studyImages.Where(i => !read.ContainsKey(i)).ToList();
                if (missing.Count > 0)
                {
                    problems.Add(file, null,
                        $"reader '{reader}' did not read {missing.Count} of the {studyImages.Count} study images in phase {phase.Name()}{typo}: " +
                        $"{Ids(missing)} (images read by some readers and not others)");
                }
            }
        }
        if (expected is not null)
        {
            foreach (string absent in input.ExpectedReaders!.Where(r => !readerOrder.Contains(r)))
            {
                problems.Add(file, null, $"expected reader '{absent}' has no reads");
            }
        }

        // Pass 3: the model audit covers the study images with the same truth.
        ModelReader? model = null;
        if (audit is not null)
        {
            var lacking = new List<string>();
            var decisions = new List<ImageLabel>(studyImages.Count);
            foreach (string id in studyImages)
            {
                if (!audit.Rows.TryGetValue(id, out var row))
                {
                    lacking.Add(id);
                    continue;
                }
                if (row.Truth != truth[id])
                {
                    problems.Add(audit.Path, null,
                        $"image '{id}': the audit's truth is '{row.Truth.Name()}' but the truth file says '{truth[id].Name()}'");
                }
                decisions.Add(row.Decision);
            }
            if (lacking.Count > 0)
            {
                problems.Add(audit.Path, null, $"the model audit lacks {lacking.Count} of the {studyImages.Count} study images: {Ids(lacking)}");
            }
            model = new ModelReader(input.ModelReaderName, decisions);
        }

        if (rows.Count == 0)
        {
            problems.Add(file, null, "no reads");
        }
        problems.ThrowIfAny(file is null ? "reader-study input" : $"reader-study input ({rows.Count} reads)");

        var labels = new Dictionary<(string, ReadingPhase), ImageLabel[]>();
        var times = new Dictionary<(string, ReadingPhase), double?[]>();
        foreach (var ((reader, phase), byImage) in placed)
        {
            labels[(reader, phase)] = studyImages.Select(i => { LabelNames.TryParse(byImage[i].Row.Label, out var l); return l; }).ToArray();
            times[(reader, phase)] = studyImages.Select(i => ParseNumber(byImage[i].Row.ReadingTimeS)).ToArray();
        }
        return new ReaderStudy(
            studyImages, studyImages.Select(i => truth[i]).ToList(), readers, phases, labels, times, model,
            truth.Count - studyImages.Count);
    }

    /// <summary>Builds a study from reads made in memory (simulation, tests).</summary>
    public static ReaderStudy Build(IEnumerable<ReaderRead> reads, ReaderTruth truth, ModelAudit? audit, ReaderStudyInput input) =>
        Build(reads.Select(ToRaw).ToList(), truth, audit, input);

    private static RawRead ToRaw(ReaderRead r) => new(
        r.ImageId, r.Reader, r.Phase.Name(), r.Label.Name(),
        r.Confidence?.ToString("R", CultureInfo.InvariantCulture),
        r.ReadingTimeS?.ToString("R", CultureInfo.InvariantCulture), r.Line);

    private static void CheckNumber(string? text, string column, Func<double, bool> valid, string expected, Action<string> problem)
    {
        if (text is null)
        {
            return;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !valid(v))
        {
            problem($"{column} '{text}' is not {expected}");
        }
    }

    private static double? ParseNumber(string? text) =>
        text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : null;

    private static string Ids(IReadOnlyList<string> ids) =>
        string.Join(", ", ids.Take(IdsShown).Select(i => $"'{i}'")) + (ids.Count > IdsShown ? $" and {ids.Count - IdsShown} more" : "");

    /// <summary>" (a misspelling of 'B'?)" for a reader with far fewer reads than others and a name close to another's.</summary>
    private static string TypoHint(
        string reader, IReadOnlyList<string> readers,
        Dictionary<(string Reader, ReadingPhase Phase), Dictionary<string, (int, RawRead)>> placed, int maxReads)
    {
        int reads = placed.Where(p => p.Key.Reader == reader).Sum(p => p.Value.Count);
        if (reads * 2 >= maxReads)
        {
            return "";
        }
        var others = readers.Where(r => r != reader).ToList();
        string? closest = NameSuggestion.Closest(reader, others);
        return closest is not null && NameSuggestion.Distance(reader.ToLowerInvariant(), closest.ToLowerInvariant()) <= 2
            ? $" (only {reads} read{(reads == 1 ? "" : "s")}: a misspelling of '{closest}'?)"
            : "";
    }
}

/// <summary>What <see cref="ReaderStudyBuilder"/> needs besides the data.</summary>
public sealed record ReaderStudyInput
{
    /// <summary>The reads file, named in problems. Default: none.</summary>
    public string? ReadsPath { get; init; }

    /// <summary>
    /// The readers the study should have, in table order. When set, any other reader name is an error naming the
    /// closest expected one. Default: null (readers are whoever appears in the reads, sorted by name).
    /// </summary>
    public IReadOnlyList<string>? ExpectedReaders { get; init; }

    /// <summary>The model's name as a reader (a human reader may not have it). Default "AI".</summary>
    public string ModelReaderName { get; init; } = "AI";
}
