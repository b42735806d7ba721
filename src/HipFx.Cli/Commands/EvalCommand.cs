using System.CommandLine;
using System.Globalization;
using HipFx.Cli.Models;
using HipFx.Cli.Output;
using HipFx.Core;
using HipFx.Data.Voc;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Evaluation.Statistics;

namespace HipFx.Cli.Commands;

/// <summary>
/// <c>hipfx eval</c>: the paper's tables (II, III), detection AP, confusion matrix, audit, COCO files and
/// pictures for one split, from a model or a COCO detections file.
/// </summary>
internal sealed class EvalCommand : ICliCommand
{
    private readonly Option<string?> model = new("--model") { Description = "Run folder or checkpoint of a trained model." };

    private readonly Option<FileInfo?> detections = new("--detections")
    {
        Description = "Evaluate these detections (COCO results JSON: image_id, category_id 1..4, bbox [x,y,w,h], score) instead of running a model.",
    };

    private readonly Option<FileInfo?> manifest = new("--manifest") { Description = "Manifest CSV (with VOC annotation files) giving the ground truth and splits." };

    private readonly Option<FileInfo?> groundTruth = new("--ground-truth")
    {
        Description = "COCO ground-truth JSON instead of a manifest (as eval writes it: images carry split, patient_id, label).",
    };

    private readonly Option<string> split = new("--split")
    {
        Description = "Split to evaluate: test, val or external.",
        DefaultValueFactory = _ => "test",
    };

    private readonly Option<DirectoryInfo> output = new("--out", "-o") { Description = "Output folder.", Required = true };

    private readonly Option<double?> tau = new("--tau") { Description = "Decision threshold τ (overrides a locked tau.json)." };

    private readonly Option<bool> tauFromVal = new("--tau-from-val")
    {
        Description = "Use the τ locked in tau.json; if there is none, choose τ on the val split (max macro Youden J, ties → higher τ) and lock it there.",
    };

    private readonly Option<FileInfo?> tauFile = new("--tau-file")
    {
        Description = "Where τ is locked (default: tau.json in the run folder, or beside --detections).",
    };

    private readonly Option<bool> valgusPriority = new("--valgus-priority")
    {
        Description = "Prefer valgus_impacted_fnf over displaced_fnf on the same hip when the valgus score ≥ τ_v.",
    };

    private readonly Option<double> valgusTau = new("--valgus-tau")
    {
        Description = "τ_v for --valgus-priority.",
        DefaultValueFactory = _ => new DecisionOptions().ValgusTau,
    };

    private readonly Option<double> minIoU = new("--min-iou")
    {
        Description = "IoU at which a ground-truth box counts as found for the IoU/Dice means.",
        DefaultValueFactory = _ => new EvalOptions().OverlapMinIoU,
    };

    private readonly Option<int> bootstrap = new("--bootstrap")
    {
        Description = "Patient-level bootstrap resamples for the micro/macro rows and mAP (0: off).",
        DefaultValueFactory = _ => 0,
    };

    private readonly Option<int> seed = new("--seed")
    {
        Description = "Bootstrap seed.",
        DefaultValueFactory = _ => new BootstrapOptions().Seed,
    };

    private readonly Option<DirectoryInfo?> images = new("--images")
    {
        Description = "Folder of the images (<image_id>.png) when the ground truth is a COCO file: for the galleries, and for --model.",
    };

    private readonly Option<string> vocConvention = new("--voc-convention")
    {
        Description = "How VOC numbers map to pixel edges: labelimg_edge or voc_1based_inclusive.",
        DefaultValueFactory = _ => VocConventions.ConfigName(VocCoordinateConvention.LabelImgEdge),
    };

    private readonly Option<bool> allowExtraIds = new("--allow-extra-ids")
    {
        Description = "Ignore (and count) detections of images outside the evaluated split, for a --detections file that covers several splits. Without it they are an error.",
    };

    private readonly Option<int> batch = new("--batch") { Description = "Images per model batch.", DefaultValueFactory = _ => 8 };

    public Command Build(GlobalOptions globals)
    {
        var command = new HipFxCommand("eval",
            "Evaluate on a split: Table II/III with counts and 95% Wilson intervals, COCO AP, confusion matrix, audit CSV, COCO files, pictures.");
        command.MapKey(nameof(EvalOptions.OverlapMinIoU), minIoU).MapKey(nameof(BootstrapOptions.Resamples), bootstrap)
            .MapKey(nameof(EvalRunOptions.BatchSize), batch);
        foreach (var option in new Option[] { model, detections, manifest, groundTruth, split, output, tau, tauFromVal, tauFile,
                     valgusPriority, valgusTau, minIoU, bootstrap, seed, images, vocConvention, allowExtraIds, batch })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            string? modelPath = parse.GetValue(model);
            var detectionsFile = parse.GetValue(detections);
            DetectionSource.RequireExactlyOne(modelPath, detectionsFile?.FullName);
            var options = new EvalRunOptions
            {
                ModelPath = modelPath,
                DetectionsPath = detectionsFile?.FullName,
                ManifestPath = parse.GetValue(manifest)?.FullName,
                GroundTruthPath = parse.GetValue(groundTruth)?.FullName,
                Split = parse.GetValue(split)!.Trim().ToLowerInvariant(),
                OutputFolder = parse.GetValue(output)!.FullName,
                Tau = parse.GetValue(tau),
                TauFromVal = parse.GetValue(tauFromVal),
                TauFile = parse.GetValue(tauFile)?.FullName,
                ImagesFolder = parse.GetValue(images)?.FullName,
                BatchSize = parse.GetValue(batch),
                AllowExtraIds = parse.GetValue(allowExtraIds),
                GroundTruth = new GroundTruthOptions
                {
                    Voc = VocReadOptions.Default with { Convention = VocConventions.Parse(parse.GetValue(vocConvention)!) },
                },
                Evaluation = new EvalOptions
                {
                    Decision = new DecisionOptions { ValgusPriority = parse.GetValue(valgusPriority), ValgusTau = parse.GetValue(valgusTau) },
                    OverlapMinIoU = parse.GetValue(minIoU),
                    Bootstrap = new BootstrapOptions { Resamples = parse.GetValue(bootstrap), Seed = parse.GetValue(seed) },
                },
            };
            int batchSize = options.BatchSize;
            var run = modelPath is null
                ? new EvalRunner(options).Run()
                : ProgressDisplay.Run(parse.InvocationConfiguration.Error, "detect", progress =>
                    new EvalRunner(options, () => DetectorLoader.Load(modelPath, parse, globals, batchSize),
                        (_, done, total) => progress(done, total)).Run());

            foreach (var table in run.Files.Tables)
            {
                ResultTableRenderer.Write(stdout, table, includeStamp: false);
                stdout.WriteLine();
            }
            stdout.WriteLine($"Run: {ResultTableRenderer.StampLine(run.Stamp)}");
            foreach (var warning in run.Warnings)
            {
                parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
            }
            if (run.ChosenNow is { } chosen)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"τ = {chosen.Tau:0.####} chosen on val ({chosen.Images} images, {chosen.Candidates} candidates, macro Youden J = {chosen.Objective:0.###}), locked in {run.TauFile}"));
            }
            stdout.WriteLine($"Wrote {run.Files.All.Count()} files to {options.OutputFolder}:");
            foreach (var file in run.Files.All)
            {
                stdout.WriteLine($"  {Path.GetRelativePath(options.OutputFolder, file)}");
            }
            return HipFxApp.ExitOk;
        });
        return command;
    }
}
