using System.Globalization;

namespace HipFx.Bench;

/// <summary>
/// The benchmarks' command line: <c>--key value</c> pairs applied in order to an options record, starting from
/// its defaults, or from its quick preset when <c>--quick</c> appears anywhere (later arguments still override it).
/// Each benchmark keeps its own options record and passes the setter of each key.
/// </summary>
internal static class BenchArgs
{
    public const string QuickFlag = "--quick";

    /// <summary>The options <paramref name="args"/> describe; throws <see cref="ArgumentException"/> naming a bad key.</summary>
    public static T Parse<T>(string[] args, T defaults, T quickPreset, IReadOnlyDictionary<string, Func<T, string, T>> setters)
    {
        var options = args.Contains(QuickFlag) ? quickPreset : defaults;
        for (int i = 0; i < args.Length; i++)
        {
            string key = args[i];
            if (key == QuickFlag)
            {
                continue;
            }
            if (!setters.TryGetValue(key, out var set))
            {
                throw new ArgumentException($"unknown option {key}; known: {QuickFlag} {string.Join(' ', setters.Keys)}");
            }
            string value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{key} needs a value");
            options = set(options, value);
        }
        return options;
    }

    public static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    /// <summary>Comma-separated integers, e.g. <c>320,640</c>.</summary>
    public static int[] Ints(string csv) =>
        csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Int).ToArray();
}
