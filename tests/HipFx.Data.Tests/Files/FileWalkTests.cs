using System.Diagnostics;
using HipFx.Data.Files;
using HipFx.Tests;

namespace HipFx.Data.Tests.Files;

public class FileWalkTests
{
    private static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", path) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    [Fact]
    public void Returns_regular_files_in_ordinal_order_and_skips_fifos_devices_and_dangling_links_with_a_reason()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // FIFOs and /dev/zero are Unix
        }
        using var tmp = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(tmp.File("d/sub"));
        File.WriteAllText(tmp.File("d/b.png"), "x");
        File.WriteAllText(tmp.File("d/a.dcm"), "x");
        File.WriteAllText(tmp.File("d/sub/c.jpg"), "x");
        File.WriteAllText(tmp.File("d/notes.txt"), "x");
        MakeFifo(tmp.File("d/pipe.dcm"));
        File.CreateSymbolicLink(tmp.File("d/zero.png"), "/dev/zero");
        File.CreateSymbolicLink(tmp.File("d/gone.png"), tmp.File("nowhere.png"));
        File.CreateSymbolicLink(tmp.File("d/same.png"), tmp.File("d/b.png"));

        var found = ImageFiles.InFolder(tmp.File("d"));

        Assert.Equal([tmp.File("d/a.dcm"), tmp.File("d/b.png"), tmp.File("d/same.png"), tmp.File("d/sub/c.jpg")], found.Files);
        var reasons = found.Skipped.ToDictionary(s => Path.GetFileName(s.Path), s => s.Reason);
        Assert.Equal(["gone.png", "pipe.dcm", "zero.png"], reasons.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("FIFO", reasons["pipe.dcm"]);
        Assert.Contains("character device", reasons["zero.png"]);
        Assert.Contains("link to nothing", reasons["gone.png"]);
    }

    [Fact]
    public void Linked_folders_are_not_followed_by_default_and_never_visited_twice_when_followed()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // symbolic links need privileges on Windows
        }
        using var tmp = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(tmp.File("in/x"));
        Directory.CreateDirectory(tmp.File("outside"));
        File.WriteAllText(tmp.File("in/x/a.png"), "x");
        File.WriteAllText(tmp.File("outside/secret.dcm"), "x");
        Directory.CreateSymbolicLink(tmp.File("in/up"), "..");            // a cycle back above the root
        Directory.CreateSymbolicLink(tmp.File("in/again"), tmp.File("in/x")); // the same folder a second time
        File.CreateSymbolicLink(tmp.File("in/leak.dcm"), tmp.File("outside/secret.dcm"));

        var plain = ImageFiles.InFolder(tmp.File("in"));
        Assert.Equal([tmp.File("in/x/a.png")], plain.Files);
        Assert.Equal(["again", "leak.dcm", "up"], plain.Skipped.Select(s => Path.GetFileName(s.Path)));
        Assert.All(plain.Skipped, s => Assert.Contains("not followed", s.Reason));

        var followed = ImageFiles.InFolder(tmp.File("in"), new FileWalkOptions { FollowLinks = true });
        // up -> .. reaches the temp root once: its in/ is the walk's own root (already visited), outside/ is new.
        Assert.Contains(tmp.File("in/leak.dcm"), followed.Files);
        Assert.Contains(tmp.File("in/up/outside/secret.dcm"), followed.Files);
        Assert.Single(followed.Files, f => f.EndsWith("a.png", StringComparison.Ordinal));
        Assert.Contains(followed.Skipped, s => s.Reason.Contains("already visited", StringComparison.Ordinal));
    }

    [Fact]
    public void An_image_id_finds_png_jpeg_and_dicom_files_and_refuses_a_fifo()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // FIFOs are Unix
        }
        using var tmp = RepoPaths.NewTempFolder();
        File.WriteAllText(tmp.File("a.png"), "x");
        File.WriteAllText(tmp.File("a.dcm"), "x");
        File.WriteAllText(tmp.File("b.dcm"), "x");
        File.WriteAllText(tmp.File("c"), "x");
        MakeFifo(tmp.File("p.png"));

        Assert.Equal(tmp.File("a.png"), ImageFiles.ForImageId(tmp.Path, "a"));
        Assert.Equal(tmp.File("b.dcm"), ImageFiles.ForImageId(tmp.Path, "b"));
        Assert.Equal(tmp.File("c"), ImageFiles.ForImageId(tmp.Path, "c"));
        Assert.Null(ImageFiles.ForImageId(tmp.Path, "zz"));
        var e = Assert.Throws<HipFx.Core.HipFxDataException>(() => ImageFiles.ForImageId(tmp.Path, "p"));
        Assert.Equal(tmp.File("p.png"), e.FilePath);
    }

    [Fact]
    public void Collect_keeps_named_files_in_order_skips_overlays_and_names_a_missing_input()
    {
        using var tmp = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(tmp.File("f"));
        File.WriteAllText(tmp.File("f/b.png"), "x");
        File.WriteAllText(tmp.File("f/b.overlay.png"), "x");
        File.WriteAllText(tmp.File("z.jpg"), "x");

        var found = ImageFiles.Collect([tmp.File("z.jpg"), tmp.File("f"), tmp.File("f/b.png")]);

        Assert.Equal([tmp.File("z.jpg"), tmp.File("f/b.png")], found.Files);
        var e = Assert.Throws<HipFx.Core.HipFxDataException>(() => ImageFiles.Collect([tmp.File("none.png")]));
        Assert.Equal(tmp.File("none.png"), e.FilePath);
    }

    [Fact]
    public void Lint_and_convert_report_a_fifo_instead_of_hanging_on_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // FIFOs are Unix
        }
        using var tmp = RepoPaths.NewTempFolder();
        Directory.CreateDirectory(tmp.File("d"));
        MakeFifo(tmp.File("d/x.xml"));
        MakeFifo(tmp.File("d/y.dcm"));

        var lint = HipFx.Data.Manifests.DatasetLinter.Lint(tmp.File("d"));
        Assert.Contains(lint.Issues, i => i.Code == HipFx.Data.Manifests.LintCodes.NotRegularFile && i.File == tmp.File("d/x.xml"));

        var convert = HipFx.Data.Dicom.Conversion.DicomConverter.Run(new HipFx.Data.Dicom.Conversion.DicomConvertOptions
        {
            InputFolder = tmp.File("d"),
            OutputFolder = tmp.File("out"),
            Salt = "s",
        });
        var failed = Assert.Single(convert.Results);
        Assert.Equal("y.dcm", failed.RelativePath);
        Assert.Contains("FIFO", failed.Reason);
    }
}
