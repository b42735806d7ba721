namespace HipFx.Data.Synth;

/// <summary>How synthetic images are stored.</summary>
public enum SynthFormat
{
    /// <summary>DICOM Part 10, CR, explicit VR little endian (what a PACS export gives).</summary>
    Dicom,

    /// <summary>16-bit grayscale PNG (what <c>hipfx convert</c> gives).</summary>
    Png,
}
