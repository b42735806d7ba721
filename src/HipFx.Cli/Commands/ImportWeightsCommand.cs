using System.CommandLine;
using HipFx.Core;
using HipFx.Model;
using HipFx.Model.Weights;

namespace HipFx.Cli.Commands;

/// <summary>
/// <c>hipfx import-weights</c>: an official DAMO-YOLO-T checkpoint (<c>.pth</c>, e.g. the COCO-trained release) as a
/// hipfx checkpoint for the four fracture classes: every matching tensor is loaded with key and shape checks, and the
/// class layers of a checkpoint trained for another number of classes are re-initialised and listed.
/// </summary>
internal sealed class ImportWeightsCommand : ICliCommand
{
    private readonly Option<FileInfo> from = new("--from")
    {
        Description = "Official DAMO-YOLO-T checkpoint (.pth/.pt: a state_dict, or one under a 'model' key, as the released files are).",
        Required = true,
    };

    private readonly Option<FileInfo> output = new("--out", "-o")
    {
        Description = "The hipfx checkpoint to write (*.safetensors; see src/HipFx.Model/Weights/CHECKPOINT.md).",
        Required = true,
    };

    private readonly Option<int> inputSize = new("--input-size")
    {
        Description = "Square network input size recorded with the weights (the paper trains at 1024).",
        DefaultValueFactory = _ => 1024,
    };

    public Command Build(GlobalOptions globals)
    {
        var command = new Command("import-weights",
            "Convert an official DAMO-YOLO-T checkpoint into a hipfx checkpoint for the four fracture classes (class layers re-initialised when the source has another class count).");
        command.Options.Add(from);
        command.Options.Add(output);
        command.Options.Add(inputSize);
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var source = parse.GetValue(from)!;
            var target = parse.GetValue(output)!;
            int size = parse.GetValue(inputSize);
            if (size < 32 || size % 32 != 0)
            {
                throw new HipFxConfigException($"--input-size {size}: must be a positive multiple of 32 (e.g. 640, 1024)");
            }
            if (!source.Exists)
            {
                throw new HipFxDataException("checkpoint not found", source.FullName);
            }
            TorchStartup.Start(parse, globals);

            using var model = DamoYolo.Tiny(ClassNames.FractureCount);
            var report = OfficialWeights.Import(model, source.FullName);
            var metadata = new ModelMetadata
            {
                Classes = ClassNames.FractureClasses.Select(c => c.Name()).ToArray(),
                InputWidth = size,
                InputHeight = size,
                Notes = new Dictionary<string, string>
                {
                    ["source"] = source.Name,
                    ["imported"] = report.ToString(),
                },
            };
            ModelCheckpoint.Save(target.FullName, model, metadata); // atomic: SafetensorsFile writes through AtomicFile

            stdout.WriteLine(report.ToString());
            stdout.WriteLine($"wrote {target.FullName} (classes {string.Join(", ", metadata.Classes)}; input {size}x{size})");
            if (report.ClassLayersReinitialized)
            {
                stdout.WriteLine("the class layers are untrained: fine-tune before trusting the class scores.");
            }
            return HipFxApp.ExitOk;
        });
        return command;
    }
}
