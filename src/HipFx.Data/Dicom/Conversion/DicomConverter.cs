using System.Diagnostics;
using System.Globalization;
using HipFx.Core;
using HipFx.Data.Dicom.Lut;
using HipFx.Data.Dicom.Pixels;
using HipFx.Data.Files;
using HipFx.Data.Images;
using HipFx.Data.Manifests;

namespace HipFx.Data.Dicom.Conversion;

/// <summary>Converts a folder of DICOM files to PNGs plus a dataset manifest (<c>hipfx convert</c>): in parallel,
/// resumable (existing PNGs are kept), and one bad file never stops the batch: it is reported and skipped.
/// Identifiers leave only as keyed pseudonyms (<see cref="Pseudonymizer"/>); names and birth dates never do.</summary>
public static class DicomConverter
{
    public const string ImagesFolder = "images";
    public const string ManifestFile = "manifest.csv";
    public const string MetadataFile = "dicom_metadata.csv";

    /// <summary>
    /// The files a run would read: DICOM-like names (*.dcm, *.dicom, *.dic, no extension, not hidden), recursive, in
    /// ordinal order, regular files only (<see cref="FileWalk"/>: linked folders are not followed unless
    /// <paramref name="walk"/> says so); what was passed over is in <see cref="FileSearch.Skipped"/>.
    /// </summary>
    public static FileSearch FindInputs(string folder, FileWalkOptions? walk = null) =>
        FileWalk.Files(folder, f => (RadiographLoader.IsDicom(f) || Path.GetExtension(f).Length == 0)
            && !Path.GetFileName(f).StartsWith('.'), walk);

    public static ConversionReport Run(DicomConvertOptions options, Action<ConversionProgress>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var search = FindInputs(options.InputFolder);
        var inputs = search.Files;
        var pseudonymizer = new Pseudonymizer(options.Salt);
        Directory.CreateDirectory(Path.Combine(options.OutputFolder, ImagesFolder));
        PngOutput.RemoveStaleTemporaries(Path.Combine(options.OutputFolder, ImagesFolder));
        var results = new ConversionResult[inputs.Count];
        var manifestRows = new ManifestRow?[inputs.Count];
        var metadataRows = new DicomMetadataRow?[inputs.Count];
        var done = 0;
        var gate = new object();
        Parallel.For(0, inputs.Count, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancel }, i =>
        {
            var relative = Path.GetRelativePath(options.InputFolder, inputs[i]).Replace('\\', '/');
            ConversionResult result;
            try
            {
                (result, manifestRows[i], metadataRows[i]) = ConvertOne(inputs[i], relative, options, pseudonymizer);
            }
            catch (HipFxDataException ex)
            {
                result = ConversionResult.Failure(relative, ex.Location is null ? ex.Problem : $"{ex.Location}: {ex.Problem}");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or SixLabors.ImageSharp.ImageFormatException)
            {
                result = ConversionResult.Failure(relative, $"{ex.GetType().Name}: {ex.Message}");
            }
            results[i] = result;
            lock (gate)
            {
                done++;
                progress?.Invoke(new ConversionProgress(done, inputs.Count, result));
            }
        });

