namespace HipFx.Data.Dicom.Conversion;

/// <summary>One row of <c>dicom_metadata.csv</c>, the DICOM facts that the dataset manifest has no column for,
/// keyed by image_id. Nothing here identifies a patient: the study UID is a keyed hash.</summary>
public sealed record DicomMetadataRow
{
    public required string ImageId { get; init; }

    public string? StudyUidHash { get; init; }

    public string? Modality { get; init; }

    public string? Manufacturer { get; init; }

    public string? BodyPart { get; init; }

    /// <summary>Row and column spacing in mm of the source image, "0.139\0.139"; empty when unknown.</summary>
    public string? PixelSpacing { get; init; }

    /// <summary>Spacing after the resize (source spacing × scale); empty when unknown.</summary>
    public string? OutputPixelSpacing { get; init; }

    /// <summary>YES, NO or empty: (0028,0301) BurnedInAnnotation.</summary>
    public string? BurnedInAnnotation { get; init; }

    public string? Photometric { get; init; }

    public int BitsStored { get; init; }

    public int SourceWidth { get; init; }

    public int SourceHeight { get; init; }

    public int OutputWidth { get; init; }

    public int OutputHeight { get; init; }

    /// <summary>"gray16", "gray8 C=.. W=.." or "rgb8": how the PNG was rendered.</summary>
    public string? Rendering { get; init; }

    public string? TransferSyntax { get; init; }
}
