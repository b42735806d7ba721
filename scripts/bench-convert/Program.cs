using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HipFx.BenchConvert;
using HipFx.Data.Dicom;
using HipFx.Data.Dicom.Conversion;
using HipFx.Data.Dicom.Lut;

// Usage: bench-convert [--width 2500] [--height 3000] [--copies 8] [--png-level 1] [--work DIR] [--json PATH] [--keep]
var arguments = args.Select((a, i) => (a, i)).ToDictionary(p => p.a, p => p.i);
string Arg(string name, string fallback) => arguments.TryGetValue(name, out var i) && i + 1 < args.Length ? args[i + 1] : fallback;
var width = int.Parse(Arg("--width", "2500"), CultureInfo.InvariantCulture);
var height = int.Parse(Arg("--height", "3000"), CultureInfo.InvariantCulture);
var copies = int.Parse(Arg("--copies", "8"), CultureInfo.InvariantCulture);
var work = Arg("--work", Path.Combine(Path.GetTempPath(), "hipfx-bench-convert"));
var jsonPath = Arg("--json", Path.Combine("artifacts", "bench", "convert.json"));
var cores = Environment.ProcessorCount;
var pngLevel = int.Parse(Arg("--png-level", "1"), CultureInfo.InvariantCulture);

if (Directory.Exists(work))
{
    Directory.Delete(work, recursive: true);
}
Directory.CreateDirectory(work);
var uncompressed = Path.Combine(work, "synthetic.dcm");
Console.WriteLine($"generating a {width} x {height} 12-bit synthetic radiograph in {work} ...");
SyntheticRadiograph.Write(uncompressed, width, height, seed: 1);

var kinds = new List<(string Name, string File)> { ("uncompressed", uncompressed) };
var jpeg = Path.Combine(work, "synthetic-jpeg-lossless.dcm");
if (RunTool("dcmcjpeg", "+e1", uncompressed, jpeg))
{
    kinds.Add(("JPEG Lossless SV1", jpeg));
}
else
{
    Console.WriteLine("dcmcjpeg (DCMTK) not found or failed: JPEG Lossless is not measured (apt-get install dcmtk)");
}

var rows = new List<Dictionary<string, object>>();
foreach (var (name, file) in kinds)
{
    // Stage timings on one file, warm (median of 5).
    var stages = StageTimes(file, repeats: 5, pngLevel);
    // Whole converter: one job (per core), then all cores.
    var input = Path.Combine(work, name.Replace(' ', '_') + "-in");
    Directory.CreateDirectory(input);
    for (var c = 0; c < copies; c++)
    {
        File.Copy(file, Path.Combine(input, $"copy{c:D3}.dcm"));
    }
    var single = Throughput(input, Path.Combine(work, "out1-" + name.Replace(' ', '_')), 1, null, pngLevel);
    var all = Throughput(input, Path.Combine(work, "outN-" + name.Replace(' ', '_')), cores, null, pngLevel);
    var resized = Throughput(input, Path.Combine(work, "outR-" + name.Replace(' ', '_')), 1, 1024, pngLevel);
    rows.Add(new Dictionary<string, object>
    {
        ["kind"] = name,
        ["file_mb"] = Math.Round(new FileInfo(file).Length / 1e6, 1),
        ["read_ms"] = stages.Read,
        ["decode_ms"] = stages.Decode,
        ["render16_ms"] = stages.Render,
        ["png16_ms"] = stages.Png,
        ["images_per_s_1_job"] = single.Wall,
        [$"images_per_s_{cores}_jobs"] = all.Wall,
        ["images_per_cpu_s"] = all.PerCpuSecond,
        ["images_per_cpu_s_max_size_1024"] = resized.PerCpuSecond,
    });
}

Console.WriteLine();
Console.WriteLine($"hipfx convert throughput, {width} x {height} 16-bit (12 stored), {copies} files, {cores} cores, PNG zlib level {pngLevel}");
Console.WriteLine($"load average: {LoadAverage()} (wall-time columns are only meaningful on an idle machine; per-CPU-second columns are images per core)");
Console.WriteLine($"| kind | file MB | read ms | decode ms | render16 ms | png16 ms | img/s 1 job | img/s {cores} jobs | img/CPU-s (per core) | img/CPU-s --max-size 1024 |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
foreach (var r in rows)
{
    Console.WriteLine(string.Join(" | ", r.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))).Insert(0, "| ") + " |");
}
Console.WriteLine("targets: 30 img/s/core uncompressed, 5 img/s/core JPEG Lossless");
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
File.WriteAllText(jsonPath, JsonSerializer.Serialize(new
{
    width, height, copies, cores, pngLevel, loadAverage = LoadAverage(), date = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
    machine = Environment.MachineName, results = rows,
}, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"wrote {jsonPath}");
if (!arguments.ContainsKey("--keep"))
{
    Directory.Delete(work, recursive: true);
}

// Images per second of wall time, and per second of this process's CPU time (= per core, and robust to a
// machine shared with other jobs, where wall time mostly measures waiting).
static (double Wall, double PerCpuSecond) Throughput(string input, string output, int jobs, int? maxSize, int pngLevel)
{
    var options = new DicomConvertOptions { InputFolder = input, OutputFolder = output, Salt = "bench", Parallelism = jobs, MaxSize = maxSize, PngCompressionLevel = pngLevel };
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var report = DicomConverter.Run(options);
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    if (report.Failed > 0)
    {
        throw new InvalidOperationException(report.Results.First(r => r.Reason is not null).Reason);
    }
    return (Math.Round(report.Converted / report.Elapsed.TotalSeconds, 2), Math.Round(report.Converted / cpuSeconds, 2));
}

static (double Read, double Decode, double Render, double Png) StageTimes(string file, int repeats, int pngLevel)
{
    var read = new List<double>();
    var decode = new List<double>();
    var render = new List<double>();
    var png = new List<double>();
    for (var i = 0; i < repeats + 1; i++)
    {
        var clock = Stopwatch.StartNew();
        var dicom = DicomReader.Read(file);
        var t1 = clock.Elapsed.TotalMilliseconds;
        var image = dicom.Image;
        var frame = image.ReadFrame();
        var t2 = clock.Elapsed.TotalMilliseconds;
        var gray = DisplayRenderer.ToGray16(frame, image.Description, image.ModalityLut);
        var t3 = clock.Elapsed.TotalMilliseconds;
        PngWriter.Write(Stream.Null, System.Runtime.InteropServices.MemoryMarshal.AsBytes(gray.AsSpan()), frame.Width, frame.Height, 16, 0, pngLevel);
        var t4 = clock.Elapsed.TotalMilliseconds;
        if (i > 0)
        {
            read.Add(t1);
            decode.Add(t2 - t1);
            render.Add(t3 - t2);
            png.Add(t4 - t3);
        }
    }
    static double Median(List<double> v) => Math.Round(v.Order().ElementAt(v.Count / 2), 1);
    return (Median(read), Median(decode), Median(render), Median(png));
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static bool RunTool(string tool, params string[] args)
{
    try
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        using var process = Process.Start(info)!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return false;
    }
}
