using System.IO.MemoryMappedFiles;

namespace HipFx.Data.Cache;

/// <summary>A read-only memory map of the cache's tile file: tile i is <c>TileBytes</c> bytes at offset i × TileBytes.</summary>
internal sealed unsafe class MappedTiles : IDisposable
{
    private readonly MemoryMappedFile file;
    private readonly MemoryMappedViewAccessor view;
    private readonly byte* start;
    private readonly long length;

    public MappedTiles(string path)
    {
        length = new FileInfo(path).Length;
        file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        start = pointer + view.PointerOffset;
    }

    public ReadOnlySpan<byte> Slice(long offset, int count)
    {
        if (offset < 0 || count < 0 || offset + count > length)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"tile bytes {offset}+{count} outside the cache file of {length} bytes");
        }
        return new ReadOnlySpan<byte>(start + offset, count);
    }

    public void Dispose()
    {
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
        file.Dispose();
    }
}
