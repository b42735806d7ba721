using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using HipFx.Core;

namespace HipFx.Data.Voc;

/// <summary>
/// Reads LabelImg / Pascal VOC XML into a <see cref="VocAnnotation"/>. The XML parser is locked down: DTDs are
/// prohibited (no entity expansion, so no billion-laughs or XXE), no resolver (no external fetches) and a size
/// limit. Every problem (malformed XML, a missing or non-numeric element) is a <see cref="HipFxDataException"/>
/// naming the file and the element. Unknown elements (<c>occluded</c>, <c>owner</c>...) are ignored.
/// Class names are kept as written: map them with a <see cref="ClassMap"/>.
/// </summary>
public static class VocReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static VocAnnotation Read(string path, VocReadOptions? options = null)
    {
        options ??= VocReadOptions.Default;
        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HipFxDataException($"cannot open VOC annotation: {e.Message}", path, inner: e);
        }
        using (stream)
        {
            return Read(stream, path, options);
        }
    }

    /// <summary>Reads from <paramref name="stream"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static VocAnnotation Read(Stream stream, string sourceName, VocReadOptions? options = null)
    {
        options ??= VocReadOptions.Default;
        var document = Load(stream, sourceName, options);
        return new Parser(sourceName, options).Annotation(document.Root!);
    }

    /// <summary>Reads from XML text; <paramref name="sourceName"/> names it in errors.</summary>
    public static VocAnnotation Parse(string xml, string sourceName, VocReadOptions? options = null)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml));
        return Read(stream, sourceName, options);
    }

    /// <summary>The hardened reader settings used for every VOC file.</summary>
    public static XmlReaderSettings SecureSettings(long maxCharacters) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = maxCharacters,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };

    private static XDocument Load(Stream stream, string sourceName, VocReadOptions options)
    {
        try
        {
            using var reader = XmlReader.Create(stream, SecureSettings(options.MaxCharacters));
            return XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new HipFxDataException(
                "XML with a DTD (<!DOCTYPE>) is refused: entity declarations are not allowed in VOC annotations",
                sourceName, $"line {e.LineNumber}", e);
        }
        catch (XmlException e) when (e.Message.Contains("MaxCharactersInDocument", StringComparison.Ordinal))
        {
            throw new HipFxDataException(
                $"malformed XML: the document is longer than the limit of {options.MaxCharacters} characters (VocReadOptions.MaxCharacters)",
                sourceName, $"line {e.LineNumber}", e);
        }
        catch (XmlException e)
        {
            throw new HipFxDataException($"malformed XML: {e.Message}", sourceName, $"line {e.LineNumber}", e);
        }
    }

    private sealed class Parser(string source, VocReadOptions options)
    {
        public VocAnnotation Annotation(XElement root)
        {
            if (root.Name.LocalName != "annotation")
            {
                throw Error(root, $"root element is <{root.Name.LocalName}>, expected <annotation>");
            }
            var size = Required(root, "size");
            var objects = new List<VocObject>();
            int index = 0;
            foreach (var element in root.Elements("object"))
            {
                objects.Add(Object(element, index++));
            }
            var verified = root.Attribute("verified")?.Value;
            return new VocAnnotation
            {
                Filename = Required(root, "filename").Value.Trim(),
                Width = Dimension(Required(size, "width"), "size/width"),
                Height = Dimension(Required(size, "height"), "size/height"),
                Depth = OptionalInt(size.Element("depth"), "size/depth"),
                Verified = verified is not null && verified.Trim().Equals("yes", StringComparison.OrdinalIgnoreCase),
                Folder = root.Element("folder")?.Value,
                Path = root.Element("path")?.Value,
                Database = root.Element("source")?.Element("database")?.Value ?? "Unknown",
                Segmented = OptionalInt(root.Element("segmented"), "segmented") ?? 0,
                Objects = objects,
            };
        }

        private VocObject Object(XElement element, int index)
        {
            string where = $"object[{index}]";
            string name = Required(element, "name", where).Value.Trim();
            if (name.Length == 0)
            {
                throw Error(element, $"{where}/name is empty");
            }
            var bndbox = Required(element, "bndbox", where);
            var raw = new Box(
                Coordinate(bndbox, "xmin", where),
                Coordinate(bndbox, "ymin", where),
                Coordinate(bndbox, "xmax", where),
                Coordinate(bndbox, "ymax", where));
            return new VocObject(
                name,
                options.Convention.ToBox(raw),
                Flag(element.Element("difficult"), $"{where}/difficult"),
                Flag(element.Element("truncated"), $"{where}/truncated"),
                element.Element("pose")?.Value ?? "Unspecified");
        }

        private XElement Required(XElement parent, string name, string? where = null) =>
            parent.Element(name) ?? throw Error(parent,
                $"missing <{name}> in {(where is null ? $"<{parent.Name.LocalName}>" : where)}");

        private double Coordinate(XElement bndbox, string name, string where)
        {
            var element = Required(bndbox, name, $"{where}/bndbox");
            string text = element.Value.Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw Error(element, $"{where}/bndbox/{name} is '{text}', expected a number");
            }
            return value;
        }

        private int Dimension(XElement element, string where)
        {
            int? value = OptionalInt(element, where);
            return value is > 0 ? value.Value : throw Error(element, $"{where} is '{element.Value.Trim()}', expected a positive integer");
        }

        private int? OptionalInt(XElement? element, string where)
        {
            if (element is null || element.Value.Trim().Length == 0)
            {
                return null;
            }
            string text = element.Value.Trim();
            // Some exporters write "486.0"; accept a whole number written as a float, nothing else.
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                && value == Math.Floor(value) && Math.Abs(value) <= int.MaxValue)
            {
                return (int)value;
            }
            throw Error(element, $"{where} is '{text}', expected an integer");
        }

        private bool Flag(XElement? element, string where)
        {
            if (element is null)
            {
                return false;
            }
            return element.Value.Trim().ToLowerInvariant() switch
            {
                "" or "0" or "false" => false,
                "1" or "true" => true,
                var text => throw Error(element, $"{where} is '{text}', expected 0 or 1"),
            };
        }

        private HipFxDataException Error(XObject at, string message)
        {
            string location = at is IXmlLineInfo info && info.HasLineInfo() ? $"line {info.LineNumber}" : "xml";
            return new HipFxDataException(message, source, location);
        }
    }
}
