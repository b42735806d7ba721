using HipFx.Tests;

namespace HipFx.Cli.Tests.Report;

[Collection(FixtureRunCollection.Name)]
public class ReportCommandTests(FixtureRun fixture)
{
    [Fact]
    public void Report_writes_report_html_in_the_run_folder_with_every_section_and_table()
    {
        var (code, stdout, stderr) = CliRunner.Run("report", fixture.Run);
        Assert.True(code == 0, stdout + stderr);
        string path = fixture.File("report.html");
        Assert.Contains($"Report: {path}", stdout);
        Assert.DoesNotContain("Not in this run", stdout);
        string html = File.ReadAllText(path);
        var tables = HtmlTables.Parse(html);
        Assert.Equal(12, ReportJsonCheck.AssertTablesMatchJson(tables, fixture.Run));
        Assert.True(tables.ContainsKey("split-census"));
        // The census counts the manifest: its total row equals the split command's total.
        var total = tables["split-census"].Rows.Single(r => r[0].Text == "total");
        Assert.Equal("120", total.Single(c => c.Key == "images").Text);
        Assert.All(tables["checks"].Rows, r => Assert.Contains("passed", r[1].Text));
        var glance = tables["provenance-summary"].Rows.ToDictionary(r => r[0].Text, r => r[1].Text);
        Assert.EndsWith("(completed)", glance["Trained"]);
        Assert.StartsWith("train ", glance["Split sizes"]);
        Assert.Equal(HipFx.Evaluation.Tables.FileHash.Sha256(fixture.File("best.safetensors")), glance["Checkpoint SHA-256"]);
    }

    [Fact]
    public void Out_puts_the_report_elsewhere_and_a_missing_run_is_a_usage_error()
    {
        using var tmp = RepoPaths.NewTempFolder();
        string target = tmp.File("sub/r.html");
        var (code, stdout, _) = CliRunner.Run("report", fixture.Run, "--out", target, "--no-paper");
        Assert.Equal(0, code);
        Assert.True(File.Exists(target), stdout);
        Assert.DoesNotContain("class=\"paper\"", File.ReadAllText(target));

        var (missing, _, err) = CliRunner.Run("report", tmp.File("no-such-run"));
        Assert.Equal(2, missing);
        Assert.Contains("no-such-run", err);
    }
}
