namespace HipFx.Data.Augment;

/// <summary>
/// The sampler: which image each position of an epoch is built around. A Fisher–Yates shuffle of all images drawn
/// from (seed, epoch) only; batch b holds positions [b·N, (b+1)·N), and the last partial batch is dropped.
/// </summary>
public static class EpochOrder
{
    /// <summary>The image index at every position of <paramref name="epoch"/>.</summary>
    public static int[] Shuffle(int imageCount, long seed, int epoch)
    {
        var order = new int[imageCount];
        for (int i = 0; i < imageCount; i++)
        {
            order[i] = i;
        }
        var random = SampleRandom.For(seed, epoch, -1);
        for (int i = imageCount - 1; i > 0; i--)
        {
            int j = random.NextBelow(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }
}
