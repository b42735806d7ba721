using HipFx.Core;
using HipFx.Training.Pipeline;

namespace HipFx.Training.Step.Bench;

/// <summary>
/// A deterministic in-memory <see cref="TrainingBatch"/> for benchmarks and tests: smooth gray images with noise and
/// one to three boxes per image (every fourth image without boxes), all classes drawn.
/// </summary>
public sealed class SyntheticTrainingBatch : TrainingBatch
{
    private readonly byte[] pixels;
    private readonly IReadOnlyList<IReadOnlyList<GroundTruthBox>> boxes;

    public SyntheticTrainingBatch(int count, int size, int seed, int classes = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 32);
        Size = size;
        Count = count;
        Index = seed;
        var random = new Random(seed);
        pixels = new byte[count * size * size];
        for (int i = 0; i < count; i++)
        {
            double phase = random.NextDouble() * 10;
            for (int y = 0; y < size; y++)
            {
                double row = Math.Cos((y + phase) * 12.0 / size);
                for (int x = 0; x < size; x++)
                {
                    double v = 110 + 60 * Math.Sin((x + phase) * 9.0 / size) * row + random.Next(30);
                    pixels[(long)i * size * size + (long)y * size + x] = (byte)Math.Clamp(v, 0, 255);
                }
            }
        }
        var all = new List<IReadOnlyList<GroundTruthBox>>(count);
        for (int i = 0; i < count; i++)
        {
            var list = new List<GroundTruthBox>();
            int n = i % 4 == 3 ? 0 : 1 + random.Next(3);
            for (int j = 0; j < n; j++)
            {
                double w = size * (0.1 + 0.3 * random.NextDouble());
                double h = size * (0.1 + 0.3 * random.NextDouble());
                double x1 = random.NextDouble() * (size - w);
                double y1 = random.NextDouble() * (size - h);
                list.Add(new GroundTruthBox((FractureClass)random.Next(classes), new Box(x1, y1, x1 + w, y1 + h)));
            }
            all.Add(list);
        }
        boxes = all;
    }

    public override int Size { get; }

    public override int Count { get; }

    public override ReadOnlyMemory<byte> Pixels => pixels;

    public override IReadOnlyList<IReadOnlyList<GroundTruthBox>> Boxes => boxes;

    public override IReadOnlyList<string> ImageIds => Enumerable.Range(0, Count).Select(i => $"synthetic-{Index}-{i}").ToArray();

    public override int Epoch => 0;

    public override int Index { get; }

    public override void Dispose()
    {
    }
}
