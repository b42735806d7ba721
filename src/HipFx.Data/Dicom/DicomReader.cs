namespace HipFx.Data.Dicom;

/// <summary>Reads DICOM files: Part 10 with or without preamble, or a bare implicit/explicit VR little endian
/// data set. Bad files throw <see cref="HipFx.Core.HipFxDataException"/> naming the file, tag and offset.</summary>
public static class DicomReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static DicomFile Read(string path, DicomReaderOptions? options = null)
    {
        options ??= DicomReaderOptions.Default;
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new HipFx.Core.HipFxDataException("file not found", path);
        }
        if (info.Length > options.MaxFileBytes)
        {
            DicomThrowHelper.ThrowTooLarge(path, info.Length, options.MaxFileBytes);
        }
        return new DicomReaderCore(path, options).Read(File.ReadAllBytes(path));
    }

    /// <summary>Reads a DICOM file already in memory; <paramref name="name"/> is used in error messages.</summary>
    public static DicomFile Read(byte[] bytes, string name, DicomReaderOptions? options = null) =>
        new DicomReaderCore(name, options ?? DicomReaderOptions.Default).Read(bytes);
}
