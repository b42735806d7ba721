using HipFx.Core;

namespace HipFx.Cli.Config;

/// <summary>Parses <c>--set key=value</c> (repeatable; applied after the file, in order; <c>null</c> or <c>~</c> sets a YAML null).</summary>
internal static class ConfigOverride
{
    public static ConfigEntry Parse(string assignment)
    {
        string origin = $"--set {assignment}";
        int eq = assignment.IndexOf('=');
        if (eq <= 0)
        {
            throw new HipFxConfigException($"{origin}: expected key=value, e.g. --set train.epochs=100");
        }
        string key = assignment[..eq].Trim();
        string value = assignment[(eq + 1)..].Trim();
        if (TrainConfigSchema.Find(key) is null)
        {
            throw new HipFxConfigException($"{YamlConfigReader.UnknownKey(key)} ({origin})");
        }
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            value = value[1..^1];
        }
        else if (value is "" or "~" or "null")
        {
            return new ConfigEntry(key, null, null, origin);
        }
        return new ConfigEntry(key, value, null, origin);
    }
}