        var manifestPath = Path.Combine(options.OutputFolder, ManifestFile);
        var metadataPath = Path.Combine(options.OutputFolder, MetadataFile);
        ManifestWriter.Write(manifestRows.OfType<ManifestRow>().OrderBy(r => r.ImageId, StringComparer.Ordinal).ToList(), manifestPath);
        DicomMetadataWriter.Write(metadataRows.OfType<DicomMetadataRow>().OrderBy(r => r.ImageId, StringComparer.Ordinal), metadataPath);
        var skipped = search.Skipped.Select(s => ConversionResult.Failure(
            Path.GetRelativePath(options.InputFolder, s.Path).Replace('\\', '/'), $"not read: {s.Reason}"));
        return new ConversionReport([.. results, .. skipped], manifestPath, metadataPath, clock.Elapsed);
    }

    private static (ConversionResult, ManifestRow, DicomMetadataRow) ConvertOne(string path, string relative, DicomConvertOptions options, Pseudonymizer pseudonymizer)
    {
        var imageId = pseudonymizer.Image(relative);
        var imagePath = $"{ImagesFolder}/{imageId}.png";
        var pngPath = Path.Combine(options.OutputFolder, ImagesFolder, imageId + ".png");
        var dicom = DicomReader.Read(path, options.Reader);
        var image = dicom.Image;
        var d = image.Description;
        if (options.Frame >= image.FrameCount)
        {
            throw new HipFxDataException($"--frame {options.Frame} asked, the file has {image.FrameCount} frame(s)", path);
        }

        var outcome = ConversionOutcome.AlreadyDone;
        string rendering;
        if (!options.Overwrite && File.Exists(pngPath))
        {
            rendering = Rendering(d, options, voi: null, resumed: true);
        }
        else
        {
            var frame = image.ReadFrame(options.Frame);
            rendering = Render(frame, image, options, pngPath);
            outcome = ConversionOutcome.Converted;
        }
        var (outWidth, outHeight) = PngOutput.Fit(d.Columns, d.Rows, options.MaxSize);
        var facts = dicom.Facts;
        var manifestRow = new ManifestRow
        {
            ImageId = imageId,
            PatientId = pseudonymizer.Patient(facts.PatientId) ?? pseudonymizer.Pseudonym("patient", "no PatientID: " + relative)!,
            Institution = options.Institution ?? facts.InstitutionName ?? "unknown",
            ImagePath = imagePath,
            Sex = facts.Sex?.ToUpperInvariant() is "M" or "F" or "O" ? facts.Sex.ToUpperInvariant() : null,
            Age = facts.AgeYears is { } age and >= 0 and <= 130 ? Math.Min(age, options.MaxReportedAge) : null,
            StudyDate = options.IncludeStudyDate && DateOnly.TryParseExact(facts.StudyDate, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null,
            View = facts.ViewPosition,
            Laterality = facts.Laterality?.ToUpperInvariant() switch
            {
                "L" => "left",
                "R" => "right",
                "B" => "bilateral",
                _ => null,
            },
        };
        var scale = (double)outWidth / d.Columns;
        var metadata = new DicomMetadataRow
        {
            ImageId = imageId,
            StudyUidHash = pseudonymizer.Study(facts.StudyInstanceUid),
            Modality = facts.Modality,
            Manufacturer = facts.Manufacturer,
            BodyPart = facts.BodyPartExamined,
            PixelSpacing = facts.PixelSpacing is { } s ? Spacing(s.Row, s.Column) : null,
            OutputPixelSpacing = facts.PixelSpacing is { } o ? Spacing(o.Row / scale, o.Column / scale) : null,
            BurnedInAnnotation = facts.BurnedInAnnotation switch { true => "YES", false => "NO", null => null },
            Photometric = d.PhotometricText,
            BitsStored = d.BitsStored,
            SourceWidth = d.Columns,
            SourceHeight = d.Rows,
            OutputWidth = outWidth,
            OutputHeight = outHeight,
            Rendering = rendering,
            TransferSyntax = dicom.TransferSyntax.Uid,
        };
        return (new ConversionResult(relative, outcome, imageId, null, facts.BurnedInAnnotation == true), manifestRow, metadata);
    }

    private static string Render(PixelFrame frame, DicomImage image, DicomConvertOptions options, string pngPath)
    {
        var d = image.Description;
        if (!frame.Photometric.IsMonochrome())
        {
            if (d.Photometric == PhotometricInterpretation.PaletteColor)
            {
                throw new HipFxDataException("PALETTE COLOR images are not supported by convert", null, DicomTag.PhotometricInterpretation.ToString());
            }
            PngOutput.WriteRgb8(pngPath, DisplayRenderer.ToRgb8(frame, d), frame.Width, frame.Height, options.MaxSize, options.PngCompressionLevel);
            return "rgb8";
        }
        var modality = image.ModalityLut;
        if (options.Window is null)
        {
            PngOutput.WriteGray16(pngPath, DisplayRenderer.ToGray16(frame, d, modality), frame.Width, frame.Height, options.MaxSize, options.PngCompressionLevel);
            return Rendering(d, options, null, resumed: false);
        }
        var voi = image.VoiLut();
        PngOutput.WriteGray8(pngPath, DisplayRenderer.ToGray8(frame, modality, voi, options.Window), frame.Width, frame.Height, options.MaxSize, options.PngCompressionLevel);
        return Rendering(d, options, voi, resumed: false);
    }

    private static string Rendering(PixelDescription d, DicomConvertOptions options, VoiLut? voi, bool resumed)
    {
        if (!d.IsMonochrome)
        {
            return "rgb8";
        }
        var inverted = d.Photometric == PhotometricInterpretation.Monochrome1 ? " inverted" : "";
        return options.Window switch
        {
            null => "gray16" + inverted,
            WindowChoice.Explicit e => FormattableString.Invariant($"gray8 C={e.Center} W={e.Width}{inverted}"),
            WindowChoice.Auto when resumed => "gray8 auto" + inverted,
            WindowChoice.Auto when voi is not null => $"gray8 {voi}{inverted}",
            _ => "gray8 min-max" + inverted,
        };
    }

    private static string Spacing(double row, double column) =>
        FormattableString.Invariant($"{row:0.######}\\{column:0.######}");
}
