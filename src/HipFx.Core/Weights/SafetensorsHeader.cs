using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace HipFx.Core.Weights;

/// <summary>One tensor's entry in a safetensors header: its safetensors dtype name (F32, BF16, I64…), shape and byte range in the data section.</summary>
public sealed record SafetensorsEntry(string Key, string DType, long[] Shape, long Begin, long End);

/// <summary>
/// The header of a safetensors file, read without the tensors (so without TorchSharp): u64 little-endian header length,
/// JSON with <c>__metadata__</c> (string → string, in file order) and {dtype, shape, data_offsets} per tensor, padded
/// with spaces to a multiple of 8. Every entry is checked against the file (known dtype, offsets inside the data section
/// and matching the shape). The one header reader: the model's checkpoint reader and the report both use it.
/// </summary>
public sealed record SafetensorsHeader(IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<SafetensorsEntry> Entries, long DataStart)
{
    /// <summary>The key of the metadata block.</summary>
    public const string MetadataKey = "__metadata__";

    /// <summary>Largest header accepted, in bytes: 100 MiB.</summary>
    public const long MaxHeaderBytes = 100L << 20;

    /// <summary>Bytes per element of a safetensors dtype name; null when the name is not one.</summary>
    public static long? ElementSize(string? dtype) => dtype switch
    {
        "F64" or "I64" or "U64" => 8,
        "F32" or "I32" or "U32" => 4,
        "F16" or "BF16" or "I16" or "U16" => 2,
        "I8" or "U8" or "BOOL" or "F8_E4M3" or "F8_E5M2" => 1,
        _ => null,
    };

    /// <summary>Reads the header of <paramref name="path"/>; a missing file or a bad header throws <see cref="HipFxDataException"/> naming the file.</summary>
    public static SafetensorsHeader Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new HipFxDataException("file not found", path);
        }
        using var file = File.OpenRead(path);
        return Read(file, path);
    }

    /// <summary>Reads the header from the start of <paramref name="file"/> (left positioned at the data section).</summary>
    public static SafetensorsHeader Read(FileStream file, string path)
    {
        Span<byte> len = stackalloc byte[8];
        if (file.Length < 8 || file.Read(len) != 8)
        {
            throw new HipFxDataException("too short for a safetensors file (no 8-byte header length)", path);
        }
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(len);
        if (headerLength > (ulong)Math.Min(MaxHeaderBytes, file.Length - 8))
        {
            throw new HipFxDataException($"header length {headerLength} exceeds the file ({file.Length} bytes)", path, "header");
        }
        var header = new byte[headerLength];
        file.ReadExactly(header);
        long dataStart = 8 + (long)headerLength;
        long dataLength = file.Length - dataStart;

        var metadata = new Dictionary<string, string>();
        var entries = new List<SafetensorsEntry>();
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(header).TrimEnd(' '));
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == MetadataKey)
                {
                    foreach (var m in prop.Value.EnumerateObject())
                    {
                        metadata[m.Name] = m.Value.GetString() ?? "";
                    }
                    continue;
                }
                string? dtype = prop.Value.GetProperty("dtype").GetString();
                long elementSize = ElementSize(dtype) ?? throw new HipFxDataException($"tensor '{prop.Name}': unsupported dtype '{dtype}'", path, prop.Name);
                var shape = prop.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var offsets = prop.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                long expected = shape.Aggregate(1L, (a, b) => a * b) * elementSize;
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength
                    || offsets[1] - offsets[0] != expected || shape.Any(d => d < 0))
                {
                    throw new HipFxDataException(
                        $"tensor '{prop.Name}' has offsets [{string.Join(", ", offsets)}] for shape [{string.Join(", ", shape)}] "
                        + $"({expected} bytes); the data section has {dataLength} bytes", path, prop.Name);
                }
                entries.Add(new SafetensorsEntry(prop.Name, dtype!, shape, offsets[0], offsets[1]));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new HipFxDataException($"the safetensors header is not valid JSON of the expected shape: {e.Message}", path, "header", e);
        }
        return new SafetensorsHeader(metadata, entries, dataStart);
    }
}
