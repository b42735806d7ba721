namespace HipFx.Data.Dicom.Pixels;

/// <summary>The photometric interpretations the decoder handles.</summary>
public enum PhotometricInterpretation
{
    /// <summary>Grayscale, minimum value is white: inverted for display.</summary>
    Monochrome1,

    /// <summary>Grayscale, minimum value is black.</summary>
    Monochrome2,

    Rgb,

    /// <summary>Full-range Y, Cb, Cr.</summary>
    YbrFull,

    /// <summary>Y, Cb, Cr with chroma subsampled 4:2:2 (only as a JPEG decoder's input).</summary>
    YbrFull422,

    PaletteColor,
}

/// <summary>Questions about a <see cref="PhotometricInterpretation"/>.</summary>
public static class PhotometricInterpretationExtensions
{
    /// <summary>True for grayscale (MONOCHROME1 or MONOCHROME2).</summary>
    public static bool IsMonochrome(this PhotometricInterpretation photometric) =>
        photometric is PhotometricInterpretation.Monochrome1 or PhotometricInterpretation.Monochrome2;
}
