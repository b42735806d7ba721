using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using HipFx.Core;
using static TorchSharp.torch;
using HipFx.Core.IO;

namespace HipFx.Model.Weights;

/// <summary>
/// Minimal reader/writer of the safetensors layout (u64 little-endian header length, JSON header with
/// <c>__metadata__</c> (string → string) and {dtype, shape, data_offsets} per tensor, padded with spaces to a multiple
/// of 8, then the raw little-endian data). Our own, because the model checkpoint needs the metadata block. Every
/// header value is checked against the file before any tensor is made.
/// </summary>
public static class SafetensorsFile
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100L << 20;

    public static void Write(string path, IEnumerable<KeyValuePair<string, Tensor>> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        var entries = new List<(string Key, Tensor Cpu, long Begin, long End)>();
        try
        {
            long offset = 0;
            foreach (var (key, t) in tensors)
            {
                var cpu = t.detach().cpu().contiguous();
                long length = cpu.numel() * cpu.ElementSize;
                entries.Add((key, cpu, offset, offset + length));
                offset += length;
            }
            using var headerStream = new MemoryStream();
            using (var json = new Utf8JsonWriter(headerStream))
            {
                json.WriteStartObject();
                json.WriteStartObject(MetadataKey);
                foreach (var (k, v) in metadata)
                {
                    json.WriteString(k, v);
                }
                json.WriteEndObject();
                foreach (var e in entries)
                {
                    json.WriteStartObject(e.Key);
                    json.WriteString("dtype", DTypeName(e.Cpu.dtype, e.Key));
                    json.WriteStartArray("shape");
                    foreach (var d in e.Cpu.shape)
                    {
                        json.WriteNumberValue(d);
                    }
                    json.WriteEndArray();
                    json.WriteStartArray("data_offsets");
                    json.WriteNumberValue(e.Begin);
                    json.WriteNumberValue(e.End);
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            var header = headerStream.ToArray().ToList();
            while (header.Count % 8 != 0)
            {
                header.Add((byte)' ');
            }
            AtomicFile.Write(path, file =>
            {
                Span<byte> len = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)header.Count);
                file.Write(len);
                file.Write(header.ToArray());
                foreach (var e in entries)
                {
                    if (e.End > e.Begin)
                    {
                        file.Write(e.Cpu.bytes);
                    }
                }
            });
        }
        finally
        {
            foreach (var e in entries)
            {
                e.Cpu.Dispose();
            }
        }
    }

    /// <summary>Reads the metadata block and the tensors (on the CPU, in file order).</summary>
    public static (IReadOnlyDictionary<string, string> Metadata, List<KeyValuePair<string, Tensor>> Tensors) Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new HipFxDataException("file not found", path);
        }
        using var file = File.OpenRead(path);
        var (metadata, entries, dataStart) = ReadHeader(file, path);
        var tensors = new List<KeyValuePair<string, Tensor>>(entries.Count);
        try
        {
            foreach (var e in entries)
            {
                var t = empty(e.Shape, dtype: e.DType);
                long length = e.End - e.Begin;
                if (length > 0)
                {
                    file.Position = dataStart + e.Begin;
                    file.ReadExactly(t.bytes);
                }
                tensors.Add(new(e.Key, t));
            }
        }
        catch
        {
            foreach (var t in tensors)
            {
                t.Value.Dispose();
            }
            throw;
        }
        return (metadata, tensors);
    }

    /// <summary>Reads only the metadata block.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path)
    {
        if (!File.Exists(path))
        {
            throw new HipFxDataException("file not found", path);
        }
        using var file = File.OpenRead(path);
        return ReadHeader(file, path).Metadata;
    }

    private sealed record Entry(string Key, ScalarType DType, long[] Shape, long Begin, long End);

    private static (Dictionary<string, string> Metadata, List<Entry> Entries, long DataStart) ReadHeader(FileStream file, string path)
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
        var entries = new List<Entry>();
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
                var dtype = ParseDType(prop.Value.GetProperty("dtype").GetString(), path, prop.Name);
                var shape = prop.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                var offsets = prop.Value.GetProperty("data_offsets").EnumerateArray().Select(d => d.GetInt64()).ToArray();
                long expected = shape.Aggregate(1L, (a, b) => a * b) * ElementSize(dtype);
                if (offsets.Length != 2 || offsets[0] < 0 || offsets[1] < offsets[0] || offsets[1] > dataLength
                    || offsets[1] - offsets[0] != expected || shape.Any(d => d < 0))
                {
                    throw new HipFxDataException(
                        $"tensor '{prop.Name}' has offsets [{string.Join(", ", offsets)}] for shape [{string.Join(", ", shape)}] "
                        + $"({expected} bytes); the data section has {dataLength} bytes", path, prop.Name);
                }
                entries.Add(new Entry(prop.Name, dtype, shape, offsets[0], offsets[1]));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new HipFxDataException($"the safetensors header is not valid JSON of the expected shape: {e.Message}", path, "header", e);
        }
        return (metadata, entries, dataStart);
    }

    private static string DTypeName(ScalarType dtype, string key) => dtype switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentException($"tensor '{key}': dtype {dtype} not supported in safetensors"),
    };

    private static ScalarType ParseDType(string? name, string path, string key) => name switch
    {
        "F32" => ScalarType.Float32,
        "F64" => ScalarType.Float64,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => throw new HipFxDataException($"tensor '{key}': unsupported dtype '{name}'", path, key),
    };

    private static long ElementSize(ScalarType dtype) => dtype switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.BFloat16 => 2,
        _ => 1,
    };
}
