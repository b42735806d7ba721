using System.CommandLine;
using System.Globalization;
using HipFx.Cli.Models;
using HipFx.Cli.Output;
using HipFx.Core;
using HipFx.Data.Runs;
using HipFx.Evaluation.Metrics;
using HipFx.Evaluation.Pipeline;
using HipFx.Evaluation.Plots;

namespace HipFx.Cli.Commands;

/// <summary>
/// <c>hipfx predict</c>: boxes, classes and scores for new images, the image-level decision and its rule, as a
/// JSON per image and an overlay PNG drawn on the radiograph (the paper's AI assistance).
/// </summary>
internal sealed class PredictCommand : ICliCommand
{
    private readonly Argument<string[]> inputs = new("inputs")
    {
        Description = "Image files (PNG, JPEG, DICOM) or folders of them.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string?> model = new("--model") { Description = "Run folder or checkpoint (*.safetensors) of a trained model." };

    private readonly Option<FileInfo?> detections = new("--detections")
    {
        Description = "Draw these detections (COCO results JSON, image_id = file stem) instead of running a model.",
    };

    private readonly Option<DirectoryInfo> output = new("--out", "-o") { Description = "Output folder.", Required = true };

    private readonly Option<double?> tau = new("--tau") { Description = "Decision threshold τ (default: the run's locked tau.json, else 0.5)." };

    private readonly Option<bool> valgusPriority = new("--valgus-priority")
    {
        Description = "Prefer valgus_impacted_fnf over displaced_fnf on the same hip when the valgus score ≥ τ_v.",
    };

    private readonly Option<double> valgusTau = new("--valgus-tau") { Description = "τ_v for --valgus-priority.", DefaultValueFactory = _ => new DecisionOptions().ValgusTau };

    private readonly Option<bool> noOverlay = new("--no-overlay") { Description = "Write the JSON files only." };

    private readonly Option<int> overlayBoxes = new("--overlay-boxes")
    {
        Description = "Boxes ≥ τ drawn on an overlay besides the deciding box (the highest-scoring); the overlay says how many more were left out (all are in the JSON).",
        DefaultValueFactory = _ => PredictionOverlay.DefaultOtherBoxes,
    };

    private readonly Option<int> batch = new("--batch") { Description = "Images per model batch.", DefaultValueFactory = _ => 8 };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("predict", "Detect and classify hip fractures on new images: JSON per image and an overlay PNG with boxes, classes and scores.");
        command.Arguments.Add(inputs);
        foreach (var option in new Option[] { model, detections, output, tau, valgusPriority, valgusTau, noOverlay, overlayBoxes, batch })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            string? modelPath = parse.GetValue(model);
            var detectionsFile = parse.GetValue(detections);
            DetectionSource.RequireExactlyOne(modelPath, detectionsFile?.FullName);
            int batchSize = OptionRules.Positive(parse.GetValue(batch), "Batch");
            int overlayOthers = OptionRules.NonNegative(parse.GetValue(overlayBoxes), "OverlayBoxes");
            var decision = new DecisionOptions { ValgusPriority = parse.GetValue(valgusPriority), ValgusTau = parse.GetValue(valgusTau) }.Validated();
            var tauChoice = ResolveTau(parse.GetValue(tau), modelPath, decision);
            foreach (var warning in tauChoice.Warnings)
            {
                parse.InvocationConfiguration.Error.WriteLine($"warning: {warning}");
            }
            var search = PredictRunner.CollectImages(parse.GetValue(inputs)!);
            foreach (var skipped in search.Skipped)
            {
                parse.InvocationConfiguration.Error.WriteLine($"skipped {skipped.Path}: {skipped.Reason}");
            }
            var files = search.Files;
            var (tauValue, tauSource) = (tauChoice.Tau, tauChoice.Source);
            IDetector detector = modelPath is not null
                ? DetectorLoader.Load(modelPath, parse, globals, batchSize)
                : new PrecomputedDetector(detectionsFile!.FullName, files);
            using (detector)
            {
                var options = new PredictOptions
                {
                    Inputs = files,
                    OutputFolder = parse.GetValue(output)!.FullName,
                    Decision = decision with { Tau = tauValue },
                    TauSource = tauSource,
                    Mapping = detector.Mapping,
                    Overlays = !parse.GetValue(noOverlay),
                    OverlayOtherBoxes = overlayOthers,
                };
                var results = ProgressDisplay.Run(parse.InvocationConfiguration.Error, "predict",
                    progress => new PredictRunner(options, detector, progress).Run());
                foreach (var r in results)
                {
                    string score = r.Decision.Box is { } b ? b.Score.ToString("0.00", CultureInfo.InvariantCulture) : "-";
                    stdout.WriteLine($"{r.ImageId}: {r.Decision.Label.Name()} ({r.Decision.RuleName}, score {score}, {r.Detections.Count(d => d.Score >= tauValue)} boxes ≥ τ)");
                }
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"τ = {tauValue} ({tauSource}). Wrote {results.Count} JSON files{(options.Overlays ? " and overlays" : "")} and predictions.csv to {options.OutputFolder}"));
            }
            return HipFxApp.ExitOk;
        });
        return command;
    }

    /// <summary>τ by <see cref="TauResolver"/>: --tau, else the run folder's locked tau.json, else the default.</summary>
    private static TauChoice ResolveTau(double? explicitTau, string? modelPath, DecisionOptions decision) =>
        TauResolver.ExplicitOrLocked(explicitTau, modelPath is null ? null : RunFolder.Of(modelPath).TauFile, decision)
        ?? TauResolver.Default(decision);
}
