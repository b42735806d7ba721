using System.Text;
using System.Text.RegularExpressions;

namespace HipFx.Cli.Tests.Fuzz;

/// <summary>Seeded mutations of bytes and text: what a damaged export or a hostile hand-written file holds.</summary>
internal sealed partial class Mutator(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>Numbers a hostile file puts where a number goes.</summary>
    public static readonly string[] HostileNumbers =
        ["0", "-1", "1e309", "-1e309", "NaN", "1e308", "-0", "99999999999999999999", "2147483648", "65535", "65536",
         "0.5", "Infinity", "1e-320", "", "abc", "0x10"];

    public int Next(int max) => random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>1 to 3 byte-level damages: flips, truncation, inserted or zeroed runs, extreme 16/32-bit values.</summary>
    public byte[] Bytes(byte[] source)
    {
        var bytes = new List<byte>(source);
        int ops = 1 + random.Next(3);
        for (int op = 0; op < ops && bytes.Count > 0; op++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    for (int i = 0, n = 1 + random.Next(16); i < n; i++)
                    {
                        bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                    }
                    break;
                case 1:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 2:
                    var junk = new byte[1 + random.Next(64)];
                    random.NextBytes(junk);
                    bytes.InsertRange(at, junk);
                    break;
                case 3:
                    for (int i = at; i < Math.Min(bytes.Count, at + 1 + random.Next(256)); i++)
                    {
                        bytes[i] = 0;
                    }
                    break;
                case 4:
                    byte[] extreme = Pick<byte[]>([[0xFF, 0xFF], [0, 0], [0xFF, 0xFF, 0xFF, 0xFF], [0xFF, 0xFF, 0xFF, 0x7F], [1, 0], [0, 0x80]]);
                    for (int i = 0; i < extreme.Length && at + i < bytes.Count; i++)
                    {
                        bytes[at + i] = extreme[i];
                    }
                    break;
                case 5:
                    int length = Math.Min(bytes.Count - at, 1 + random.Next(512));
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                default:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(64)));
                    break;
            }
        }
        return [.. bytes];
    }

    /// <summary>A DICOM file with one image attribute (Rows, Columns, Bits, Samples, Frames...) or an element length
    /// set to an extreme value; falls back to byte damage when the tag is not found.</summary>
    public byte[] DicomHeader(byte[] source)
    {
        (byte G0, byte G1, byte E0, byte E1)[] tags =
        [
            (0x28, 0, 0x10, 0), (0x28, 0, 0x11, 0), (0x28, 0, 0x00, 1), (0x28, 0, 0x01, 1), (0x28, 0, 0x02, 1),
            (0x28, 0, 0x02, 0), (0x28, 0, 0x03, 1), (0xE0, 0x7F, 0x10, 0), (0x02, 0, 0x10, 0),
        ];
        var tag = Pick(tags);
        var bytes = (byte[])source.Clone();
        int at = IndexOf(bytes, [tag.G0, tag.G1, tag.E0, tag.E1]);
        if (at < 0)
        {
            return Bytes(source);
        }
        ushort value = Pick<ushort>([0, 1, 3, 7, 17, 33, 255, 512, 4096, 32768, 65535]);
        bool explicitVr = at + 6 < bytes.Length && char.IsAsciiLetterUpper((char)bytes[at + 4]) && char.IsAsciiLetterUpper((char)bytes[at + 5]);
        if (random.Next(4) == 0 && at + 8 <= bytes.Length)
        {
            // the element's length field instead of its value
            int lengthAt = explicitVr ? at + 6 : at + 4;
            bytes[lengthAt] = (byte)value;
            bytes[lengthAt + 1] = (byte)(value >> 8);
            return bytes;
        }
        int valueAt = at + 8; // US value: after tag, VR and 2-byte length (explicit) or tag and 4-byte length (implicit)
        if (valueAt + 2 <= bytes.Length)
        {
            bytes[valueAt] = (byte)value;
            bytes[valueAt + 1] = (byte)(value >> 8);
        }
        return bytes;
    }

    /// <summary>Adds or replaces NumberOfFrames with an extreme value by byte patching (IS, even length).</summary>
    public byte[] DicomFrames(byte[] source)
    {
        int at = IndexOf(source, [0x28, 0, 0x10, 0, (byte)'U', (byte)'S']);
        if (at < 0)
        {
            return Bytes(source);
        }
        string frames = Pick(["65535 ", "0 ", "-1", "2 ", "1e309 ", "NaN "]);
        var element = new List<byte> { 0x28, 0, 0x08, 0, (byte)'I', (byte)'S', (byte)frames.Length, 0 };
        element.AddRange(Encoding.ASCII.GetBytes(frames));
        return [.. source[..at], .. element, .. source[at..]];
    }

    /// <summary>1 to 3 text-level damages: hostile numbers, repeated or dropped lines and elements, NUL and control
    /// characters, a huge token, truncation.</summary>
    public string Text(string source)
    {
        string text = source;
        int ops = 1 + random.Next(3);
        for (int op = 0; op < ops; op++)
        {
            switch (random.Next(9))
            {
                case 0:
                case 1:
                    text = ReplaceOne(text, NumberPattern(), _ => Pick(HostileNumbers));
                    break;
                case 2:
                    text = DuplicateLine(text);
                    break;
                case 3:
                    text = ReplaceOne(text, XmlElementPattern(), m => m.Value + m.Value);
                    break;
                case 4:
                    text = ReplaceOne(text, JsonPairPattern(), m => m.Value + ", " + m.Value);
                    break;
                case 5:
                    text = text.Insert(random.Next(text.Length + 1), Pick(["\0", "\u001b[31m", "\r", "\uFFFD", "\"", ",", "\n", "<", "&", "\\"]));
                    break;
                case 6:
                    text = text.Insert(random.Next(text.Length + 1), new string('A', Pick([300, 70_000, 1_000_000])));
                    break;
                case 7:
                    text = text[..random.Next(text.Length + 1)];
                    break;
                default:
                    var lines = text.Split('\n').ToList();
                    if (lines.Count > 2)
                    {
                        lines.RemoveAt(1 + random.Next(lines.Count - 1));
                    }
                    text = string.Join('\n', lines);
                    break;
            }
        }
        return text;
    }

    private string DuplicateLine(string text)
    {
        var lines = text.Split('\n').ToList();
        int i = random.Next(lines.Count);
        lines.Insert(i, lines[i]);
        return string.Join('\n', lines);
    }

    private string ReplaceOne(string text, Regex pattern, Func<Match, string> replace)
    {
        var matches = pattern.Matches(text);
        if (matches.Count == 0)
        {
            return text;
        }
        var m = matches[random.Next(matches.Count)];
        return text[..m.Index] + replace(m) + text[(m.Index + m.Length)..];
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    [GeneratedRegex(@"-?\d+(\.\d+)?([eE][-+]?\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"<(\w+)>[^<>]*</\1>")]
    private static partial Regex XmlElementPattern();

    [GeneratedRegex(@"""\w+""\s*:\s*(""[^""]*""|[-\d.eE+]+)")]
    private static partial Regex JsonPairPattern();
}
