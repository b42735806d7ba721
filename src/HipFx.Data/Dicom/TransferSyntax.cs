namespace HipFx.Data.Dicom;

/// <summary>How the pixel data of a transfer syntax is stored, which picks the decoder.</summary>
public enum PixelEncoding
{
    Native,
    Rle,
    JpegBaseline,
    JpegExtended,
    JpegLossless,
    Unsupported,
}

/// <summary>A transfer syntax: byte order, explicit or implicit VR, deflate, and how pixel data is encoded.</summary>
public sealed record TransferSyntax(string Uid, string Name, bool ExplicitVr, bool BigEndian, bool Deflated, PixelEncoding Encoding)
{
    public static readonly TransferSyntax ImplicitVrLittleEndian = new("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, PixelEncoding.Native);
    public static readonly TransferSyntax ExplicitVrLittleEndian = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, PixelEncoding.Native);
    public static readonly TransferSyntax DeflatedExplicitVrLittleEndian = new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, PixelEncoding.Native);
    public static readonly TransferSyntax ExplicitVrBigEndian = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian", true, true, false, PixelEncoding.Native);
    public static readonly TransferSyntax RleLossless = new("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, PixelEncoding.Rle);
    public static readonly TransferSyntax JpegBaseline = new("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, false, PixelEncoding.JpegBaseline);
    public static readonly TransferSyntax JpegExtended = new("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, false, PixelEncoding.JpegExtended);
    public static readonly TransferSyntax JpegLossless = new("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false, PixelEncoding.JpegLossless);
    public static readonly TransferSyntax JpegLosslessSv1 = new("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", true, false, false, PixelEncoding.JpegLossless);

    private static readonly TransferSyntax[] Known =
    [
        ImplicitVrLittleEndian, ExplicitVrLittleEndian, DeflatedExplicitVrLittleEndian, ExplicitVrBigEndian,
        RleLossless, JpegBaseline, JpegExtended, JpegLossless, JpegLosslessSv1,
        Unsupported("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression"),
        Unsupported("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression"),
        Unsupported("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)"),
        Unsupported("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression"),
        Unsupported("1.2.840.10008.1.2.4.92", "JPEG 2000 Part 2 Multi-component Image Compression (Lossless Only)"),
        Unsupported("1.2.840.10008.1.2.4.93", "JPEG 2000 Part 2 Multi-component Image Compression"),
        Unsupported("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)"),
        Unsupported("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)"),
        Unsupported("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression"),
        Unsupported("1.2.840.10008.1.2.4.100", "MPEG2 Main Profile / Main Level"),
        Unsupported("1.2.840.10008.1.2.4.102", "MPEG-4 AVC/H.264 High Profile / Level 4.1"),
        Unsupported("1.2.840.10008.1.2.4.110", "JPEG XL Lossless"),
        Unsupported("1.2.840.10008.1.2.4.112", "JPEG XL"),
    ];

    /// <summary>The syntax for a UID. An unknown UID is treated as encapsulated and unsupported (its data set
    /// is still readable as explicit VR little endian, as the standard requires of every new syntax).</summary>
    public static TransferSyntax FromUid(string uid)
    {
        foreach (var syntax in Known)
        {
            if (syntax.Uid == uid)
            {
                return syntax;
            }
        }
        return Unsupported(uid, "unknown transfer syntax");
    }

    public bool IsEncapsulated => Encoding != PixelEncoding.Native;

    public override string ToString() => $"{Uid} ({Name})";

    private static TransferSyntax Unsupported(string uid, string name) => new(uid, name, true, false, false, PixelEncoding.Unsupported);
}
