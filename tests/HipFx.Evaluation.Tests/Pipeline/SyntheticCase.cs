using HipFx.Core;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Plots;

namespace HipFx.Evaluation.Tests.Pipeline;

/// <summary>
/// A small seeded dataset with known structure: 40 images of 256×256, 8 per label, two images per patient;
/// detections are the truth box jittered, a few misses, a few wrong classes and some low-score noise.
/// </summary>
internal sealed class SyntheticCase : IImageSource
{
    public List<EvalImage> Images { get; } = [];

    public Dictionary<string, IReadOnlyList<Detection>> Detections { get; } = [];

    public SyntheticCase(int seed = 1)
    {
        var rng = new Random(seed);
        for (int i = 0; i < 40; i++)
        {
            var label = (ImageLabel)(i % 5);
            string id = $"img{i:D3}";
            var boxes = new List<GroundTruthBox>();
            var dets = new List<Detection>();
            if (label.ToFractureClass() is { } c)
            {
                double x = 40 + rng.Next(100), y = 40 + rng.Next(100);
                var box = new Box(x, y, x + 60, y + 50);
                boxes.Add(new GroundTruthBox(c, box));
                int roll = i / 5; // 0..7 within each label
                if (roll == 0)
                {
                    // missed
                }
                else if (roll == 1)
                {
                    dets.Add(new Detection((FractureClass)(((int)c + 1) % 4), 0.7, Jitter(box, rng, 4)));
                }
                else
                {
                    dets.Add(new Detection(c, 0.55 + 0.05 * roll, Jitter(box, rng, roll == 2 ? 25 : 5)));
                }
            }
            else if (i / 5 == 1)
            {
                dets.Add(new Detection(FractureClass.StableItf, 0.8, new Box(10, 10, 60, 60)));
            }
            dets.Add(new Detection((FractureClass)rng.Next(4), 0.05 + 0.2 * rng.NextDouble(), new Box(150, 150, 200, 220)));
            Images.Add(new EvalImage(id, $"pat{i / 2:D2}", label, boxes, 256, 256));
            Detections[id] = dets;
        }
    }

    public GrayImage? TryLoad(string imageId)
    {
        int n = int.Parse(imageId.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);
        var px = new byte[256 * 256];
        for (int y = 0; y < 256; y++)
        {
            for (int x = 0; x < 256; x++)
            {
                double r = Math.Sqrt((x - 128) * (x - 128) + (y - 128) * (y - 128));
                px[y * 256 + x] = (byte)Math.Clamp(200 - r + n, 0, 255);
            }
        }
        return new GrayImage(256, 256, px);
    }

    private static Box Jitter(Box b, Random rng, double amount)
    {
        double J() => (rng.NextDouble() * 2 - 1) * amount;
        return new Box(b.X1 + J(), b.Y1 + J(), b.X2 + J(), b.Y2 + J());
    }
}
