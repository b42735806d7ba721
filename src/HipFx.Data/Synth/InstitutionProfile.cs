namespace HipFx.Data.Synth;

/// <summary>
/// How one hospital's radiographs look and are stored: detector and processing (exposure, contrast,
/// gamma, noise), collimation habits, marker, and DICOM storage (photometric interpretation, bits).
/// </summary>
public sealed record InstitutionProfile
{
    /// <summary>Short code used in ids and the manifest (A, B, C).</summary>
    public required string Code { get; init; }

    /// <summary>Written to DICOM InstitutionName.</summary>
    public required string Name { get; init; }

    /// <summary>External institutions are held out for external validation (paper: the third hospital).</summary>
    public required bool IsExternal { get; init; }

    /// <summary>MONOCHROME1 stores bone dark (inverted); MONOCHROME2 stores bone bright.</summary>
    public required bool Monochrome1 { get; init; }

    /// <summary>DICOM BitsStored: 12 or 16 (always 16 allocated).</summary>
    public required int BitsStored { get; init; }

    /// <summary>Width of the field of view (mm) for the whole image.</summary>
    public required double FieldOfViewMm { get; init; }

    /// <summary>Mean display gamma of the processing curve (lower = brighter mid-tones).</summary>
    public required double Gamma { get; init; }

    /// <summary>Contrast: density range mapped onto the output range (smaller = harsher).</summary>
    public required double Latitude { get; init; }

    /// <summary>Quantum noise strength (log-signal standard deviation at soft-tissue density).</summary>
    public required double Noise { get; init; }

    /// <summary>Edge enhancement (unsharp-mask strength) applied by the vendor's processing.</summary>
    public required double Sharpen { get; init; }

    /// <summary>Display value (0 black .. 1 white) outside the collimated field.</summary>
    public required double ShutterLevel { get; init; }

    /// <summary>Mean collimation inset, as a fraction of the image side.</summary>
    public required double Collimation { get; init; }

    /// <summary>Marker in the upper lateral corner (true) or lower lateral corner.</summary>
    public required bool MarkerHigh { get; init; }

    /// <summary>Share of the internal (or external) images, relative to the others of the same kind.</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Patients: mean age, its SD, and the fraction of men (paper, Table I).</summary>
    public required double MeanAge { get; init; }

    public required double AgeSd { get; init; }

    public required double MaleFraction { get; init; }

    public static InstitutionProfile A { get; } = new()
    {
        Code = "A", Name = "Synthetic University Hospital A", IsExternal = false, Monochrome1 = false, BitsStored = 12,
        FieldOfViewMm = 310, Gamma = 1.0, Latitude = 2.5, Noise = 0.035, Sharpen = 0.35, ShutterLevel = 0.0,
        Collimation = 0.03, MarkerHigh = true, Weight = 0.55, MeanAge = 80.8, AgeSd = 15.9, MaleFraction = 0.59,
    };

    public static InstitutionProfile B { get; } = new()
    {
        Code = "B", Name = "Synthetic Bundang Hospital B", IsExternal = false, Monochrome1 = true, BitsStored = 16,
        FieldOfViewMm = 335, Gamma = 0.85, Latitude = 2.7, Noise = 0.025, Sharpen = 0.15, ShutterLevel = 0.92,
        Collimation = 0.06, MarkerHigh = true, Weight = 0.45, MeanAge = 80.8, AgeSd = 15.9, MaleFraction = 0.59,
    };

    public static InstitutionProfile C { get; } = new()
    {
        Code = "C", Name = "Synthetic Central Hospital C", IsExternal = true, Monochrome1 = false, BitsStored = 16,
        FieldOfViewMm = 290, Gamma = 1.2, Latitude = 2.3, Noise = 0.05, Sharpen = 0.6, ShutterLevel = 0.75,
        Collimation = 0.09, MarkerHigh = false, Weight = 1, MeanAge = 77.5, AgeSd = 12.1, MaleFraction = 0.31,
    };

    /// <summary>The built-in institutions, by code.</summary>
    public static IReadOnlyList<InstitutionProfile> BuiltIn { get; } = [A, B, C];
}
