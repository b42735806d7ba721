using HipFx.Core;
using HipFx.Data.Augment;
using HipFx.Data.Cache;
using HipFx.Data.Images;
using HipFx.Training.Pipeline;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace HipFx.Training.Tests.Pipeline;

/// <summary>The prefetching batch source: determinism across worker counts and on resume, the no-aug phase, flat memory.</summary>
public sealed class BatchSourceTests : IDisposable
{
    private const int Size = 64;
    private readonly string folder = Path.Combine(Path.GetTempPath(), "hipfx-batches-" + Guid.NewGuid().ToString("N"));
    private readonly CachedDataset data;

    public BatchSourceTests()
    {
        Directory.CreateDirectory(folder);
        var images = new List<TrainingImage>();
        for (int i = 0; i < 12; i++)
        {
            string path = Path.Combine(folder, $"img{i}.png");
            using (var image = new Image<L8>(80 + i, 70 + 2 * i, new L8((byte)(10 * i))))
            {
                for (int y = 20; y < 50; y++)
                {
                    for (int x = 10 + i; x < 40 + i; x++)
                    {
                        image[x, y] = new L8(240);
                    }
                }
                image.SaveAsPng(path);
            }
            var boxes = i % 4 == 3 ? new List<GroundTruthBox>() : [new GroundTruthBox((FractureClass)(i % 4), new Box(10 + i, 20, 40 + i, 50))];
            images.Add(new TrainingImage($"img{i}", path, boxes.Count == 0 ? ImageLabel.NoFracture : (ImageLabel)(i % 4), boxes));
        }
        data = CachedDataset.Open(images, Path.Combine(folder, "cache"), Size, IntensityMapping.Default);
    }

    public void Dispose()
    {
        data.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Same_seed_gives_the_same_batches_for_any_worker_count_and_on_resume()
    {
        var one = Collect(Source(workers: 1), epoch: 1);
        var three = Collect(Source(workers: 3), epoch: 1);
        var resumed = Collect(Source(workers: 2), epoch: 1, startBatch: 2);
        Assert.Equal(3, one.Count);
        Assert.Equal(one, three);
        Assert.Equal(one.Skip(2), resumed);
        var otherEpoch = Collect(Source(workers: 2), epoch: 2);
        Assert.NotEqual(one[0], otherEpoch[0]);
    }

    [Fact]
    public void The_last_epochs_use_the_plain_stretched_image_with_flip()
    {
        var augment = AugmentOptions.Default with { NoAugEpochs = 2 };
        using var source = new AugmentedBatchSource(data, augment, new LoaderOptions { Workers = 2 }, batchSize: 4, totalEpochs: 5, seed: 3);
        foreach (var batch in source.Epoch(3))
        {
            using (batch)
            {
                for (int j = 0; j < batch.Count; j++)
                {
                    int image = data.Images.Select(i => i.ImageId).ToList().IndexOf(batch.ImageIds[j]);
                    var plane = batch.Pixels.Span.Slice(j * Size * Size, Size * Size).ToArray();
                    var tile = data.Tile(image).ToArray();
                    var mirrored = Mirror(tile);
                    Assert.True(plane.SequenceEqual(tile) || plane.SequenceEqual(mirrored), "a no-aug sample is the cached plane or its mirror");
                    Assert.Equal(data.Boxes[image].Count, batch.Boxes[j].Count);
                }
            }
        }
        // Before the no-aug phase, mosaics: some sample differs from both its plane and its mirror.
        using var early = source.Build(0, 0);
        Assert.Contains(Enumerable.Range(0, early.Count), j =>
        {
            int image = data.Images.Select(i => i.ImageId).ToList().IndexOf(early.ImageIds[j]);
            var plane = early.Pixels.Span.Slice(j * Size * Size, Size * Size).ToArray();
            return !plane.SequenceEqual(data.Tile(image).ToArray()) && !plane.SequenceEqual(Mirror(data.Tile(image).ToArray()));
        });
    }

    [Fact]
    public void Buffers_are_reused_over_many_epochs()
    {
        using var source = Source(workers: 2);
        for (int epoch = 0; epoch < 25; epoch++)
        {
            foreach (var batch in source.Epoch(epoch))
            {
                batch.Dispose();
            }
        }
        // One buffer per batch alive at once: the prefetch bound, one per worker, the consumer's.
        Assert.InRange(source.BuffersCreated, 1, MaxBuffers(workers: 2));
        long before = GC.GetTotalMemory(forceFullCollection: true);
        for (int epoch = 25; epoch < 45; epoch++)
        {
            foreach (var batch in source.Epoch(epoch))
            {
                batch.Dispose();
            }
        }
        long after = GC.GetTotalMemory(forceFullCollection: true);
        Assert.True(after - before < 4 * Size * Size * 4, $"managed memory grew by {after - before} bytes over 20 epochs");
    }

    [Fact]
    public void Breaking_out_of_an_epoch_stops_the_workers_and_gives_buffers_back()
    {
        using var source = Source(workers: 3);
        for (int epoch = 0; epoch < 10; epoch++)
        {
            foreach (var batch in source.Epoch(epoch))
            {
                batch.Dispose();
                break;
            }
        }
        var all = Collect(source, 0);
        Assert.Equal(3, all.Count);
        // Ten abandoned epochs each left prefetched batches behind: had their buffers not come back to the pool, the
        // pool would have had to make new ones past the bound of what can be alive at once.
        Assert.InRange(source.BuffersCreated, 1, MaxBuffers(workers: 3));
    }

    /// <summary>Buffers alive at once with <see cref="Source"/>'s options: the prefetch bound, one per worker, the consumer's.</summary>
    private static int MaxBuffers(int workers) => Prefetch + workers + 1;

    private const int Prefetch = 2;

    private AugmentedBatchSource Source(int workers) =>
        new(data, AugmentOptions.Default with { MixupProbability = 0.5 }, new LoaderOptions { Workers = workers, PrefetchBatches = Prefetch },
            batchSize: 4, totalEpochs: 10, seed: 11);

    private static List<string> Collect(AugmentedBatchSource source, int epoch, int startBatch = 0)
    {
        var result = new List<string>();
        using (source)
        {
            foreach (var batch in source.Epoch(epoch, startBatch))
            {
                using (batch)
                {
                    var boxes = string.Join(";", batch.Boxes.Select(b => string.Join(",", b.Select(g => $"{(int)g.Class}:{g.Box}"))));
                    result.Add($"{batch.Index} {string.Join(",", batch.ImageIds)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(batch.Pixels.Span))} {boxes}");
                }
            }
        }
        return result;
    }

    private static byte[] Mirror(byte[] plane)
    {
        var result = (byte[])plane.Clone();
        for (int y = 0; y < Size; y++)
        {
            Array.Reverse(result, y * Size, Size);
        }
        return result;
    }
}
