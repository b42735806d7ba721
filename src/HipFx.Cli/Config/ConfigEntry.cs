namespace HipFx.Cli.Config;

/// <summary>
/// One value given for a key: from a YAML file (<see cref="Line"/> set) or from <c>--set key=value</c>
/// (<see cref="Line"/> null). <see cref="Text"/> is null for a YAML null; a sequence arrives as <c>[a, b]</c>.
/// </summary>
internal sealed record ConfigEntry(string Key, string? Text, int? Line, string Origin)
{
    /// <summary>Where the value came from, for messages: <c>(line 12)</c> or <c>(--set train.epochs=0)</c>.</summary>
    public string Where => Line is { } line ? $"(line {line})" : $"({Origin})";
}
