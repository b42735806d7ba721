using HipFx.Tests;
using SkiaSharp;

namespace HipFx.Cli.Tests.Report;

/// <summary>
/// The report in a real browser: headless Chromium loads report.html of the fixture run offline; the DOM holds every
/// table with the numbers of the run's JSON, and the screenshot is a drawn page, not a blank one. Without Chromium the
/// test is skipped with a message, except where <c>HIPFX_REQUIRE_CHROMIUM</c> is set (<c>.ci/run</c> sets it and
/// installs Debian's chromium), where it fails. The screenshot is kept in artifacts/report-browser/ for people to look at.
/// </summary>
[Collection(FixtureRunCollection.Name)]
public class ReportBrowserTests(FixtureRun fixture)
{
    [SkippableFact]
    public void Chromium_shows_every_table_with_the_run_numbers_and_a_drawn_page()
    {
        var chromium = HeadlessChromium.Find();
        if (chromium is null)
        {
            const string message = "Chromium not found (apt-get install chromium, or set HIPFX_CHROMIUM): the report's browser test did not run";
            Assert.False(HeadlessChromium.Required, message + $" and {HeadlessChromium.RequireVariable} is set");
            Skip.If(true, message);
        }
        var (code, stdout, stderr) = CliRunner.Run("report", fixture.Run);
        Assert.True(code == 0, stdout + stderr);
        string report = fixture.File("report.html");
        string written = File.ReadAllText(report);
        using var profile = RepoPaths.NewTempFolder();

        string dom = chromium!.DumpDom(report, profile.Path);
        var shown = HtmlTables.Parse(dom);
        Assert.Equal(HtmlTables.Parse(written).Keys.Order(), shown.Keys.Order());
        Assert.Equal(12, ReportJsonCheck.AssertTablesMatchJson(shown, fixture.Run));
        foreach (string id in new[] { "provenance-summary", "split-census", "checks", "table-ii", "detection-ap-test", "confusion-test", "table-iii-model",
                     "table-iii-readers-I", "table-iii-readers-II", "table-iii-readers-III", "paper-table-iii", "reader-summary", "agreement", "ai-effect", "training-summary" })
        {
            Assert.True(shown.ContainsKey(id), $"the browser's DOM has no table '{id}'");
        }
        Assert.Equal(System.Text.RegularExpressions.Regex.Count(written, "<img "), System.Text.RegularExpressions.Regex.Count(dom, "<img "));

        string folder = Path.Combine(RepoPaths.Root, "artifacts", "report-browser");
        Directory.CreateDirectory(folder);
        string png = Path.Combine(folder, "report-top.png");
        File.Delete(png);
        chromium.Screenshot(report, png, profile.Path, 1280, 2000);
        using var bitmap = SKBitmap.Decode(png) ?? throw new InvalidDataException($"{png} is not a picture");
        Assert.Equal((1280, 2000), (bitmap.Width, bitmap.Height));
        var (mean, sd, inked) = Luminance(bitmap);
        Assert.True(sd > 20 && inked > 0.02, $"the screenshot looks blank: mean luminance {mean:0.0}, SD {sd:0.0}, {inked:P1} of pixels darker than 200");
        // The title is drawn where the page begins: dark pixels in the top band.
        Assert.True(Luminance(bitmap, 0, 0, 600, 60).Inked > 0.01, "nothing drawn in the title band");
    }

    /// <summary>Mean and SD of luminance, and the share of pixels darker than 200, over a region (default: all).</summary>
    private static (double Mean, double Sd, double Inked) Luminance(SKBitmap bitmap, int x0 = 0, int y0 = 0, int width = 0, int height = 0)
    {
        width = width == 0 ? bitmap.Width : width;
        height = height == 0 ? bitmap.Height : height;
        double sum = 0, squares = 0;
        long dark = 0, n = 0;
        for (int y = y0; y < y0 + height; y += 2)
        {
            for (int x = x0; x < x0 + width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                double l = 0.2126 * c.Red + 0.7152 * c.Green + 0.0722 * c.Blue;
                sum += l;
                squares += l * l;
                dark += l < 200 ? 1 : 0;
                n++;
            }
        }
        double mean = sum / n;
        return (mean, Math.Sqrt(Math.Max(0, squares / n - mean * mean)), (double)dark / n);
    }
}
