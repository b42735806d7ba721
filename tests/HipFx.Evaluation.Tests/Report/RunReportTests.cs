using System.Text.RegularExpressions;
using HipFx.Core;
using HipFx.Evaluation.Report;
using HipFx.Evaluation.Tables;
using HipFx.Tests;

namespace HipFx.Evaluation.Tests.Report;

public class RunReportTests
{
    private static readonly string[] AllSections =
        [ProvenanceSection.Id, ModelCardSection.Id, EvaluationSections.InternalId, EvaluationSections.ExternalId, ReaderStudySection.Id, TrainingSection.Id, ErrorGallerySection.Id];

    private static (ReportDocument Document, string Html) Report(ReportRunFolder run, bool paper = true)
    {
        var document = ReportDocumentBuilder.Build(new RunReportOptions { RunFolder = run.Folder, ComparePaper = paper });
        return (document, HtmlReportWriter.Render(document));
    }

    [Fact]
    public void A_full_run_has_every_section_in_order_and_nothing_missing()
    {
        using var run = new ReportRunFolder();
        var (document, html) = Report(run);
        Assert.Equal(AllSections, document.Sections.Select(s => s.Id));
        Assert.Empty(document.Missing);
        Assert.All(document.Sections, s => Assert.NotEmpty(s.Blocks));
        Assert.All(AllSections, id => Assert.Contains($"<section id=\"{id}\"", html));
        // Provenance first: checkpoint hash, manifest hash, τ.
        Assert.True(html.IndexOf("Checkpoint SHA-256", StringComparison.Ordinal) < html.IndexOf("id=\"model-card\"", StringComparison.Ordinal));
        Assert.Contains(FileHash.Sha256(run.File("best.safetensors")), html);
        Assert.Contains(ReportRunFolder.Hash, html);
        Assert.Contains("epoch 11", html);
    }

    [Fact]
    public void Parts_the_run_lacks_are_left_out_with_a_note_never_shown_empty()
    {
        using var run = new ReportRunFolder(new RunParts { External = false, Results = false, Galleries = false });
        var (document, html) = Report(run);
        string[] absent = [EvaluationSections.ExternalId, ReaderStudySection.Id, TrainingSection.Id, ErrorGallerySection.Id];
        Assert.Equal(absent, document.Missing.Select(m => m.Id));
        foreach (string id in absent)
        {
            Assert.DoesNotContain($"<section id=\"{id}\"", html);
            Assert.Matches($"<li id=\"missing-{id}\"><strong>[^<]+</strong>: [^<]+</li>", html);
        }
        Assert.All(document.Sections, s => Assert.NotEmpty(s.Blocks));
        Assert.Contains("Performance at another hospital is unknown", html);
    }

    [Fact]
    public void Every_table_cell_equals_the_run_json_it_quotes()
    {
        using var run = new ReportRunFolder();
        var (document, html) = Report(run);
        var tables = HtmlTables.Parse(html);
        int checkedTables = ReportJsonCheck.AssertTablesMatchJson(tables, run.Folder);
        // Table II, detection AP and confusion for both splits, Table III of the model, three phases, summary, κ, McNemar.
        Assert.Equal(document.Tables.Count(t => t.Source is not null), checkedTables);
        Assert.Equal(12, checkedTables);
        foreach (string id in new[] { "table-ii", "table-iii-model", "table-iii-readers-III", "agreement", "ai-effect", "confusion-test", "paper-table-iii" })
        {
            Assert.True(tables.ContainsKey(id), $"no table {id}");
        }
    }

