namespace HipFx.Data.Dicom.Pixels;

/// <summary>The Image Pixel module of a data set: geometry and sample encoding. <see cref="Parse"/> reads it,
/// <see cref="Validate"/> checks it and names the attribute, what was expected and what was found.</summary>
public readonly record struct PixelDescription
{
    public int Rows { get; init; }

    public int Columns { get; init; }

    public int SamplesPerPixel { get; init; }

    public int BitsAllocated { get; init; }

    public int BitsStored { get; init; }

    public int HighBit { get; init; }

    /// <summary>True when PixelRepresentation is 1 (two's complement).</summary>
    public bool Signed { get; init; }

    public PhotometricInterpretation Photometric { get; init; }

    /// <summary>The text of (0028,0004) as written.</summary>
    public string PhotometricText { get; init; }

    /// <summary>0: samples interleaved (RGBRGB); 1: one plane per sample (RRGGBB).</summary>
    public int PlanarConfiguration { get; init; }

    public int NumberOfFrames { get; init; }

    public bool IsMonochrome => Photometric.IsMonochrome();

    /// <summary>Samples in one frame (rows × columns × samples per pixel).</summary>
    public long SamplesPerFrame => (long)Rows * Columns * SamplesPerPixel;

    /// <summary>Bytes of one native (uncompressed) frame.</summary>
    public long NativeFrameBytes => SamplesPerFrame * (BitsAllocated / 8);

    /// <summary>Smallest and largest value BitsStored can hold.</summary>
    public (int Min, int Max) StoredRange => Signed ? (-(1 << (BitsStored - 1)), (1 << (BitsStored - 1)) - 1) : (0, (int)((1L << BitsStored) - 1));

    public static PixelDescription Parse(DicomDataset dataset, string file)
    {
        int Required(DicomTag tag, string name)
        {
            var value = dataset.GetUInt16(tag);
            if (value is null)
            {
                DicomThrowHelper.ThrowNotAnImage(file, tag, name);
            }
            return value.Value;
        }

        if (!dataset.Contains(DicomTag.PixelData))
        {
            DicomThrowHelper.ThrowNotAnImage(file, DicomTag.PixelData, "PixelData");
        }
        var rows = Required(DicomTag.Rows, "Rows");
        var columns = Required(DicomTag.Columns, "Columns");
        var bitsAllocated = Required(DicomTag.BitsAllocated, "BitsAllocated");
        var text = dataset.GetString(DicomTag.PhotometricInterpretation);
        var samples = dataset.GetUInt16(DicomTag.SamplesPerPixel) ?? (text is null or "MONOCHROME1" or "MONOCHROME2" ? 1 : 3);
        var photometric = text switch
        {
            "MONOCHROME1" => PhotometricInterpretation.Monochrome1,
            "MONOCHROME2" or null when samples == 1 => PhotometricInterpretation.Monochrome2,
            "RGB" => PhotometricInterpretation.Rgb,
            "YBR_FULL" => PhotometricInterpretation.YbrFull,
            "YBR_FULL_422" => PhotometricInterpretation.YbrFull422,
            "PALETTE COLOR" => PhotometricInterpretation.PaletteColor,
            _ => (PhotometricInterpretation)(-1),
        };
        if ((int)photometric < 0)
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file, DicomTag.PhotometricInterpretation, "PhotometricInterpretation",
                "MONOCHROME1, MONOCHROME2, RGB, YBR_FULL or YBR_FULL_422", $"'{text}'");
        }
        var bitsStored = dataset.GetUInt16(DicomTag.BitsStored) ?? bitsAllocated;
        return new PixelDescription
        {
            Rows = rows,
            Columns = columns,
            SamplesPerPixel = samples,
            BitsAllocated = bitsAllocated,
            BitsStored = bitsStored,
            HighBit = dataset.GetUInt16(DicomTag.HighBit) ?? bitsStored - 1,
            Signed = (dataset.GetUInt16(DicomTag.PixelRepresentation) ?? 0) == 1,
            Photometric = photometric,
            PhotometricText = text ?? "MONOCHROME2",
            PlanarConfiguration = dataset.GetUInt16(DicomTag.PlanarConfiguration) ?? 0,
            NumberOfFrames = dataset.GetInteger(DicomTag.NumberOfFrames) ?? 1,
        };
    }

    public void Validate(string file, DicomReaderOptions options)
    {
        if (Rows < 1 || Columns < 1)
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file, Rows < 1 ? DicomTag.Rows : DicomTag.Columns, "Rows and Columns", "at least 1", $"{Rows} x {Columns}");
        }
        if (BitsAllocated is not (8 or 16 or 32))
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file, DicomTag.BitsAllocated, "BitsAllocated", "8, 16 or 32", BitsAllocated);
        }
        if (BitsStored < 1 || BitsStored > Math.Min(BitsAllocated, 31))
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file, DicomTag.BitsStored, "BitsStored", $"1..{Math.Min(BitsAllocated, 31)}", BitsStored);
        }
        if (HighBit < BitsStored - 1 || HighBit >= BitsAllocated)
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file, DicomTag.HighBit, "HighBit", $"{BitsStored - 1}..{BitsAllocated - 1}", HighBit);
        }
        if (SamplesPerPixel is not (1 or 3))
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file, DicomTag.SamplesPerPixel, "SamplesPerPixel", "1 or 3", SamplesPerPixel);
        }
        if (IsMonochrome != (SamplesPerPixel == 1) && Photometric != PhotometricInterpretation.PaletteColor)
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file, DicomTag.SamplesPerPixel, $"SamplesPerPixel for {PhotometricText}", IsMonochrome ? "1" : "3", SamplesPerPixel);
        }
        if (PlanarConfiguration is not (0 or 1))
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file, DicomTag.PlanarConfiguration, "PlanarConfiguration", "0 or 1", PlanarConfiguration);
        }
        if (NumberOfFrames < 1)
        {
            DicomThrowHelper.ThrowBadPixelAttribute(file, DicomTag.NumberOfFrames, "NumberOfFrames", "at least 1", NumberOfFrames);
        }
        if (SamplesPerFrame > options.MaxFramePixels)
        {
            DicomThrowHelper.ThrowFrameTooLarge(file, SamplesPerFrame, options.MaxFramePixels);
        }
    }
}
