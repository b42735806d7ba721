using System.CommandLine;
using System.Globalization;
using HipFx.Training.Step.Bench;

namespace HipFx.Cli.Commands.Bench;

/// <summary><c>hipfx bench golden</c>: the forward on a device against a golden folder's CPU outputs. Exit 1 when outside tolerance.</summary>
internal sealed class BenchGoldenCommand : ICliCommand
{
    public Command Build(GlobalOptions globals)
    {
        var golden = new Option<DirectoryInfo>("--golden") { Description = "A golden folder (weights.pt, tensors.safetensors), e.g. shared/reference/damo-yolo-t-golden-perturbed.", Required = true };
        var bf16 = new Option<bool>("--bf16") { Description = "Run the forward in bf16 autocast (looser tolerances)." };
        var json = new Option<string?>("--json") { Description = "Also write the comparison as JSON here." };
        var command = new Command("golden", "Check the model's forward on --device against golden outputs computed on the CPU (max |diff| of scores and boxes).");
        command.Options.Add(golden);
        command.Options.Add(bf16);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var (_, _, devices) = TorchStartup.Start(parse, globals);
            var results = GoldenForwardCheck.Run(parse.GetValue(golden)!.FullName, devices[0], parse.GetValue(bf16), parse.GetValue(json));
            var output = parse.InvocationConfiguration.Output;
            foreach (var r in results)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Output,-12} max |d| {r.MaxAbsDiff:g3} (tolerance {r.Tolerance:g3}) on {devices[0]}: {(r.Pass ? "ok" : "FAIL")}"));
            }
            return results.All(r => r.Pass) ? HipFxApp.ExitOk : HipFxApp.ExitFailure;
        });
        return command;
    }
}
