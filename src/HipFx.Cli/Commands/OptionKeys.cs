using System.CommandLine;
using System.Text;
using HipFx.Core;

namespace HipFx.Cli.Commands;

/// <summary>
/// A command whose options records use keys that differ from its option names (e.g. <c>OverlapMinIoU</c> is
/// <c>--min-iou</c>): it lists them with <see cref="MapKey"/>. Keys that spell the option in PascalCase
/// (<c>MaxPixels</c> ↔ <c>--max-pixels</c>) need no entry.
/// </summary>
internal sealed class HipFxCommand(string name, string? description = null) : Command(name, description)
{
    private readonly Dictionary<string, Option> keys = new(StringComparer.Ordinal);

    public HipFxCommand MapKey(string key, Option option)
    {
        keys[key] = option;
        return this;
    }

    public Option? MappedOption(string key) => keys.GetValueOrDefault(key);
}

/// <summary>Renames an options record's key in a <see cref="HipFxConfigException"/> to the option the user typed.</summary>
internal static class OptionKeys
{
    /// <summary>
    /// <paramref name="error"/> said of the invoked command's option for its key: the command's own mapping first,
    /// then the option named <c>--kebab-case(key)</c> (the command's, or a global one). Unchanged when none matches.
    /// </summary>
    public static HipFxConfigException Rename(HipFxConfigException error, ParseResult parse)
    {
        if (error.Key is not { } key)
        {
            return error;
        }
        var command = parse.CommandResult.Command;
        var option = (command as HipFxCommand)?.MappedOption(key) ?? FindByName(command, "--" + Kebab(key), parse);
        return option is null ? error : error.ForOption(option.Name);
    }

    /// <summary><c>MaxPixels</c> → <c>max-pixels</c>; <c>OverlapMinIoU</c> → <c>overlap-min-io-u</c> (map such keys).</summary>
    public static string Kebab(string key)
    {
        var text = new StringBuilder(key.Length + 4);
        for (int i = 0; i < key.Length; i++)
        {
            if (char.IsUpper(key[i]) && i > 0)
            {
                text.Append('-');
            }
            text.Append(char.ToLowerInvariant(key[i]));
        }
        return text.ToString();
    }

    private static Option? FindByName(Command command, string name, ParseResult parse)
    {
        for (var c = parse.CommandResult; c is not null; c = c.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (c.Command.Options.FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name)) is { } found)
            {
                return found;
            }
        }
        return command.Options.FirstOrDefault(o => o.Name == name);
    }
}
