using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using HipFx.Cli.Output;
using HipFx.Data.Cache;
using HipFx.Data.Manifests;
using HipFx.Training.Pipeline;
using Spectre.Console;

namespace HipFx.Cli.Commands;

/// <summary><c>hipfx cache</c>: the explicit decode pass that fills the training image cache.</summary>
internal sealed class CacheCommand : ICliCommand
{
    public Command Build(GlobalOptions globals)
    {
        var manifest = new Option<string>("--manifest") { Description = "Dataset manifest (CSV).", Required = true };
        var split = new Option<string>("--split") { Description = "Split to cache.", DefaultValueFactory = _ => "train" };
        var size = new Option<int>("--size") { Description = "Network input size (multiple of 32).", DefaultValueFactory = _ => 1024 };
        var cache = new Option<string?>("--cache") { Description = "Cache folder (default: .hipfx-cache beside the manifest)." };
        var workers = new Option<int>("--workers") { Description = "Decoding threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var skipBad = new Option<bool>("--skip-bad-images") { Description = "Skip and list unreadable images instead of stopping." };
        var command = new Command("cache", "Decode the images of a split once into the training cache (intensity mapping + resize to the input size).");
        foreach (var option in new Option[] { manifest, split, size, cache, workers, skipBad })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            int threads = parse.GetValue(workers);
            if (threads < 1)
            {
                throw new Core.HipFxConfigException($"--workers must be at least 1, found {threads}");
            }
            var data = new TrainingData
            {
                ManifestPath = parse.GetValue(manifest)!,
                Split = DatasetSplits.Parse(parse.GetValue(split)!),
                Size = parse.GetValue(size),
                CacheFolder = parse.GetValue(cache),
                Options = new TrainingDataOptions { SkipBadImages = parse.GetValue(skipBad) },
            };
            var clock = Stopwatch.StartNew();
            using var opened = data.Open(threads);
            var console = CliConsole.For(parse.InvocationConfiguration.Output, 120);
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{opened.Count} images cached at {opened.Size}² ({opened.Decoded} decoded now, {opened.Count - opened.Decoded} already cached) in {clock.Elapsed.TotalSeconds:0.0} s"));
            foreach (var s in opened.Skipped)
            {
                console.WriteLine($"skipped {s.FilePath}: {s.Reason}");
            }
            return HipFxApp.ExitOk;
        });
        return command;
    }
}
