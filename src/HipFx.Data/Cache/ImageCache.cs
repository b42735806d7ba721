using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using HipFx.Core;
using HipFx.Data.Images;

namespace HipFx.Data.Cache;

/// <summary>
/// The decode-once image cache: each image decoded, mapped by the <see cref="IntensityMapping"/> and stretched to
/// Size×Size gray bytes by <see cref="ModelInputImage"/> (the one host resize rule), stored in one memory-mapped file.
/// Entries are keyed by the file's content hash (XxHash128) inside a folder per (size, mapping), so a changed file
/// or a changed setting is decoded again and nothing stale is used. To avoid reading every file at each start, the
/// content hash of a path is remembered with the file's length and modification time and recomputed when either
/// changes. One process writes a cache folder at a time.
/// </summary>
public sealed class ImageCache : IDisposable
{
    private const string TilesFile = "tiles.bin";
    private const string IndexFile = "index.tsv";
    private const string FilesFile = "files.tsv";

    private readonly string folder;
    private readonly IntensityMapping mapping;
    private readonly ImageLoadOptions load;
    private readonly Dictionary<string, CacheEntry> entries;
    private readonly Dictionary<string, FileStamp> stamps;
    private MappedTiles? tiles;

    private ImageCache(string folder, int size, IntensityMapping mapping, ImageLoadOptions load)
    {
        this.folder = folder;
        this.mapping = mapping;
        this.load = load;
        Size = size;
        entries = ReadIndex(Path.Combine(folder, IndexFile));
        stamps = ReadStamps(Path.Combine(folder, FilesFile));
        int tileBytes = size * size;
        long tileLength = File.Exists(TilesPath) ? new FileInfo(TilesPath).Length : 0;
        // Entries whose tile never reached the file (an interrupted fill) are dropped and decoded again.
        foreach (var stale in entries.Where(e => (e.Value.Slot + 1L) * tileBytes > tileLength).Select(e => e.Key).ToList())
        {
            entries.Remove(stale);
        }
        SlotCount = entries.Count == 0 ? 0 : entries.Values.Max(e => e.Slot) + 1;
    }

    /// <summary>Side of the cached square planes.</summary>
    public int Size { get; }

    /// <summary>The folder of this (size, mapping) cache.</summary>
    public string Folder => folder;

    private int SlotCount { get; set; }

    private string TilesPath => Path.Combine(folder, TilesFile);

