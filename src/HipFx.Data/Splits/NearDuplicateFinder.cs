using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Data.Manifests;

namespace HipFx.Data.Splits;

/// <summary>Two images whose perceptual hashes are close, in different splits (a likely leak of one patient or one image).</summary>
public sealed record NearDuplicate(string ImageA, DatasetSplit? SplitA, string ImageB, DatasetSplit? SplitB, int Distance, int Bits);

/// <summary>An image that could not be hashed (missing, truncated, corrupt), with the reason.</summary>
public sealed record UnreadableImage(string ImageId, string Reason);

/// <summary>Settings of <see cref="NearDuplicateFinder"/>.</summary>
public sealed record NearDuplicateOptions
{
    /// <summary>Hash cells per side (bits = size²). Default 16 (256 bits).</summary>
    public int HashSize { get; init; } = 16;

    /// <summary>
    /// Largest Hamming distance reported, in bits. Default 24 of 256 (under 10% of bits differ): re-encoded, resized
    /// or slightly re-windowed copies of one image fall far below it, different patients' hips far above.
    /// </summary>
    public int MaxDistance { get; init; } = 24;

    /// <summary>Image decoding limits.</summary>
    public ImageLoadOptions Images { get; init; } = ImageLoadOptions.Default;

    /// <summary>Throws <see cref="HipFxConfigException"/> naming a bad setting.</summary>
    public NearDuplicateOptions Validated()
    {
        OptionRules.InRange(HashSize, 2, 64);
        OptionRules.InRange(MaxDistance, 0, HashSize * HashSize);
        Images.Validate();
        return this;
    }
}

/// <summary>
/// Finds near-duplicate images across splits by perceptual hash (<see cref="PerceptualHash"/>, our own dHash on the
/// decoded samples). Pairs within one split are not reported: they are harmless for evaluation.
/// </summary>
public static class NearDuplicateFinder
{
    public sealed record Result(IReadOnlyList<NearDuplicate> Pairs, IReadOnlyList<UnreadableImage> Unreadable);

    public static Result Find(Manifest manifest, NearDuplicateOptions? options = null, IProgress<int>? progress = null)
    {
        options ??= new NearDuplicateOptions();
        var hashes = new List<(ManifestRow Row, PerceptualHash Hash)>();
        var unreadable = new List<UnreadableImage>();
        int done = 0;
        foreach (var row in manifest.Rows)
        {
            try
            {
                var image = RadiographLoader.Load(manifest.ImageFile(row), options.Images);
                hashes.Add((row, PerceptualHash.Compute(image, options.HashSize)));
            }
            catch (HipFxDataException e)
            {
                unreadable.Add(new UnreadableImage(row.ImageId, e.Problem));
            }
            progress?.Report(++done);
        }
        var pairs = new List<NearDuplicate>();
        for (int i = 0; i < hashes.Count; i++)
        {
            for (int j = i + 1; j < hashes.Count; j++)
            {
                var (a, b) = (hashes[i], hashes[j]);
                if (a.Row.Split == b.Row.Split)
                {
                    continue;
                }
                int distance = a.Hash.Distance(b.Hash);
                if (distance <= options.MaxDistance)
                {
                    pairs.Add(new NearDuplicate(a.Row.ImageId, a.Row.Split, b.Row.ImageId, b.Row.Split, distance, a.Hash.Bits));
                }
            }
        }
        return new Result(
            pairs.OrderBy(p => p.Distance).ThenBy(p => p.ImageA, StringComparer.Ordinal).ThenBy(p => p.ImageB, StringComparer.Ordinal).ToList(),
            unreadable);
    }
}