    [Fact]
    public void The_papers_numbers_sit_beside_tables_of_its_setting_and_equal_PaperResults()
    {
        using var run = new ReportRunFolder();
        var tables = HtmlTables.Parse(Report(run).Html);
        var table2 = tables["table-ii"];
        foreach (var row in table2.Rows)
        {
            var c = PaperResults.ClassOf(row[0].Text);
            var cell = row.Single(x => x.Key == "paper_sensitivity");
            Assert.Equal(c is { } k ? PaperResults.TableII[k].Sensitivity.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—", cell.Text);
        }
        // Beside the column it compares with.
        Assert.Equal("paper_sensitivity", table2.ColumnKeys[table2.ColumnKeys.ToList().IndexOf("sensitivity") + 1]);
        var external = tables["table-iii-model"];
        var micro = external.Rows.Single(r => r[0].Text == "Micro AVG");
        Assert.Equal(PaperResults.TableIII[PaperResults.MicroRow][PaperResults.AverageReader].Specificity,
            double.Parse(micro.Single(x => x.Key == "paper_avg_sp").Data["data-value"], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void The_papers_numbers_are_left_out_where_the_setting_differs_or_when_asked()
    {
        using var run = new ReportRunFolder(new RunParts { ValgusPriority = true, Readers = false });
        var (document, html) = Report(run);
        var table2 = document.Tables.Single(t => t.Id == "table-ii");
        Assert.Empty(table2.Paper);
        Assert.Contains("valgus-priority", table2.PaperNote);
        Assert.DoesNotContain("class=\"paper\"", Report(run, paper: false).Html);
        Assert.Contains("paper-note", html);
    }

    [Fact]
    public void Text_from_the_run_is_escaped_never_markup()
    {
        using var run = new ReportRunFolder();
        string html = Report(run).Html;
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;", html);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Single(Regex.Matches(html, "<script"));
        Assert.Equal("&lt;a href=&quot;x&quot;&gt; &amp;amp;", Html.Escape("<a href=\"x\"> &amp;"));
    }

    [Fact]
    public void Nothing_is_fetched_from_anywhere_and_every_picture_is_embedded_with_alt_text()
    {
        using var run = new ReportRunFolder();
        var (document, html) = Report(run);
        Assert.Contains(ReportRunFolder.Url, html); // in the config, as plain text...
        Assert.DoesNotMatch("(?i)(src|href|action|srcset|poster|data|xlink:href)\\s*=\\s*[\"']?\\s*(https?:|//|file:|ftp:)", html); // ...never a link
        Assert.DoesNotMatch("(?i)url\\(|@import|<link|<iframe|<object|<embed", html);
        Assert.Contains("Content-Security-Policy", html);
        var images = Regex.Matches(html, "<img [^>]*>").Select(m => m.Value).ToList();
        Assert.Equal(document.Figures.Count(), images.Count);
        Assert.True(images.Count >= 9, $"{images.Count} pictures");
        Assert.All(images, img =>
        {
            Assert.Matches("alt=\"[^\"]{20,}\"", img);
            Assert.Matches("src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"", img);
        });
        Assert.Contains("@media print", html);
    }

    [Fact]
    public void Cross_checks_flag_a_tau_that_differs_from_the_locked_one()
    {
        using var good = new ReportRunFolder(new RunParts { Readers = false });
        Assert.All(ConsistencyChecksOf(good), c => Assert.True(c.Passed, c.What + ": " + c.Detail));
        using var bad = new ReportRunFolder(new RunParts { Readers = false, LockedTau = 0.4 });
        var tau = ConsistencyChecksOf(bad).Single(c => c.What == "The locked τ used unchanged");
        Assert.False(tau.Passed);
        Assert.Contains("0.4", tau.Detail);
    }

    [Fact]
    public void Tables_read_back_write_the_same_json()
    {
        using var run = new ReportRunFolder(new RunParts { External = false });
        foreach (string name in new[] { "table2", "table3", "detection_ap", "confusion_matrix" })
        {
            string path = run.File($"eval-test/{name}.json");
            using var again = new MemoryStream();
            ResultTableJson.Read(path).WriteJson(again);
            Assert.Equal(File.ReadAllBytes(path), again.ToArray());
        }
    }

    [Fact]
    public void A_missing_run_folder_is_a_usage_error_naming_it()
    {
        var e = Assert.Throws<HipFxConfigException>(() => ReportDocumentBuilder.Build(new RunReportOptions { RunFolder = "/no/such/run" }));
        Assert.Contains("/no/such/run", e.Message);
    }

    [Fact]
    public void The_runner_writes_report_html_in_the_run_folder_by_default()
    {
        using var run = new ReportRunFolder(new RunParts { External = false, Results = false });
        var result = RunReportRunner.Run(new RunReportOptions { RunFolder = run.Folder });
        Assert.Equal(run.File("report.html"), result.Path);
        Assert.Equal(result.Bytes, new FileInfo(result.Path).Length);
        Assert.Empty(Directory.GetFiles(run.Folder, "*.tmp*"));
    }

    private static IReadOnlyList<ConsistencyCheck> ConsistencyChecksOf(ReportRunFolder run) =>
        ReportDocumentBuilder.Build(new RunReportOptions { RunFolder = run.Folder }).Sections.Single(s => s.Id == ProvenanceSection.Id)
            .Blocks.OfType<ChecksBlock>().Single().Checks;
}
