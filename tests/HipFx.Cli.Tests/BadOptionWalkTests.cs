using System.CommandLine;
using HipFx.Tests;

namespace HipFx.Cli.Tests;

/// <summary>
/// Walks every command of the tree and feeds each numeric option values out of its range: each must end in exit 2
/// with the option named, and never in a stack trace or an unhandled exception.
/// </summary>
public sealed class BadOptionWalkTests
{
    /// <summary>Values that are valid for some options (a seed of 0 or -1, 0 bootstrap resamples, τ = 0...).</summary>
    private static readonly Dictionary<string, string[]> Valid = new(StringComparer.Ordinal)
    {
        ["--seed"] = ["0", "-1"],
        ["--bootstrap"] = ["0"],
        ["--frame"] = ["0"],
        ["--workers"] = ["0"],
        ["--tau"] = ["0"],
        ["--valgus-tau"] = ["0"],
        ["--min-iou"] = ["0"],
        ["--consistency"] = ["0"],
        ["--adopt-correct"] = ["0"],
        ["--adopt-wrong"] = ["0"],
        ["--near-duplicate-distance"] = ["0"],
        ["--png-compression"] = ["0"],
        ["--warmup"] = ["0"],
        ["--threads"] = ["0"],
        ["--overlay-boxes"] = ["0"],
    };

    private static readonly string[] BadValues = ["0", "-1", "1e309", "-1e309", "NaN", "abc"];

    private static readonly HashSet<Type> Numeric =
    [
        typeof(int), typeof(long), typeof(double), typeof(float), typeof(ulong), typeof(uint),
        typeof(int?), typeof(long?), typeof(double?), typeof(float?), typeof(ulong?), typeof(uint?),
    ];

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var (path, _) in Walk(HipFxApp.BuildRoot(), []))
        {
            data.Add(string.Join(' ', path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Every_numeric_option_refuses_out_of_range_values_with_exit_2_naming_it(string commandPath)
    {
        using var temp = RepoPaths.NewTempFolder();
        var (_, command) = Walk(HipFxApp.BuildRoot(), []).Single(c => string.Join(' ', c.Path) == commandPath);
        var failures = new List<string>();
        foreach (var option in command.Options.Where(o => Numeric.Contains(o.ValueType)))
        {
            foreach (string value in BadValues.Except(Valid.GetValueOrDefault(option.Name, [])))
            {
                string[] args = [.. commandPath.Split(' '), .. RequiredArguments(command, option, temp.Path), option.Name, value];
                var (code, output, error) = CliRunner.Run(args);
                string all = output + error;
                if (code != 2 || !error.Contains(option.Name, StringComparison.Ordinal) || all.Contains("   at ", StringComparison.Ordinal)
                    || all.Contains("Unhandled", StringComparison.Ordinal))
                {
                    failures.Add($"{string.Join(' ', args)} → exit {code}: {error.Trim()}");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void The_walk_sees_the_commands_and_options_the_issue_names()
    {
        var all = Walk(HipFxApp.BuildRoot(), []).ToList();
        Assert.Contains(all, c => c.Path.SequenceEqual(["split"]) && c.Command.Options.Any(o => o.Name == "--max-pixels"));
        Assert.Contains(all, c => c.Path.SequenceEqual(["predict"]) && c.Command.Options.Any(o => o.Name == "--batch"));
        Assert.Contains(all, c => c.Path.SequenceEqual(["lint"]) && c.Command.Options.Any(o => o.Name == "--min-box"));
        Assert.Contains(all, c => c.Path.SequenceEqual(["readers", "simulate"]));
    }

    private static IEnumerable<(string[] Path, Command Command)> Walk(Command command, string[] path)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] here = [.. path, sub.Name];
            yield return (here, sub);
            foreach (var deeper in Walk(sub, here))
            {
                yield return deeper;
            }
        }
    }

    /// <summary>Paths that do not exist for every argument and required option other than <paramref name="tested"/>: options must be checked before any file is read.</summary>
    private static IEnumerable<string> RequiredArguments(Command command, Option tested, string temp)
    {
        string missing = Path.Combine(temp, "missing");
        foreach (var argument in command.Arguments)
        {
            yield return missing;
        }
        foreach (var option in command.Options.Where(o => o.Required && o != tested))
        {
            yield return option.Name;
            yield return Path.Combine(temp, option.Name.TrimStart('-'));
        }
        // Commands with a choice of inputs (eval, predict) need one of them to get past the usage check.
        if (command.Name is "eval" or "predict" && tested.Name != "--detections")
        {
            yield return "--detections";
            yield return missing;
        }
        if (command.Name == "eval")
        {
            yield return "--manifest";
            yield return missing;
        }
        if (command.Name == "convert")
        {
            yield return "--salt";
            yield return "test-salt";
        }
        if (command.Name == "readers")
        {
            yield return "--out";
            yield return Path.Combine(temp, "readers-out");
        }
    }
}
