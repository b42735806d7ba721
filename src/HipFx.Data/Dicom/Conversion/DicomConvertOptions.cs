using HipFx.Data.Dicom.Lut;

namespace HipFx.Data.Dicom.Conversion;

/// <summary>Options of <see cref="DicomConverter"/> (<c>hipfx convert</c>).</summary>
public sealed record DicomConvertOptions
{
    /// <summary>Folder searched recursively for DICOM files (*.dcm, *.dicom, *.dic and files without extension).</summary>
    public required string InputFolder { get; init; }

    /// <summary>Output folder: images/&lt;image_id&gt;.png, manifest.csv and dicom_metadata.csv.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>Secret for the HMAC pseudonyms of patient, study and image ids. Required.</summary>
    public required string Salt { get; init; }

    /// <summary>Null (default): 16-bit grayscale after the modality LUT, MONOCHROME1 inverted. Otherwise 8-bit
    /// through this window.</summary>
    public WindowChoice? Window { get; init; }

    /// <summary>Longest side in pixels after a resize keeping the aspect ratio; null (default) keeps the size.</summary>
    public int? MaxSize { get; init; }

    /// <summary>Institution written to the manifest; null (default) takes (0008,0080) InstitutionName, else "unknown".</summary>
    public string? Institution { get; init; }

    /// <summary>Files converted at once. Default: one per core.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Frame converted from multi-frame files (0-based). Default 0.</summary>
    public int Frame { get; init; }

    /// <summary>Write study dates into the manifest. Default false: dates are identifying (HIPAA safe harbour).</summary>
    public bool IncludeStudyDate { get; init; }

    /// <summary>Re-convert files whose PNG already exists. Default false: a re-run resumes.</summary>
    public bool Overwrite { get; init; }

    /// <summary>zlib level of the PNG (0-9). Default 1: radiographs compress little better at 6 and take 3x longer.</summary>
    public int PngCompressionLevel { get; init; } = 1;

    public DicomReaderOptions Reader { get; init; } = DicomReaderOptions.Default;

    /// <summary>Ages above this are written as this value (HIPAA safe harbour: 90). Default 90.</summary>
    public int MaxReportedAge { get; init; } = 90;

    /// <summary>Throws <see cref="HipFx.Core.HipFxConfigException"/> for an unusable option.</summary>
    public DicomConvertOptions Validate()
    {
        static void Fail(string message) => throw new HipFx.Core.HipFxConfigException(message);
        if (string.IsNullOrWhiteSpace(Salt))
        {
            Fail("a salt is required for the pseudonymous ids: pass --salt or set HIPFX_SALT (keep it secret and reuse it to keep ids stable)");
        }
        if (MaxSize is < 16)
        {
            Fail($"--max-size must be at least 16 pixels, got {MaxSize}");
        }
        if (Parallelism < 1)
        {
            Fail($"--jobs must be at least 1, got {Parallelism}");
        }
        if (Frame < 0)
        {
            Fail($"--frame must be 0 or more, got {Frame}");
        }
        if (PngCompressionLevel is < 0 or > 9)
        {
            Fail($"--png-compression must be 0..9, got {PngCompressionLevel}");
        }
        // The folder last: every value is checked before any file is looked at.
        if (!Directory.Exists(InputFolder))
        {
            Fail($"--in '{InputFolder}' is not a folder");
        }
        return this;
    }
}
