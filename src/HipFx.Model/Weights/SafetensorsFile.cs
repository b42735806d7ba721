using System.Buffers.Binary;
using System.Text.Json;
using HipFx.Core;
using HipFx.Core.Weights;
using static TorchSharp.torch;
using HipFx.Core.IO;

namespace HipFx.Model.Weights;

/// <summary>
/// Minimal reader/writer of the safetensors layout (u64 little-endian header length, JSON header with
/// <c>__metadata__</c> (string → string) and {dtype, shape, data_offsets} per tensor, padded with spaces to a multiple
/// of 8, then the raw little-endian data). Our own, because the model checkpoint needs the metadata block. The header
/// is read by <see cref="SafetensorsHeader"/> (HipFx.Core, tensor-free), which checks every entry against the file
/// before any tensor is made.
/// </summary>
public static class SafetensorsFile
{
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
                json.WriteStartObject(SafetensorsHeader.MetadataKey);
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
        var header = SafetensorsHeader.Read(file, path);
        var dtypes = header.Entries.Select(e => ParseDType(e.DType, path, e.Key)).ToList();
        var tensors = new List<KeyValuePair<string, Tensor>>(header.Entries.Count);
        try
        {
            for (int i = 0; i < header.Entries.Count; i++)
            {
                var e = header.Entries[i];
                var t = empty(e.Shape, dtype: dtypes[i]);
                long length = e.End - e.Begin;
                if (length > 0)
                {
                    file.Position = header.DataStart + e.Begin;
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
        return (header.Metadata, tensors);
    }

    /// <summary>Reads only the metadata block.</summary>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) => SafetensorsHeader.Read(path).Metadata;

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
}
