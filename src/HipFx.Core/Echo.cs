using System.Globalization;
using System.Text;

namespace HipFx.Core;

/// <summary>
/// The one rule for echoing what a user's file holds back into a message: control characters and invalid text
/// are escaped (<c>\n</c>, <c>\0</c>, <c>\x1B</c>, <c>\uFFFD</c>), and long values are cut with the full length said,
/// so a binary file or a 1 MB class name gives a short, printable message.
/// </summary>
public static class Echo
{
    /// <summary>Default longest value echoed, in characters.</summary>
    public const int DefaultMax = 120;

    /// <summary>Longest path echoed, in characters.</summary>
    public const int PathMax = 512;

    /// <summary><paramref name="value"/> escaped and cut to <paramref name="max"/> characters.</summary>
    public static string Text(string? value, int max = DefaultMax)
    {
        if (value is null)
        {
            return "";
        }
        if (value.Length <= max && !NeedsEscape(value))
        {
            return value;
        }
        var sb = new StringBuilder(Math.Min(value.Length, max) + 32);
        int shown = 0;
        for (; shown < value.Length && sb.Length < max; shown++)
        {
            char c = value[shown];
            if (char.IsSurrogate(c) && shown + 1 < value.Length && char.IsSurrogatePair(c, value[shown + 1]))
            {
                sb.Append(c).Append(value[++shown]);
                continue;
            }
            sb.Append(c switch
            {
                '\0' => "\\0",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' || c == '\uFEFF'
                    => "\\x" + ((int)c).ToString(c > 0xFF ? "X4" : "X2", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        if (shown < value.Length)
        {
            sb.Append(CultureInfo.InvariantCulture, $"... ({value.Length} characters)");
        }
        return sb.ToString();
    }

    /// <summary>A path as it is echoed: escaped, cut at <see cref="PathMax"/>.</summary>
    public static string Path(string path) => Text(path, PathMax);

    private static bool NeedsEscape(string value)
    {
        foreach (char c in value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' || c == '\uFEFF')
            {
                return true;
            }
        }
        return false;
    }
}
