using HipFx.Core;

namespace HipFx.Data.Synth;

/// <summary>What one synthetic image is to be: who, where, when, which hip and which label.</summary>
public sealed record ImagePlan
{
    /// <summary>Position in the dataset (0-based); with the seed it fixes every random choice for the image.</summary>
    public required int Index { get; init; }

    public required string ImageId { get; init; }

    public required string PatientId { get; init; }

    public required InstitutionProfile Institution { get; init; }

    public required ImageLabel Label { get; init; }

    /// <summary>The imaged hip: true for the patient's left.</summary>
    public required bool LeftHip { get; init; }

    /// <summary>"M" or "F".</summary>
    public required string Sex { get; init; }

    public required int Age { get; init; }

    public required DateOnly StudyDate { get; init; }

    /// <summary>Study index of this patient (1 for the first image of a patient).</summary>
    public required int StudyNumber { get; init; }

    /// <summary>"L" or "R", as in DICOM Laterality.</summary>
    public string Laterality => LeftHip ? "L" : "R";
}
