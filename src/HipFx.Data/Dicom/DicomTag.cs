namespace HipFx.Data.Dicom;

/// <summary>A DICOM attribute tag (group, element), printed the way the standard writes it: <c>(0028,0010)</c>.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element)
{
    /// <summary>Private tags live in odd groups; the reader skips them.</summary>
    public bool IsPrivate => (Group & 1) == 1;

    public override string ToString() => $"({Group:X4},{Element:X4})";

    // File meta
    public static readonly DicomTag FileMetaGroupLength = new(0x0002, 0x0000);
    public static readonly DicomTag TransferSyntaxUid = new(0x0002, 0x0010);

    // Patient / study / series
    public static readonly DicomTag SopClassUid = new(0x0008, 0x0016);
    public static readonly DicomTag SopInstanceUid = new(0x0008, 0x0018);
    public static readonly DicomTag StudyDate = new(0x0008, 0x0020);
    public static readonly DicomTag Modality = new(0x0008, 0x0060);
    public static readonly DicomTag Manufacturer = new(0x0008, 0x0070);
    public static readonly DicomTag InstitutionName = new(0x0008, 0x0080);
    public static readonly DicomTag PatientName = new(0x0010, 0x0010);
    public static readonly DicomTag PatientId = new(0x0010, 0x0020);
    public static readonly DicomTag PatientBirthDate = new(0x0010, 0x0030);
    public static readonly DicomTag PatientSex = new(0x0010, 0x0040);
    public static readonly DicomTag PatientAge = new(0x0010, 0x1010);
    public static readonly DicomTag BodyPartExamined = new(0x0018, 0x0015);
    public static readonly DicomTag ViewPosition = new(0x0018, 0x5101);
    public static readonly DicomTag StudyInstanceUid = new(0x0020, 0x000D);
    public static readonly DicomTag SeriesInstanceUid = new(0x0020, 0x000E);
    public static readonly DicomTag Laterality = new(0x0020, 0x0060);
    public static readonly DicomTag ImageLaterality = new(0x0020, 0x0062);
    public static readonly DicomTag BurnedInAnnotation = new(0x0028, 0x0301);

    // Image pixel module
    public static readonly DicomTag SamplesPerPixel = new(0x0028, 0x0002);
    public static readonly DicomTag PhotometricInterpretation = new(0x0028, 0x0004);
    public static readonly DicomTag PlanarConfiguration = new(0x0028, 0x0006);
    public static readonly DicomTag NumberOfFrames = new(0x0028, 0x0008);
    public static readonly DicomTag Rows = new(0x0028, 0x0010);
    public static readonly DicomTag Columns = new(0x0028, 0x0011);
    public static readonly DicomTag PixelSpacing = new(0x0028, 0x0030);
    public static readonly DicomTag ImagerPixelSpacing = new(0x0018, 0x1164);
    public static readonly DicomTag BitsAllocated = new(0x0028, 0x0100);
    public static readonly DicomTag BitsStored = new(0x0028, 0x0101);
    public static readonly DicomTag HighBit = new(0x0028, 0x0102);
    public static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);
    public static readonly DicomTag PixelData = new(0x7FE0, 0x0010);

    // Modality and VOI LUT modules
    public static readonly DicomTag WindowCenter = new(0x0028, 0x1050);
    public static readonly DicomTag WindowWidth = new(0x0028, 0x1051);
    public static readonly DicomTag RescaleIntercept = new(0x0028, 0x1052);
    public static readonly DicomTag RescaleSlope = new(0x0028, 0x1053);
    public static readonly DicomTag VoiLutFunction = new(0x0028, 0x1056);
    public static readonly DicomTag ModalityLutSequence = new(0x0028, 0x3000);
    public static readonly DicomTag LutDescriptor = new(0x0028, 0x3002);
    public static readonly DicomTag LutData = new(0x0028, 0x3006);
    public static readonly DicomTag VoiLutSequence = new(0x0028, 0x3010);

    // Enhanced multi-frame functional groups
    public static readonly DicomTag SharedFunctionalGroups = new(0x5200, 0x9229);
    public static readonly DicomTag PerFrameFunctionalGroups = new(0x5200, 0x9230);

    // Item delimiters
    public static readonly DicomTag Item = new(0xFFFE, 0xE000);
    public static readonly DicomTag ItemDelimitation = new(0xFFFE, 0xE00D);
    public static readonly DicomTag SequenceDelimitation = new(0xFFFE, 0xE0DD);
}
