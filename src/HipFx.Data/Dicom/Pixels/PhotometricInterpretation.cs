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
