using System.Globalization;
using System.Text;
using System.Xml;
using HipFx.Core;
using HipFx.Core.IO;

namespace HipFx.Data.Voc;

/// <summary>
/// Writes a <see cref="VocAnnotation"/> the way LabelImg's <c>PascalVocWriter</c> does: no XML declaration,
/// tab indentation, LF line ends, a final newline, and the fields in LabelImg's order
/// (folder, filename, path, source/database, size/width/height/depth, segmented, then per object name, pose,
/// truncated, difficult, bndbox/xmin/ymin/xmax/ymax). <c>verified="yes"</c> is written only when set;
/// <c>&lt;folder&gt;</c> and <c>&lt;path&gt;</c> only when present. Coordinates are written as integers when whole
/// (LabelImg always writes integers; see <see cref="VocConventions.ToWholePixels"/>) and exactly otherwise, so
/// <see cref="VocReader"/> reads back an equal annotation. The file is written to a temporary name and moved into
/// place, so a crash never leaves half a file.
/// </summary>
public static class VocWriter
{
    /// <summary>Writes <paramref name="annotation"/> to <paramref name="path"/> in the given convention.</summary>
    public static void Write(VocAnnotation annotation, string path,
        VocCoordinateConvention convention = VocCoordinateConvention.LabelImgEdge)
    {
        AtomicFile.WriteAllText(path, ToXml(annotation, convention));
    }

    /// <summary>The XML text LabelImg would write for <paramref name="annotation"/>.</summary>
    public static string ToXml(VocAnnotation annotation,
        VocCoordinateConvention convention = VocCoordinateConvention.LabelImgEdge)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = "\t",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartElement("annotation");
            if (annotation.Verified)
            {
                xml.WriteAttributeString("verified", "yes");
            }
            if (annotation.Folder is not null)
            {
                Element(xml, "folder", annotation.Folder);
            }
            Element(xml, "filename", annotation.Filename);
            if (annotation.Path is not null)
            {
                Element(xml, "path", annotation.Path);
            }
            xml.WriteStartElement("source");
            Element(xml, "database", annotation.Database);
            xml.WriteEndElement();
            xml.WriteStartElement("size");
            Element(xml, "width", Int(annotation.Width));
            Element(xml, "height", Int(annotation.Height));
            Element(xml, "depth", annotation.Depth is { } depth ? Int(depth) : "");
            xml.WriteEndElement();
            Element(xml, "segmented", Int(annotation.Segmented));
            foreach (var item in annotation.Objects)
            {
                WriteObject(xml, item, convention);
            }
            xml.WriteEndElement();
        }
        return text.Append('\n').ToString();
    }

    private static void WriteObject(XmlWriter xml, VocObject item, VocCoordinateConvention convention)
    {
        Box raw = convention.FromBox(item.Box);
        xml.WriteStartElement("object");
        Element(xml, "name", item.Name);
        Element(xml, "pose", item.Pose);
        Element(xml, "truncated", item.Truncated ? "1" : "0");
        Element(xml, "difficult", item.Difficult ? "1" : "0");
        xml.WriteStartElement("bndbox");
        Element(xml, "xmin", Number(raw.X1));
        Element(xml, "ymin", Number(raw.Y1));
        Element(xml, "xmax", Number(raw.X2));
        Element(xml, "ymax", Number(raw.Y2));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static void Element(XmlWriter xml, string name, string value)
    {
        xml.WriteStartElement(name);
        xml.WriteString(value);
        xml.WriteFullEndElement();
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"box coordinate {value} is not finite", nameof(value));
        }
        return value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }
}
