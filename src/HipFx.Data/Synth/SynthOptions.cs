using HipFx.Core;

namespace HipFx.Data.Synth;

/// <summary>Options of <c>hipfx synth</c>. Validated once by <see cref="Validate"/>.</summary>
public sealed record SynthOptions
{
    /// <summary>Output folder; created if missing. Required.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Total number of images (internal plus external). Default 200.</summary>
    public int Count { get; init; } = 200;

    /// <summary>Seed: the same seed gives byte-identical files. Default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Image side in pixels (square images). Default 1024, the paper's training size.</summary>
    public int Size { get; init; } = 1024;

    /// <summary>Storage format. Default DICOM.</summary>
    public SynthFormat Format { get; init; } = SynthFormat.Dicom;

    /// <summary>
    /// Subtlety of the fractures, 0 (textbook) to 1 (subtle; displaced and valgus-impacted neck fractures
    /// look alike). Default 0.5.
    /// </summary>
    public double Difficulty { get; init; } = 0.5;

    /// <summary>Institutions and their weights. Default A and B internal (55/45), C external.</summary>
    public IReadOnlyList<InstitutionProfile> Institutions { get; init; } = InstitutionProfile.BuiltIn;

    /// <summary>Also write <c>preview.png</c>, a contact sheet with boxes drawn. Default false.</summary>
    public bool Preview { get; init; }

    /// <summary>Worker threads; 0 means one per core. Default 0.</summary>
    public int Workers { get; init; }

    /// <summary>Throws <see cref="HipFxConfigException"/> naming the first bad option.</summary>
    public SynthOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(OutputFolder))
        {
            throw new HipFxConfigException("synth: --out is required");
        }
        if (Count < 1)
        {
            throw new HipFxConfigException($"synth: --count must be at least 1, got {Count}");
        }
        if (Size is < 64 or > 4096)
        {
            throw new HipFxConfigException($"synth: --size must be between 64 and 4096 pixels, got {Size}");
        }
        if (double.IsNaN(Difficulty) || Difficulty is < 0 or > 1)
        {
            throw new HipFxConfigException($"synth: --difficulty must be between 0 and 1 (or easy, medium, hard), got {Difficulty}");
        }
        if (Institutions.Count == 0)
        {
            throw new HipFxConfigException("synth: --institutions lists no institution");
        }
        var duplicate = Institutions.GroupBy(i => i.Code).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new HipFxConfigException($"synth: institution {duplicate.Key} is listed twice");
        }
        if (Institutions.Any(i => !(i.Weight > 0)))
        {
            throw new HipFxConfigException("synth: institution weights must be positive");
        }
        if (Workers < 0)
        {
            throw new HipFxConfigException($"synth: --workers must be 0 (one per core) or more, got {Workers}");
        }
        return this;
    }
}
