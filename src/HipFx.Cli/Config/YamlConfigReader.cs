using HipFx.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HipFx.Cli.Config;

/// <summary>
/// Reads a YAML config into one <see cref="ConfigEntry"/> per key, with its line: nested mappings become dotted keys
/// (<c>train: {optimizer: {momentum: 0.9}}</c> → <c>train.optimizer.momentum</c>). An unknown key, a section given a
/// value, or a key given a mapping is an error naming the key, the closest valid key and the line.
/// </summary>
internal static class YamlConfigReader
{
    private static readonly HashSet<string> NullLiterals = ["", "~", "null", "Null", "NULL"];

    public static IReadOnlyList<ConfigEntry> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HipFxConfigException($"cannot read the config: {e.Message}", path);
        }
        return Parse(text, path);
    }

    public static IReadOnlyList<ConfigEntry> Parse(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            string problem = (e.InnerException ?? e).Message;
            throw new HipFxConfigException($"not valid YAML (line {e.Start.Line}): {problem}", path);
        }
        var entries = new List<ConfigEntry>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return entries;
        }
        if (stream.Documents.Count > 1)
        {
            throw new HipFxConfigException($"holds {stream.Documents.Count} YAML documents; a config is one", path);
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new HipFxConfigException($"expected a mapping of sections (data:, train:, ...) (line {stream.Documents[0].RootNode.Start.Line})", path);
        }
        Walk(root, "", entries, path);
        return entries;
    }

    private static void Walk(YamlMappingNode mapping, string prefix, List<ConfigEntry> entries, string path)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            int line = (int)keyNode.Start.Line;
            if (keyNode is not YamlScalarNode { Value: { } leaf })
            {
                throw new HipFxConfigException($"{prefix}: keys must be plain names (line {line})", path);
            }
            string key = prefix.Length == 0 ? leaf : $"{prefix}.{leaf}";
            bool isSection = TrainConfigSchema.Sections.Any(s => s.Name == key);
            bool isKey = TrainConfigSchema.Find(key) is not null;
            if (!isSection && !isKey)
            {
                throw new HipFxConfigException(UnknownKey(key) + $" (line {line})", path);
            }
            switch (value)
            {
                case YamlMappingNode nested when isSection:
                    Walk(nested, key, entries, path);
                    break;
                case YamlScalarNode { Value: null or "" } when isSection:
                    break; // an empty section: all defaults
                case YamlMappingNode:
                    throw new HipFxConfigException($"{key}: {TrainConfigSchema.Find(key)!.Expectation}, not a mapping (line {line})", path);
                case var _ when isSection:
                    throw new HipFxConfigException($"{key}: is a section; expected its keys indented below it (line {line})", path);
                case YamlScalarNode scalar:
                    string? text = scalar.Style == ScalarStyle.Plain && NullLiterals.Contains(scalar.Value ?? "") ? null : scalar.Value;
                    entries.Add(new ConfigEntry(key, text, line, path));
                    break;
                case YamlSequenceNode sequence:
                    var items = sequence.Children.Select(c => c is YamlScalarNode s ? s.Value : null).ToList();
                    if (items.Any(i => i is null))
                    {
                        throw new HipFxConfigException($"{key}: {TrainConfigSchema.Find(key)!.Expectation} (line {line})", path);
                    }
                    entries.Add(new ConfigEntry(key, "[" + string.Join(", ", items) + "]", line, path));
                    break;
                default:
                    throw new HipFxConfigException($"{key}: unsupported YAML node (line {line})", path);
            }
        }
    }

    /// <summary>"unknown key 'x'; did you mean 'y'?" over every key and section.</summary>
    public static string UnknownKey(string key)
    {
        var names = TrainConfigSchema.Keys.Select(k => k.Name).Concat(TrainConfigSchema.Sections.Select(s => s.Name));
        string? closest = NameSuggestion.CloseEnough(key, names);
        return closest is null
            ? $"{key}: unknown key (see 'hipfx train --help' for the keys)"
            : $"{key}: unknown key; did you mean {closest}?";
    }
}
