using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using HipFx.Core.IO;

namespace HipFx.Data.Dicom.Conversion;

/// <summary>Writes <c>dicom_metadata.csv</c> (snake_case columns, UTF-8, LF), via a temporary file.</summary>
public static class DicomMetadataWriter
{
    public static readonly string[] Columns =
    [
        "image_id", "study_uid_hash", "modality", "manufacturer", "body_part", "pixel_spacing", "output_pixel_spacing",
        "burned_in_annotation", "photometric", "bits_stored", "source_width", "source_height", "output_width", "output_height",
        "rendering", "transfer_syntax",
    ];

    public static void Write(IEnumerable<DicomMetadataRow> rows, string path)
    {
        AtomicFile.WriteText(path, writer =>
        {
            writer.NewLine = "\n";
            using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }, leaveOpen: true);
            foreach (var column in Columns)
            {
                csv.WriteField(column);
            }
            csv.NextRecord();
            foreach (var r in rows)
            {
                object?[] cells =
                [
                    r.ImageId, r.StudyUidHash, r.Modality, r.Manufacturer, r.BodyPart, r.PixelSpacing, r.OutputPixelSpacing,
                    r.BurnedInAnnotation, r.Photometric, r.BitsStored, r.SourceWidth, r.SourceHeight, r.OutputWidth, r.OutputHeight,
                    r.Rendering, r.TransferSyntax,
                ];
                foreach (var cell in cells)
                {
                    csv.WriteField(cell switch
                    {
                        null => "",
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var o => o.ToString(),
                    });
                }
                csv.NextRecord();
            }
        });
    }
}
