using HipFx.Core;
using HipFx.Data.Files;

namespace HipFx.Data.Dicom;

/// <summary>Reads DICOM files: Part 10 with or without preamble, or a bare implicit/explicit VR little endian
/// data set. Bad files throw <see cref="HipFx.Core.HipFxDataException"/> naming the file, tag and offset.</summary>
public static class DicomReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static DicomFile Read(string path, DicomReaderOptions? options = null)
    {
        options ??= DicomReaderOptions.Default;
        // Only a regular file is read (a FIFO or /dev/zero is refused), and its length is checked before reading.
        InputFile.EnsureRegular(path);
        long length = new FileInfo(path).Length;
        if (length > options.MaxFileBytes)
        {
            DicomThrowHelper.ThrowTooLarge(path, length, options.MaxFileBytes);
        }
        return new DicomReaderCore(path, options).Read(InputFile.ReadAllBytes(path, options.MaxFileBytes));
    }

    /// <summary>Reads a DICOM file already in memory; <paramref name="name"/> is used in error messages.</summary>
    public static DicomFile Read(byte[] bytes, string name, DicomReaderOptions? options = null) =>
        new DicomReaderCore(name, options ?? DicomReaderOptions.Default).Read(bytes);
}
