using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using HipFx.Core;
using HipFx.Data.Files;

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
            // Only a regular file is opened (a FIFO named *.xml would block forever).
            stream = InputFile.OpenRead(path, what: "VOC annotation");
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
            if (!stream.CanSeek)
            {
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                copy.Position = 0;
                stream = copy;
            }
            long start = stream.Position;
            CheckDepth(stream, sourceName, options);
            stream.Position = start;
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

    /// <summary>A first streaming pass that refuses nesting deeper than <see cref="VocReadOptions.MaxDepth"/>
    /// before any tree is built (a 100,000-deep file took 24 s to load).</summary>
    private static void CheckDepth(Stream stream, string sourceName, VocReadOptions options)
    {
        using var reader = XmlReader.Create(stream, SecureSettings(options.MaxCharacters));
        while (reader.Read())
        {
            if (reader.Depth > options.MaxDepth)
            {
                int line = reader is IXmlLineInfo info ? info.LineNumber : 0;
                throw new HipFxDataException(
                    $"XML nested deeper than {options.MaxDepth} elements (VocReadOptions.MaxDepth); a VOC annotation is 4 deep",
                    sourceName, $"line {line}");
            }
        }
    }

    private sealed class Parser(string source, VocReadOptions options)
    {
        public VocAnnotation Annotation(XElement root)
        {
            if (root.Name.LocalName != "annotation")
            {
                throw Error(root, $"root element is <{Echo.Text(root.Name.LocalName, 40)}>, expected <annotation>");
            }
            var size = Required(root, "size");
            foreach (var single in new[] { "filename", "size", "folder", "path", "segmented" })
            {
                NotRepeated(root, single, "<annotation>");
            }
            foreach (var single in new[] { "width", "height", "depth" })
            {
                NotRepeated(size, single, "<size>");
            }
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
            foreach (var single in new[] { "name", "bndbox", "difficult", "truncated", "pose" })
            {
                NotRepeated(element, single, where);
            }
            string name = Required(element, "name", where).Value.Trim();
            if (name.Length == 0)
            {
                throw Error(element, $"{where}/name is empty");
            }
            if (name.Length > options.MaxNameLength)
            {
                throw Error(element, $"{where}/name is {name.Length} characters long ('{Echo.Text(name, 40)}'), over the limit of {options.MaxNameLength}");
            }
            var bndbox = Required(element, "bndbox", where);
            foreach (var single in new[] { "xmin", "ymin", "xmax", "ymax" })
            {
                NotRepeated(bndbox, single, $"{where}/bndbox");
            }
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

        /// <summary>An element that may appear once: a second one (a duplicate &lt;xmin&gt;, a second &lt;bndbox&gt;)
        /// is an error rather than silently dropped.</summary>
        private void NotRepeated(XElement parent, string name, string where)
        {
            var all = parent.Elements(name).Take(3).ToList();
            if (all.Count > 1)
            {
                throw Error(all[1], $"{where} has more than one <{name}>; the second would be silently dropped");
            }
        }

        private double Coordinate(XElement bndbox, string name, string where)
        {
            var element = Required(bndbox, name, $"{where}/bndbox");
            string text = element.Value.Trim();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw Error(element, $"{where}/bndbox/{name} is '{Echo.Text(text, 40)}', expected a number");
            }
            return value;
        }

        private int Dimension(XElement element, string where)
        {
            int? value = OptionalInt(element, where);
            return value is > 0 ? value.Value : throw Error(element, $"{where} is '{Echo.Text(element.Value.Trim(), 40)}', expected a positive integer");
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
            throw Error(element, $"{where} is '{Echo.Text(text, 40)}', expected an integer");
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
                var text => throw Error(element, $"{where} is '{Echo.Text(text, 40)}', expected 0 or 1"),
            };
        }

        private HipFxDataException Error(XObject at, string message)
        {
            string location = at is IXmlLineInfo info && info.HasLineInfo() ? $"line {info.LineNumber}" : "xml";
            return new HipFxDataException(message, source, location);
        }
    }
}
