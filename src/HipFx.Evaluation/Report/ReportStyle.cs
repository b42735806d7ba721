namespace HipFx.Evaluation.Report;

/// <summary>
/// The report's stylesheet, inline: system fonts only (nothing fetched), tables that scroll on narrow screens, and a
/// print stylesheet (A4, each main section on a new page, tables and pictures kept whole, collapsed parts opened).
/// </summary>
internal static class ReportStyle
{
    public const string Css = """
:root { --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --band: #f6f8fa; --paper: #fff8e6; --pass: #1a7f37; --fail: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif; }
header, nav, main, footer { max-width: 1440px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; border-bottom: 3px solid var(--ink); }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 21px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 22px 0 8px; }
.meta, .source, .footnotes, .paper-note, footer { color: var(--muted); }
.source { font-size: 12px; font-weight: normal; }
nav ol { columns: 2; margin: 8px 0; }
nav .missing { margin: 4px 0 12px; }
.note { border-left: 4px solid #bf8700; background: #fff8c5; padding: 8px 12px; margin: 12px 0; }
.table-wrap { overflow-x: auto; margin: 12px 0 4px; }
table { border-collapse: collapse; font-size: 12.5px; }
caption { text-align: left; font-weight: 600; padding: 6px 0; caption-side: top; }
th, td { border: 1px solid var(--line); padding: 3px 6px; vertical-align: top; }
thead th { background: var(--band); text-align: left; }
tbody th { text-align: left; font-weight: 600; white-space: nowrap; }
td { font-variant-numeric: tabular-nums; white-space: nowrap; }
th.paper, td.paper { background: var(--paper); }
table.facts td { white-space: normal; overflow-wrap: anywhere; max-width: 900px; }
table.checks td { white-space: normal; }
.pass { color: var(--pass); font-weight: 600; }
.fail { color: var(--fail); font-weight: 600; }
.footnotes { font-size: 12px; margin: 4px 0 12px; padding-left: 18px; }
.paper-note { font-size: 12px; margin: 4px 0 16px; }
figure { margin: 16px 0; }
.figure-row { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
.figure-row figure { flex: 1 1 420px; max-width: 700px; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); }
figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; }
details { margin: 10px 0; }
summary { cursor: pointer; font-weight: 600; }
pre { background: var(--band); border: 1px solid var(--line); padding: 10px; overflow-x: auto; font-size: 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
footer { margin-top: 40px; padding-bottom: 24px; border-top: 1px solid var(--line); font-size: 12px; }
@page { size: A4; margin: 12mm; }
@media print {
  body { font-size: 10pt; }
  header, nav, main, footer { max-width: none; padding: 0; }
  main > section { break-before: page; }
  h2, h3, caption { break-after: avoid; }
  table { font-size: 7.5pt; }
  th, td { padding: 2px 4px; white-space: normal; }
  tbody th { white-space: normal; overflow-wrap: anywhere; }
  tr, figure, .note, table.facts, table.checks { break-inside: avoid; }
  .table-wrap { overflow: visible; }
  figure img { max-height: 230mm; width: auto; }
  details::details-content { content-visibility: visible; display: block; }
  summary { list-style: none; }
  a { color: inherit; text-decoration: none; }
  th.paper, td.paper, thead th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
""";

    /// <summary>Opens every collapsed part before printing (browsers without ::details-content).</summary>
    public const string PrintScript =
        "window.addEventListener('beforeprint', function () { document.querySelectorAll('details').forEach(function (d) { d.open = true; }); });";
}
