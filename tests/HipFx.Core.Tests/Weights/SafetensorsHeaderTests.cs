using System.Buffers.Binary;
using System.Text;
using HipFx.Core.Weights;
using HipFx.Tests;

namespace HipFx.Core.Tests.Weights;

public sealed class SafetensorsHeaderTests
{
    /// <summary>A safetensors file by hand: header JSON padded to 8 bytes, then <paramref name="dataBytes"/> zero bytes.</summary>
    private static void Write(string path, string json, int dataBytes)
    {
        var header = Encoding.UTF8.GetBytes(json).ToList();
        while (header.Count % 8 != 0)
        {
            header.Add((byte)' ');
        }
        var bytes = new byte[8 + header.Count + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Count);
        header.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void Reads_metadata_in_file_order_and_the_entries()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("a.safetensors");
        Write(path, """{"__metadata__":{"z":"1","a":"2"},"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"BF16","shape":[4],"data_offsets":[24,32]}}""", 32);
        var header = SafetensorsHeader.Read(path);
        Assert.Equal(["z", "a"], header.Metadata.Keys);
        Assert.Equal(["w", "b"], header.Entries.Select(e => e.Key));
        Assert.Equal("BF16", header.Entries[1].DType);
        Assert.Equal([2L, 3L], header.Entries[0].Shape);
        Assert.Equal(new FileInfo(path).Length - 32, header.DataStart);
    }

    [Theory]
    [InlineData("""{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}""", 16, "w")] // data cut short
    [InlineData("""{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}}""", 24, "w")] // offsets do not match the shape
    [InlineData("""{"w":{"dtype":"Q4","shape":[1],"data_offsets":[0,1]}}""", 1, "w")] // unknown dtype
    [InlineData("""{"w":{"dtype":"F32","shape":[1]}}""", 4, "header")] // no offsets
    public void A_bad_header_names_the_file_and_where(string json, int dataBytes, string location)
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("bad.safetensors");
        Write(path, json, dataBytes);
        var e = Assert.Throws<HipFxDataException>(() => SafetensorsHeader.Read(path));
        Assert.Equal(path, e.FilePath);
        Assert.Equal(location, e.Location);
    }

    [Fact]
    public void A_header_length_past_the_end_is_refused()
    {
        using var temp = RepoPaths.NewTempFolder();
        string path = temp.File("short.safetensors");
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1000);
        File.WriteAllBytes(path, bytes);
        Assert.Equal("header", Assert.Throws<HipFxDataException>(() => SafetensorsHeader.Read(path)).Location);
        Assert.Throws<HipFxDataException>(() => SafetensorsHeader.Read(temp.File("missing.safetensors")));
    }
}
