using HipFx.Core;

namespace HipFx.Data.Manifests;

/// <summary>The split a manifest row belongs to. Internal institutions: train/val/test; the external one: external.</summary>
public enum DatasetSplit
{
    Train = 0,
    Val = 1,
    Test = 2,
    External = 3,
}

/// <summary>Names of <see cref="DatasetSplit"/> as written in manifests (<c>train</c>, <c>val</c>, <c>test</c>, <c>external</c>).</summary>
public static class DatasetSplits
{
    /// <summary>All splits, in table order.</summary>
    public static IReadOnlyList<DatasetSplit> All { get; } = [DatasetSplit.Train, DatasetSplit.Val, DatasetSplit.Test, DatasetSplit.External];

    public static string Name(this DatasetSplit split) => split switch
    {
        DatasetSplit.Train => "train",
        DatasetSplit.Val => "val",
        DatasetSplit.Test => "test",
        DatasetSplit.External => "external",
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, null),
    };

    /// <summary>Parses a split name ("validation" is accepted for <c>val</c>); false when unknown.</summary>
    public static bool TryParse(string text, out DatasetSplit split)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "train": split = DatasetSplit.Train; return true;
            case "val" or "valid" or "validation": split = DatasetSplit.Val; return true;
            case "test": split = DatasetSplit.Test; return true;
            case "external": split = DatasetSplit.External; return true;
            default: split = default; return false;
        }
    }

    public static DatasetSplit Parse(string text) =>
        TryParse(text, out var split) ? split : throw new HipFxConfigException($"unknown split '{text}'; expected train, val, test or external");
}
