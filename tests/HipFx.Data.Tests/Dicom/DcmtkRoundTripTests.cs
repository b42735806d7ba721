using System.Diagnostics;
using HipFx.Data.Dicom;
using HipFx.Tests;

namespace HipFx.Data.Tests.Dicom;

/// <summary>Files compressed by DCMTK's dcmcjpeg, decoded by us: every JPEG Lossless predictor (selection values
/// 1-7), point transform, multi-frame and fragmented streams must give the original stored values exactly; lossy
/// baseline and extended JPEG must stay within a few grey levels of DCMTK's own decode (dcmdjpeg).
/// Skipped when DCMTK is absent.</summary>
[Trait("Category", "Dcmtk")]
public sealed class DcmtkRoundTripTests
{
    private static string Source(string name) => DicomGroundTruth.Get(name).Path;

    private static int[] AllFrames(string path)
    {
        var image = DicomReader.Read(path).Image;
        return Enumerable.Range(0, image.FrameCount).SelectMany(f => image.ReadFrame(f).Values).ToArray();
    }

    [SkippableTheory]
    [InlineData("MR_small.dcm", 1)]
    [InlineData("MR_small.dcm", 2)]
    [InlineData("MR_small.dcm", 3)]
    [InlineData("MR_small.dcm", 4)]
    [InlineData("MR_small.dcm", 5)]
    [InlineData("MR_small.dcm", 6)]
    [InlineData("MR_small.dcm", 7)]
    [InlineData("CT_small.dcm", 6)]
    [InlineData("CR1_6154.dcm", 1)]
    public void Every_lossless_predictor_decodes_exactly(string file, int selectionValue)
    {
        Dcmtk.SkipIfAbsent();
        using var temp = RepoPaths.NewTempFolder();
        var encoded = temp.File("lossless.dcm");
        Dcmtk.Run("dcmcjpeg", "+el", "+sv", selectionValue.ToString(System.Globalization.CultureInfo.InvariantCulture), Source(file), encoded);
        Assert.Equal(AllFrames(Source(file)), AllFrames(encoded));
    }

    [SkippableFact]
    public void Point_transform_drops_the_low_bits()
    {
        Dcmtk.SkipIfAbsent();
        using var temp = RepoPaths.NewTempFolder();
        var encoded = temp.File("pt.dcm");
        Dcmtk.Run("dcmcjpeg", "+el", "+sv", "1", "+pt", "2", Source("CT_small.dcm"), encoded);
        var expected = AllFrames(Source("CT_small.dcm")).Select(v => v >> 2 << 2);
        Assert.Equal(expected, AllFrames(encoded));
    }

    [SkippableFact]
    public void Multi_frame_with_small_fragments_decodes_exactly()
    {
        Dcmtk.SkipIfAbsent();
        using var temp = RepoPaths.NewTempFolder();
        var encoded = temp.File("frames.dcm");
        Dcmtk.Run("dcmcjpeg", "+e1", "+fs", "1", Source("emri_small.dcm"), encoded);
        var dicom = DicomReader.Read(encoded);
        Assert.True(dicom.Dataset.Find(DicomTag.PixelData)!.Fragments!.Count > 11); // more fragments than frames
        Assert.Equal(AllFrames(Source("emri_small.dcm")), AllFrames(encoded));
    }

    [SkippableTheory]
    [InlineData("emri_small.dcm", "+ee", 2)] // 12-bit extended
    [InlineData("SC_rgb.dcm", "+eb", 3)] // 8-bit colour, YBR_FULL_422 subsampled
    [InlineData("vlut_04.dcm", "+eb", 2)] // 8-bit grayscale baseline
    public void Lossy_jpeg_is_close_to_dcmtk_decode(string file, string process, double maxMeanDifference)
    {
        Dcmtk.SkipIfAbsent();
        using var temp = RepoPaths.NewTempFolder();
        var encoded = temp.File("lossy.dcm");
        var decoded = temp.File("dcmtk-decoded.dcm");
        Dcmtk.Run("dcmcjpeg", process, Source(file), encoded);
        Dcmtk.Run("dcmdjpeg", encoded, decoded);
        var ours = AllFrames(encoded);
        var theirs = AllFrames(decoded); // uncompressed: read by our (ground-truth-tested) native path
        Assert.Equal(theirs.Length, ours.Length);
        var meanDifference = ours.Zip(theirs, (a, b) => Math.Abs(a - b)).Average();
        Assert.True(meanDifference <= maxMeanDifference, $"{file} {process}: mean |ours - DCMTK| = {meanDifference:F3}");
    }
}

/// <summary>Runs DCMTK command-line tools for tests.</summary>
internal static class Dcmtk
{
    private static readonly Lazy<bool> Available = new(() =>
        new[] { "dcmdump", "dcmdjpeg", "dcmdrle", "dcmj2pnm", "dcmcjpeg" }.All(tool =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, tool)))));

    public static void SkipIfAbsent() =>
        Skip.IfNot(Available.Value, "DCMTK (dcmdump, dcmdjpeg, dcmdrle, dcmj2pnm, dcmcjpeg) is not on PATH: install it with `apt-get install -y dcmtk` to compare our pixels with DCMTK's");

    public static string Run(string tool, params string[] args)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
        return stdout.Result;
    }
}