    /// <summary>Opens (creating when needed) the cache of <paramref name="size"/>² planes under <paramref name="root"/>.</summary>
    public static ImageCache Open(string root, int size, IntensityMapping mapping, ImageLoadOptions? load = null)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        if (size < 32 || size > 8192 || size % 32 != 0)
        {
            throw new HipFxConfigException($"input size must be a multiple of 32 in 32..8192, found {size}");
        }
        mapping.Validate();
        string key = $"gray {size} {mapping.Describe()}";
        string name = FormattableString.Invariant($"s{size}-{Convert.ToHexStringLower(XxHash64.Hash(System.Text.Encoding.UTF8.GetBytes(key)))}");
        string folder = Path.Combine(Path.GetFullPath(root), name);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "key.txt"), key + "\n");
        return new ImageCache(folder, size, mapping, load ?? ImageLoadOptions.Default);
    }

    /// <summary>
    /// Makes sure every file of <paramref name="files"/> is in the cache, decoding the missing ones with
    /// <paramref name="workers"/> threads. A missing or corrupt file throws a <see cref="HipFxDataException"/> naming it,
    /// or with <paramref name="skipBad"/> is skipped and listed in the result.
    /// </summary>
    public CacheFill Ensure(IReadOnlyList<string> files, int workers = 1, bool skipBad = false, CancellationToken cancellation = default)
    {
        try
        {
            return Fill(files, workers, skipBad, cancellation);
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<HipFxDataException>().FirstOrDefault() is { } first)
        {
            // Parallel loops wrap the failure: surface the first bad file, as a sequential pass would.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
            throw;
        }
    }

    private CacheFill Fill(IReadOnlyList<string> files, int workers, bool skipBad, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(files);
        workers = Math.Max(1, workers);
        var hashes = new string?[files.Count];
        var failures = new ConcurrentDictionary<int, string>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellation };
        Parallel.For(0, files.Count, parallel, i => hashes[i] = Guard(files[i], i, skipBad, failures, () => ContentHash(files[i])));
        var missing = Enumerable.Range(0, files.Count)
            .Where(i => hashes[i] is { } h && !entries.ContainsKey(h))
            .GroupBy(i => hashes[i]!).Select(g => g.First()).ToList();
        int decoded = 0;
        if (missing.Count > 0)
        {
            tiles?.Dispose();
            tiles = null;
            var gate = new object();
            using var stream = new FileStream(TilesPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
            Parallel.ForEach(missing, parallel, i =>
            {
                var plane = Guard(files[i], i, skipBad, failures, () => Decode(files[i]));
                if (plane is null)
                {
                    hashes[i] = null;
                    return;
                }
                lock (gate)
                {
                    int slot = SlotCount++;
                    stream.Position = (long)slot * Size * Size;
                    stream.Write(plane.Pixels);
                    entries[hashes[i]!] = new CacheEntry(slot, plane.Width, plane.Height);
                    decoded++;
                }
            });
            stream.Flush(flushToDisk: false);
        }
        for (int i = 0; i < files.Count; i++)
        {
            if (failures.ContainsKey(i) || (hashes[i] is { } h && !entries.ContainsKey(h)))
            {
                hashes[i] = null;
            }
        }
        WriteIndex();
        // Mapped once here, before any reader: the loader's workers only read it (mapping lazily in Tile raced).
        if (tiles is null && SlotCount > 0)
        {
            tiles = new MappedTiles(TilesPath);
        }
        var result = new CachedImage?[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            if (hashes[i] is { } h)
            {
                var e = entries[h];
                result[i] = new CachedImage(e.Slot, e.Width, e.Height);
            }
        }
        var skipped = failures.OrderBy(f => f.Key).Select(f => new SkippedImage(files[f.Key], f.Value)).ToList();
        return new CacheFill(result, skipped, decoded);
    }

    /// <summary>The Size×Size gray bytes of a cached image (valid until the cache is disposed or filled again).</summary>
    public ReadOnlySpan<byte> Tile(int slot)
    {
        var mapped = tiles ?? throw new InvalidOperationException("the cache holds no tiles yet: fill it first");
        return mapped.Slice((long)slot * Size * Size, Size * Size);
    }

    public void Dispose()
    {
        tiles?.Dispose();
        tiles = null;
    }

    private static T? Guard<T>(string file, int index, bool skipBad, ConcurrentDictionary<int, string> failures, Func<T> work)
        where T : class?
    {
        try
        {
            return work();
        }
        catch (HipFxDataException e) when (skipBad)
        {
            failures[index] = e.Message;
            return null;
        }
        catch (IOException e)
        {
            if (skipBad)
            {
                failures[index] = e.Message;
                return null;
            }
            throw new HipFxDataException($"cannot read image: {e.Message}", file, inner: e);
        }
    }

    private string ContentHash(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists)
        {
            throw new HipFxDataException("image not found", file);
        }
        var stamp = new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks, "");
        lock (stamps)
        {
            if (stamps.TryGetValue(info.FullName, out var known) && known.Length == stamp.Length && known.Ticks == stamp.Ticks)
            {
                return known.Hash;
            }
        }
        var hasher = new XxHash128();
        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            hasher.Append(stream);
        }
        string hash = Convert.ToHexStringLower(hasher.GetCurrentHash());
        lock (stamps)
        {
            stamps[info.FullName] = stamp with { Hash = hash };
        }
        return hash;
    }

    private DecodedPlane Decode(string file)
    {
        var image = RadiographLoader.Load(file, load);
        var pixels = new byte[Size * Size];
        ModelInputImage.PrepareInto(image, mapping, pixels, Size, Size);
        return new DecodedPlane(pixels, image.Width, image.Height);
    }

    private void WriteIndex()
    {
        WriteLines(Path.Combine(folder, IndexFile), entries.OrderBy(e => e.Value.Slot)
            .Select(e => FormattableString.Invariant($"{e.Key}\t{e.Value.Slot}\t{e.Value.Width}\t{e.Value.Height}")));
        WriteLines(Path.Combine(folder, FilesFile), stamps.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => FormattableString.Invariant($"{s.Value.Length}\t{s.Value.Ticks}\t{s.Value.Hash}\t{s.Key}")));
    }

    private static void WriteLines(string path, IEnumerable<string> lines)
    {
        string temporary = path + ".tmp";
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, path, overwrite: true);
    }

    private static Dictionary<string, CacheEntry> ReadIndex(string path)
    {
        var result = new Dictionary<string, CacheEntry>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t');
            if (f.Length == 4 && int.TryParse(f[1], CultureInfo.InvariantCulture, out int slot)
                && int.TryParse(f[2], CultureInfo.InvariantCulture, out int w) && int.TryParse(f[3], CultureInfo.InvariantCulture, out int h))
            {
                result[f[0]] = new CacheEntry(slot, w, h);
            }
        }
        return result;
    }

    private static Dictionary<string, FileStamp> ReadStamps(string path)
    {
        var result = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return result;
        }
        foreach (var line in File.ReadLines(path))
        {
            var f = line.Split('\t', 4);
            if (f.Length == 4 && long.TryParse(f[0], CultureInfo.InvariantCulture, out long length)
                && long.TryParse(f[1], CultureInfo.InvariantCulture, out long ticks))
            {
                result[f[3]] = new FileStamp(length, ticks, f[2]);
            }
        }
        return result;
    }

    private readonly record struct CacheEntry(int Slot, int Width, int Height);

    private readonly record struct FileStamp(long Length, long Ticks, string Hash);

    private sealed record DecodedPlane(byte[] Pixels, int Width, int Height);

}

/// <summary>Where a file's plane is in the cache, and the size of the original image (to scale its boxes).</summary>
public readonly record struct CachedImage(int Slot, int Width, int Height);

/// <summary>An image left out by the skip-bad-images setting, with the reason.</summary>
public sealed record SkippedImage(string FilePath, string Reason);

/// <summary>The outcome of <see cref="ImageCache.Ensure"/>: per input file its cache entry (null when skipped).</summary>
public sealed record CacheFill(IReadOnlyList<CachedImage?> Images, IReadOnlyList<SkippedImage> Skipped, int Decoded);
