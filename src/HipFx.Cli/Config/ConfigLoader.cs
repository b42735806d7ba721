using System.Text.RegularExpressions;
using HipFx.Core;

namespace HipFx.Cli.Config;

/// <summary>
/// Builds the one <see cref="TrainConfig"/> of a run: the records' defaults, then the YAML file, then each
/// <c>--set</c> in order, then one validation. Every error names the key and where the value came from
/// (<c>train.epochs: must be a positive integer (line 12)</c>) and exits 2.
/// </summary>
public static partial class ConfigLoader
{
    /// <summary>Loads <paramref name="path"/> with <paramref name="overrides"/> (<c>key=value</c>) on top.</summary>
    public static TrainConfig Load(string path, IReadOnlyList<string> overrides) =>
        Resolve(YamlConfigReader.Read(path), overrides, path);

    /// <summary>As <see cref="Load"/>, from YAML text (tests; <paramref name="path"/> only names it in messages).</summary>
    public static TrainConfig Parse(string yaml, IReadOnlyList<string> overrides, string path = "config.yaml") =>
        Resolve(YamlConfigReader.Parse(yaml, path), overrides, path);

    private static TrainConfig Resolve(IReadOnlyList<ConfigEntry> fileEntries, IReadOnlyList<string> overrides, string path)
    {
        var entries = fileEntries.Concat(overrides.Select(ConfigOverride.Parse)).ToList();
        var config = new TrainConfig();
        foreach (var entry in entries)
        {
            var key = TrainConfigSchema.Find(entry.Key)!;
            config = key.TryApply(config, entry.Text)
                ?? throw Error($"{key.Name}: {key.Expectation}, got {Shown(entry.Text)} {entry.Where}", entry, path);
        }
        try
        {
            return TrainConfigValidation.Validate(config);
        }
        catch (HipFxConfigException e)
        {
            // Cross-key rules (epochs ≥ warm-up + no-aug, ...) name their key: point at where it was set.
            var match = LeadingKey().Match(e.Message);
            var last = match.Success ? entries.LastOrDefault(x => x.Key == match.Groups[1].Value) : null;
            if (last is null)
            {
                throw new HipFxConfigException(e.Message, path);
            }
            throw Error($"{e.Message} {last.Where}", last, path);
        }
    }

    /// <summary>
    /// The config with every path made absolute (relative paths are taken from the current folder), so the resolved
    /// config.yaml reruns the run from anywhere.
    /// </summary>
    public static TrainConfig WithAbsolutePaths(TrainConfig config) => config with
    {
        Data = config.Data with
        {
            Manifest = Path.GetFullPath(config.Data.Manifest),
            ClassMap = config.Data.ClassMap is null ? null : Path.GetFullPath(config.Data.ClassMap),
            CacheDir = config.Data.CacheDir is null ? null : Path.GetFullPath(config.Data.CacheDir),
        },
        Train = config.Train with { InitWeights = config.Train.InitWeights is null ? null : Path.GetFullPath(config.Train.InitWeights) },
    };

    private static HipFxConfigException Error(string message, ConfigEntry entry, string path) =>
        entry.Line is null ? new HipFxConfigException(message) : new HipFxConfigException(message, path);

    private static string Shown(string? text) => text is null ? "null" : $"'{(text.Length > 60 ? text[..60] + "..." : text)}'";

    [GeneratedRegex(@"^([a-z_0-9]+(?:\.[a-z_0-9]+)+):")]
    private static partial Regex LeadingKey();
}
