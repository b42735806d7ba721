using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using HipFx.Evaluation.Tables;

namespace HipFx.Evaluation.Report;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML file: styles and pictures inline (PNG data URIs),
/// no link, font or script from anywhere else (a Content-Security-Policy forbids it), real tables with column and row
/// headers, alt text on every picture. Every text goes through <see cref="Html.Escape"/>. Table cells carry their
/// numbers as <c>data-value</c>, <c>data-lower</c>, <c>data-upper</c>, <c>data-numerator</c>, <c>data-n</c> attributes
/// (round-trip format), so a reader or a test can check them against the run's JSON.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Allows inline styles, the inline print script and data: pictures; nothing is loaded from anywhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

    public static string Render(ReportDocument document)
    {
        var h = new StringBuilder(1 << 20);
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"").Append(ContentSecurityPolicy).Append("\">\n");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        h.Append("<meta name=\"generator\" content=\"hipfx ").Append(Html.Escape(document.GeneratorVersion)).Append("\">\n");
        h.Append("<title>").Append(Html.Escape(document.Title)).Append("</title>\n");
        h.Append("<style>\n").Append(ReportStyle.Css).Append("</style>\n</head>\n<body>\n");

        h.Append("<header>\n<h1>").Append(Html.Escape(document.Title)).Append("</h1>\n");
        h.Append("<p class=\"meta\">Generated ").Append(Html.Escape(ProvenanceSection.Utc(document.GeneratedUtc)))
            .Append(" by hipfx ").Append(Html.Escape(document.GeneratorVersion))
            .Append(". Every number below is quoted from the run's files (named under each table); nothing is recomputed.</p>\n</header>\n");

        Contents(h, document);
        h.Append("<main>\n");
        foreach (var section in document.Sections)
        {
            h.Append("<section id=\"").Append(Html.Escape(section.Id)).Append("\" aria-labelledby=\"").Append(Html.Escape(section.Id)).Append("-title\">\n");
            h.Append("<h2 id=\"").Append(Html.Escape(section.Id)).Append("-title\">").Append(Html.Escape(section.Title)).Append("</h2>\n");
            foreach (var block in section.Blocks)
            {
                Block(h, block);
            }
            h.Append("</section>\n");
        }
        h.Append("</main>\n<footer>\n<p>hipfx is research software, not a medical device. Published values: ")
            .Append(Html.Escape(PaperResults.Citation)).Append(".</p>\n</footer>\n");
        h.Append("<script>").Append(ReportStyle.PrintScript).Append("</script>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static void Contents(StringBuilder h, ReportDocument document)
    {
        h.Append("<nav aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
        foreach (var section in document.Sections)
        {
            h.Append("<li><a href=\"#").Append(Html.Escape(section.Id)).Append("\">").Append(Html.Escape(section.Title)).Append("</a></li>\n");
        }
        h.Append("</ol>\n");
        if (document.Missing.Count > 0)
        {
            h.Append("<p><strong>Not in this run</strong> (left out of the report):</p>\n<ul class=\"missing\">\n");
            foreach (var m in document.Missing)
            {
                h.Append("<li id=\"missing-").Append(Html.Escape(m.Id)).Append("\"><strong>").Append(Html.Escape(m.Title))
                    .Append("</strong>: ").Append(Html.Escape(m.Reason)).Append("</li>\n");
            }
            h.Append("</ul>\n");
        }
        h.Append("</nav>\n");
    }

    private static void Block(StringBuilder h, ReportBlock block)
    {
        switch (block)
        {
            case HeadingBlock b:
                h.Append("<h3>").Append(Html.Escape(b.Text)).Append("</h3>\n");
                break;
            case ParagraphBlock b:
                h.Append("<p>").Append(Html.Escape(b.Text)).Append("</p>\n");
                break;
            case NoteBlock b:
                h.Append("<p class=\"note\" role=\"note\">").Append(Html.Escape(b.Text)).Append("</p>\n");
                break;
            case ListBlock b:
                h.Append("<ul>\n");
                foreach (string item in b.Items)
                {
                    h.Append("<li>").Append(Html.Escape(item)).Append("</li>\n");
                }
                h.Append("</ul>\n");
                break;
            case FactsBlock b:
                Facts(h, b);
                break;
            case DetailsBlock b:
                h.Append("<details>\n<summary>").Append(Html.Escape(b.Summary)).Append("</summary>\n<pre>")
                    .Append(Html.Escape(b.Text)).Append("</pre>\n</details>\n");
                break;
            case ChecksBlock b:
                Checks(h, b);
                break;
            case TableBlock b:
                Table(h, b);
                break;
            case FigureBlock b:
                Figure(h, b);
                break;
            case FigureGroupBlock b:
                h.Append("<div class=\"figure-row\">\n");
                foreach (var figure in b.Figures)
                {
                    Figure(h, figure);
                }
                h.Append("</div>\n");
                break;
            default:
                throw new InvalidOperationException($"no HTML for {block.GetType().Name}");
        }
    }

    private static void Facts(StringBuilder h, FactsBlock b)
    {
        h.Append("<div class=\"table-wrap\">\n<table class=\"facts\" id=\"").Append(Html.Escape(b.Id)).Append("\">\n<caption>")
            .Append(Html.Escape(b.Caption)).Append("</caption>\n<tbody>\n");
        foreach (var (name, value) in b.Facts)
        {
            h.Append("<tr><th scope=\"row\">").Append(Html.Escape(name)).Append("</th><td>").Append(Html.Escape(value)).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n</div>\n");
    }

    private static void Checks(StringBuilder h, ChecksBlock b)
    {
        if (b.Checks.Count == 0)
        {
            h.Append("<p class=\"note\" role=\"note\">No cross-checks apply: the run has too few of its files for any.</p>\n");
            return;
        }
        h.Append("<div class=\"table-wrap\">\n<table class=\"checks\" id=\"checks\">\n<caption>Cross-checks between the run's files</caption>\n");
        h.Append("<thead><tr><th scope=\"col\">Check</th><th scope=\"col\">Result</th><th scope=\"col\">Detail</th></tr></thead>\n<tbody>\n");
        foreach (var c in b.Checks)
        {
            h.Append("<tr><th scope=\"row\">").Append(Html.Escape(c.What)).Append("</th><td class=\"")
                .Append(c.Passed ? "pass\">✓ passed" : "fail\">✗ failed").Append("</td><td>").Append(Html.Escape(c.Detail)).Append("</td></tr>\n");
        }
        h.Append("</tbody>\n</table>\n</div>\n");
    }

    private static void Table(StringBuilder h, TableBlock b)
    {
        var t = b.Table;
        h.Append("<div class=\"table-wrap\">\n<table id=\"").Append(Html.Escape(b.Id)).Append('"');
        if (b.Source is { } source)
        {
            h.Append(" data-source=\"").Append(Html.Escape(source)).Append('"');
        }
        h.Append(">\n<caption>").Append(Html.Escape(t.Title));
        if (b.Source is { } s)
        {
            h.Append(" <span class=\"source\">(").Append(Html.Escape(s)).Append(")</span>");
        }
        h.Append("</caption>\n<thead><tr>");
        // Each paper column right after the run's column it compares with; the others at the end.
        var keys = t.Columns.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var after = b.Paper.Where(p => keys.Contains(p.AfterKey)).ToLookup(p => p.AfterKey, StringComparer.Ordinal);
        var trailing = b.Paper.Where(p => !keys.Contains(p.AfterKey)).ToList();
        foreach (var c in t.Columns)
        {
            h.Append("<th scope=\"col\" data-key=\"").Append(Html.Escape(c.Key)).Append("\">").Append(Html.Escape(c.Header)).Append("</th>");
            foreach (var p in after[c.Key])
            {
                PaperHeader(h, p);
            }
        }
        foreach (var p in trailing)
        {
            PaperHeader(h, p);
        }
        h.Append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < t.Rows.Count; r++)
        {
            h.Append("<tr>");
            for (int c = 0; c < t.Columns.Count; c++)
            {
                Cell(h, c == 0 ? "th scope=\"row\"" : "td", t.Columns[c].Key, t.Rows[r][c]);
                foreach (var p in after[t.Columns[c].Key])
                {
                    PaperCell(h, p, r);
                }
            }
            foreach (var p in trailing)
            {
                PaperCell(h, p, r);
            }
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n</div>\n");
        if (t.Footnotes.Count > 0)
        {
            h.Append("<ul class=\"footnotes\">\n");
            foreach (string note in t.Footnotes)
            {
                h.Append("<li>").Append(Html.Escape(note)).Append("</li>\n");
            }
            h.Append("</ul>\n");
        }
        if (b.PaperNote is { } paperNote)
        {
            h.Append("<p class=\"paper-note\">").Append(Html.Escape(paperNote)).Append("</p>\n");
        }
    }

    private static void PaperHeader(StringBuilder h, PaperColumn p) =>
        h.Append("<th scope=\"col\" class=\"paper\" data-key=\"").Append(Html.Escape(p.Key)).Append("\">").Append(Html.Escape(p.Header)).Append("</th>");

    private static void PaperCell(StringBuilder h, PaperColumn p, int row)
    {
        h.Append("<td class=\"paper\" data-key=\"").Append(Html.Escape(p.Key)).Append('"');
        if (p.Values[row] is { } v)
        {
            h.Append(" data-value=\"").Append(Number(v)).Append("\">").Append(PaperComparison.Format(v));
        }
        else
        {
            h.Append(">—");
        }
        h.Append("</td>");
    }

    private static void Cell(StringBuilder h, string tag, string key, TableCell cell)
    {
        h.Append('<').Append(tag).Append(" data-key=\"").Append(Html.Escape(key)).Append('"');
        Attribute(h, "data-value", cell.Value);
        Attribute(h, "data-lower", cell.Lower);
        Attribute(h, "data-upper", cell.Upper);
        if (cell.Numerator is { } k)
        {
            h.Append(" data-numerator=\"").Append(k.ToString(CultureInfo.InvariantCulture)).Append('"');
        }
        if (cell.Denominator is { } n)
        {
            h.Append(" data-n=\"").Append(n.ToString(CultureInfo.InvariantCulture)).Append('"');
        }
        h.Append('>').Append(Html.Escape(cell.Text)).Append("</").Append(tag.Split(' ')[0]).Append('>');
    }

    private static void Attribute(StringBuilder h, string name, double? value)
    {
        if (value is { } v)
        {
            h.Append(' ').Append(name).Append("=\"").Append(Number(v)).Append('"');
        }
    }

    private static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static void Figure(StringBuilder h, FigureBlock b)
    {
        h.Append("<figure id=\"").Append(Html.Escape(b.Id)).Append('"');
        if (b.Source is { } source)
        {
            h.Append(" data-source=\"").Append(Html.Escape(source)).Append('"');
        }
        h.Append(">\n<img alt=\"").Append(Html.Escape(b.Alt)).Append('"');
        if (PngSize(b.Png) is { } size)
        {
            h.Append(string.Create(CultureInfo.InvariantCulture, $" width=\"{size.Width}\" height=\"{size.Height}\""));
        }
        h.Append(" src=\"data:image/png;base64,").Append(Convert.ToBase64String(b.Png)).Append("\">\n<figcaption>").Append(Html.Escape(b.Caption));
        if (b.Source is { } s)
        {
            h.Append(" <span class=\"source\">(").Append(Html.Escape(s)).Append(")</span>");
        }
        h.Append("</figcaption>\n</figure>\n");
    }

    /// <summary>Width and height from the PNG's IHDR chunk (bytes 16–23), for layout before decoding.</summary>
    private static (int Width, int Height)? PngSize(byte[] png) =>
        png.Length >= 24 ? (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))) : null;
}
