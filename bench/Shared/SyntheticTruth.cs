using HipFx.Core;

namespace HipFx.Bench;

/// <summary>Random ground-truth boxes for loss timings: sizes 16 px to a third of the image, random classes.</summary>
internal static class SyntheticTruth
{
    public static List<IReadOnlyList<GroundTruthBox>> Boxes(int seed, int images, int size, int boxesPerImage, int classes)
    {
        var random = new Random(seed);
        var result = new List<IReadOnlyList<GroundTruthBox>>(images);
        for (int i = 0; i < images; i++)
        {
            var boxes = new List<GroundTruthBox>(boxesPerImage);
            for (int b = 0; b < boxesPerImage; b++)
            {
                double w = 16 + random.NextDouble() * (size / 3.0), h = 16 + random.NextDouble() * (size / 3.0);
                double x = random.NextDouble() * (size - w), y = random.NextDouble() * (size - h);
                boxes.Add(new GroundTruthBox((FractureClass)random.Next(classes), new Box(x, y, x + w, y + h)));
            }
            result.Add(boxes);
        }
        return result;
    }
}
