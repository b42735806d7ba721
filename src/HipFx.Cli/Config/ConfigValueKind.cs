using System.Globalization;

namespace HipFx.Cli.Config;

/// <summary>
/// How one config value is read from YAML/<c>--set</c> text and written back: the type, its range and its example.
/// <see cref="Parse"/> returns null and sets <c>problem</c> to a message like "must be a positive integer" when the
/// text does not fit; the caller adds the key and the line.
/// </summary>
internal abstract class ConfigValueKind<T>
{
    /// <summary>What a valid value looks like, for messages and the resolved config's comments.</summary>
    public abstract string Expectation { get; }

    public abstract bool TryParse(string? text, out T value);

    public abstract string Format(T value);

    protected static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>Kinds of config values: integers and numbers with a range, booleans, names, paths, number pairs.</summary>
internal static class ValueKinds
{
    public static ConfigValueKind<int> Int(int min, int max = int.MaxValue, int multipleOf = 1) => new IntKind(min, max, multipleOf);

    public static ConfigValueKind<double> Number(double min, double max, bool minExclusive = false, string? expectation = null) =>
        new NumberKind(min, max, minExclusive, expectation);

    public static ConfigValueKind<bool> Bool { get; } = new BoolKind();

    public static ConfigValueKind<string> Text(string expectation) => new TextKind(expectation);

    public static ConfigValueKind<string?> OptionalText(string expectation) => new OptionalTextKind(expectation);

    public static ConfigValueKind<string> OneOf(params string[] names) => new OneOfKind(names);

    /// <summary>One of <paramref name="values"/>, spelt by <paramref name="name"/> (an enum's YAML names).</summary>
    public static ConfigValueKind<T> OneOf<T>(IReadOnlyList<T> values, Func<T, string> name) => new NamedKind<T>(values, name);

    public static ConfigValueKind<(double Low, double High)> Range(double min, double max) => new RangeKind(min, max);

    private static bool IsNull(string? text) => text is null || text.Trim() is "" or "~" or "null" or "Null" or "NULL";

    private sealed class IntKind(int min, int max, int multipleOf) : ConfigValueKind<int>
    {
        public override string Expectation => multipleOf > 1
            ? $"must be a multiple of {multipleOf} from {min} to {max}"
            : (min, max) switch
        {
            (1, int.MaxValue) => "must be a positive integer",
            (0, int.MaxValue) => "must be an integer >= 0",
            (_, int.MaxValue) => $"must be an integer >= {min}",
            _ => $"must be an integer from {min} to {max}",
        };

        public override bool TryParse(string? text, out int value) =>
            int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            && value >= min && value <= max && value % multipleOf == 0;

        public override string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
    }

    private sealed class NumberKind(double min, double max, bool minExclusive, string? expectation) : ConfigValueKind<double>
    {
        public override string Expectation => expectation ?? (min, max, minExclusive) switch
        {
            (0, double.PositiveInfinity, true) => "must be a number > 0",
            (_, double.PositiveInfinity, _) => $"must be a number {(minExclusive ? ">" : ">=")} {Invariant(min)}",
            _ => $"must be a number from {Invariant(min)}{(minExclusive ? " (exclusive)" : "")} to {Invariant(max)}",
        };

        public override bool TryParse(string? text, out double value) =>
            double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value) && (minExclusive ? value > min : value >= min) && value <= max;

        public override string Format(double value) => Invariant(value);
    }

    private sealed class BoolKind : ConfigValueKind<bool>
    {
        public override string Expectation => "must be true or false";

        public override bool TryParse(string? text, out bool value)
        {
            switch (text?.Trim().ToLowerInvariant())
            {
                case "true":
                    value = true;
                    return true;
                case "false":
                    value = false;
                    return true;
                default:
                    value = false;
                    return false;
            }
        }

        public override string Format(bool value) => value ? "true" : "false";
    }

    private sealed class TextKind(string expectation) : ConfigValueKind<string>
    {
        public override string Expectation => expectation;

        public override bool TryParse(string? text, out string value)
        {
            value = text?.Trim() ?? "";
            return !IsNull(text);
        }

        public override string Format(string value) => Quote(value);
    }

    private sealed class OptionalTextKind(string expectation) : ConfigValueKind<string?>
    {
        public override string Expectation => expectation;

        public override bool TryParse(string? text, out string? value)
        {
            value = IsNull(text) ? null : text!.Trim();
            return true;
        }

        public override string Format(string? value) => value is null ? "null" : Quote(value);
    }

    private sealed class OneOfKind(string[] names) : ConfigValueKind<string>
    {
        public override string Expectation => names.Length == 2
            ? $"must be {names[0]} or {names[1]}"
            : $"must be one of {string.Join(", ", names[..^1])} or {names[^1]}";

        public override bool TryParse(string? text, out string value)
        {
            string t = text?.Trim().ToLowerInvariant() ?? "";
            value = names.FirstOrDefault(n => n == t) ?? "";
            return value.Length > 0;
        }

        public override string Format(string value) => value;
    }

    private sealed class NamedKind<T>(IReadOnlyList<T> values, Func<T, string> name) : ConfigValueKind<T>
    {
        private readonly OneOfKind names = new(values.Select(name).ToArray());

        public override string Expectation => names.Expectation;

        public override bool TryParse(string? text, out T value)
        {
            bool ok = names.TryParse(text, out string found);
            value = ok ? values.First(v => name(v) == found) : default!;
            return ok;
        }

        public override string Format(T value) => name(value);
    }

    private sealed class RangeKind(double min, double max) : ConfigValueKind<(double Low, double High)>
    {
        public override string Expectation => $"must be two numbers [low, high] with {Invariant(min)} <= low <= high <= {Invariant(max)}";

        public override bool TryParse(string? text, out (double Low, double High) value)
        {
            value = default;
            string t = text?.Trim() ?? "";
            if (t.StartsWith('[') && t.EndsWith(']'))
            {
                t = t[1..^1];
            }
            var parts = t.Split(',', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double low)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double high)
                || !(min <= low && low <= high && high <= max))
            {
                return false;
            }
            value = (low, high);
            return true;
        }

        public override string Format((double Low, double High) value) => $"[{Invariant(value.Low)}, {Invariant(value.High)}]";
    }

    /// <summary>A YAML double-quoted scalar (backslash and quote escaped), so any path or name reads back unchanged.</summary>
    public static string Quote(string value)
    {
        var sb = new System.Text.StringBuilder("\"");
        foreach (char c in value)
        {
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }
}
