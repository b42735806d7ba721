using System.CommandLine;
using HipFx.Cli.Output;
using HipFx.Data.Augment;
using HipFx.Data.Manifests;
using HipFx.Training.Pipeline;
using Spectre.Console;

namespace HipFx.Cli.Commands;

/// <summary><c>hipfx augment-preview</c>: a grid of augmented training samples with boxes and class names.</summary>
internal sealed class AugmentPreviewCommand : ICliCommand
{
    public Command Build(GlobalOptions globals)
    {
        var manifest = new Option<string>("--manifest") { Description = "Dataset manifest (CSV).", Required = true };
        var output = new Option<string>("--out") { Description = "PNG to write.", DefaultValueFactory = _ => "preview.png" };
        var split = new Option<string>("--split") { Description = "Split to sample.", DefaultValueFactory = _ => "train" };
        var size = new Option<int>("--size") { Description = "Network input size (multiple of 32).", DefaultValueFactory = _ => 1024 };
        var count = new Option<int>("--count") { Description = "Samples in the grid.", DefaultValueFactory = _ => 16 };
        var seed = new Option<long>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var noAug = new Option<bool>("--no-aug") { Description = "Show the no-aug phase (no mosaic, no mixup)." };
        var cache = new Option<string?>("--cache") { Description = "Cache folder (default: .hipfx-cache beside the manifest)." };
        var command = new Command("augment-preview", "Write a grid of augmented training samples (mosaic, mixup, affine, flip) with their boxes, as the model sees them.");
        foreach (var option in new Option[] { manifest, output, split, size, count, seed, noAug, cache })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            if (parse.GetValue(count) < 1 || parse.GetValue(count) > 64)
            {
                throw new Core.HipFxConfigException($"--count must be in 1..64, found {parse.GetValue(count)}");
            }
            var data = new TrainingData
            {
                ManifestPath = parse.GetValue(manifest)!,
                Split = DatasetSplits.Parse(parse.GetValue(split)!),
                Size = parse.GetValue(size),
                CacheFolder = parse.GetValue(cache),
            };
            using var opened = data.Open(Environment.ProcessorCount);
            string path = parse.GetValue(output)!;
            var augment = AugmentOptions.Default;
            // The no-aug phase is the last no_aug_epochs epochs: show epoch 0 of a run that is all no-aug.
            TrainingData.WritePreview(opened, augment, path, parse.GetValue(count), parse.GetValue(seed), epoch: 0,
                totalEpochs: parse.GetValue(noAug) ? augment.NoAugEpochs : augment.NoAugEpochs + 1);
            CliConsole.For(parse.InvocationConfiguration.Output, 120).WriteLine($"wrote {path}");
            return HipFxApp.ExitOk;
        });
        return command;
    }
}
