using HipFx.Core;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// A validated reader study: every reader read every study image once in every phase of the study, every
/// study image has a true label, and (optionally) the model has a decision for every study image.
/// Study images are the images read (sorted by id); truth images that nobody read are left out and counted.
/// Built only by <see cref="ReaderStudyBuilder"/>.
/// </summary>
public sealed class ReaderStudy
{
    private readonly Dictionary<(string Reader, ReadingPhase Phase), ImageLabel[]> labels;
    private readonly Dictionary<(string Reader, ReadingPhase Phase), double?[]> times;

    internal ReaderStudy(
        IReadOnlyList<string> images,
        IReadOnlyList<ImageLabel> truth,
        IReadOnlyList<string> readers,
        IReadOnlyList<ReadingPhase> phases,
        Dictionary<(string, ReadingPhase), ImageLabel[]> labels,
        Dictionary<(string, ReadingPhase), double?[]> times,
        ModelReader? model,
        int truthImagesNotRead)
    {
        Images = images;
        Truth = truth;
        Readers = readers;
        Phases = phases;
        this.labels = labels;
        this.times = times;
        Model = model;
        TruthImagesNotRead = truthImagesNotRead;
    }

    /// <summary>Study image ids, sorted ordinally; every per-image list is aligned with it.</summary>
    public IReadOnlyList<string> Images { get; }

    /// <summary>True label of each study image.</summary>
    public IReadOnlyList<ImageLabel> Truth { get; }

    /// <summary>Human readers, in the order given by the options or else sorted by name.</summary>
    public IReadOnlyList<string> Readers { get; }

    /// <summary>The phases present in the reads, in order.</summary>
    public IReadOnlyList<ReadingPhase> Phases { get; }

    /// <summary>The model as one more reader (no phase), when an audit was given.</summary>
    public ModelReader? Model { get; }

    /// <summary>Images of the truth file that no reader read (left out of the study).</summary>
    public int TruthImagesNotRead { get; }

    public bool HasPhase(ReadingPhase phase) => Phases.Contains(phase);

    /// <summary>The reader's label for each study image in that phase.</summary>
    public IReadOnlyList<ImageLabel> Labels(string reader, ReadingPhase phase) => labels[(reader, phase)];

    /// <summary>The reader's reading time (seconds) for each study image in that phase, null where not given.</summary>
    public IReadOnlyList<double?> ReadingTimes(string reader, ReadingPhase phase) => times[(reader, phase)];
}

/// <summary>The model's decision for each study image (aligned with <see cref="ReaderStudy.Images"/>).</summary>
public sealed record ModelReader(string Name, IReadOnlyList<ImageLabel> Decisions);
