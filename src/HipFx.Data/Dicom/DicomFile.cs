using HipFx.Data.Dicom.Pixels;

namespace HipFx.Data.Dicom;

/// <summary>A DICOM file as read: its file meta, data set and transfer syntax, and access to its image.</summary>
public sealed class DicomFile
{
    private DicomImage? image;

    private readonly DicomReaderOptions options;

    internal DicomFile(string filePath, DicomDataset meta, DicomDataset dataset, TransferSyntax syntax, bool hasPreamble, bool hasFileMeta, DicomReaderOptions options)
    {
        this.options = options;
        FilePath = filePath;
        Meta = meta;
        Dataset = dataset;
        TransferSyntax = syntax;
        HasPreamble = hasPreamble;
        HasFileMeta = hasFileMeta;
    }

    /// <summary>The path (or name) the file was read from; used in every error message.</summary>
    public string FilePath { get; }

    /// <summary>File meta information (group 0002); empty when the file had none.</summary>
    public DicomDataset Meta { get; }

    public DicomDataset Dataset { get; }

    /// <summary>The file's transfer syntax; implicit VR little endian (or sniffed explicit) when the file named none.</summary>
    public TransferSyntax TransferSyntax { get; }

    public bool HasPreamble { get; }

    public bool HasFileMeta { get; }

    /// <summary>Descriptive attributes (modality, view, pixel spacing...) that are not identifying.</summary>
    public DicomImageFacts Facts => DicomImageFacts.From(Dataset, FilePath);

    /// <summary>The image: pixel attributes and frame decoding. Throws when the data set holds no image
    /// or its transfer syntax cannot be decoded.</summary>
    public DicomImage Image => image ??= DicomImage.Create(this, options);
}
