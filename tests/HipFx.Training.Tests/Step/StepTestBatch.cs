using HipFx.Core;
using HipFx.Torch;
using HipFx.Training.Pipeline;

namespace HipFx.Training.Tests.Step;

/// <summary>A deterministic in-memory <see cref="TrainingBatch"/>: smooth random gray images with a few boxes each (some images without).</summary>
internal sealed class StepTestBatch : TrainingBatch
{
    private readonly byte[] pixels;
    private readonly IReadOnlyList<IReadOnlyList<GroundTruthBox>> boxes;

    public StepTestBatch(int count, int size, int seed)
    {
        TorchRuntime.EnsureInitialized();
        Size = size;
        Count = count;
        var random = new Random(seed);
        pixels = new byte[count * size * size];
        for (int i = 0; i < pixels.Length; i++)
        {
            int x = i % size;
            int y = i / size % size;
            pixels[i] = (byte)Math.Clamp(100 + 60 * Math.Sin((x + seed) / 7.0) * Math.Cos(y / 5.0) + random.Next(40), 0, 255);
        }
        var all = new List<IReadOnlyList<GroundTruthBox>>();
        for (int i = 0; i < count; i++)
        {
            var list = new List<GroundTruthBox>();
            int n = i % 4 == 3 ? 0 : 1 + random.Next(3);
            for (int j = 0; j < n; j++)
            {
                double w = size * (0.15 + 0.3 * random.NextDouble());
                double h = size * (0.15 + 0.3 * random.NextDouble());
                double x1 = random.NextDouble() * (size - w);
                double y1 = random.NextDouble() * (size - h);
                list.Add(new GroundTruthBox((FractureClass)random.Next(4), new Box(x1, y1, x1 + w, y1 + h)));
            }
            all.Add(list);
        }
        boxes = all;
    }

    public override int Size { get; }

    public override int Count { get; }

    public override ReadOnlyMemory<byte> Pixels => pixels;

    public override IReadOnlyList<IReadOnlyList<GroundTruthBox>> Boxes => boxes;

    public override IReadOnlyList<string> ImageIds => Enumerable.Range(0, Count).Select(i => $"img{i}").ToArray();

    public override int Epoch => 0;

    public override int Index => 0;

    public override void Dispose()
    {
    }
}
