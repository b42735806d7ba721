using System.Text;

namespace HipFx.Evaluation.Report;

/// <summary>HTML text escaping: the one rule every piece of text in the report goes through (element content and attribute values).</summary>
public static class Html
{
    /// <summary>Escapes &amp;, &lt;, &gt;, " and ' so that any text is shown as text, never read as markup.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ when char.IsControl(c) && c is not ('\n' or '\r' or '\t') => "\uFFFD",
                _ => c.ToString(),
            });
        }
        return sb.ToString();
    }
}
