using HipFx.Cli.Output;
using System.CommandLine;
using System.Globalization;
using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Data.Manifests;
using HipFx.Data.Splits;
using Spectre.Console;

namespace HipFx.Cli.Commands;

/// <summary><c>hipfx split MANIFEST</c>: the patient-level, label-stratified train/val/test split, written into the manifest.</summary>
internal sealed class SplitCommand : ICliCommand
{
    private readonly Argument<FileInfo> manifest = new("manifest")
    {
        Description = "The manifest CSV to split (its split column is (re)assigned).",
    };

    private readonly Option<FileInfo?> output = new("--output", "-o")
    {
        Description = "Write the split manifest here (default: over the input manifest). Tables go next to it.",
    };

    private readonly Option<string[]> external = new("--external")
    {
        Description = "Institution kept whole as the external test split; repeatable.",
    };

    private readonly Option<string> fractions = new("--fractions")
    {
        Description = "Train,val,test shares of the internal images.",
        DefaultValueFactory = _ => "0.8,0.1,0.1",
    };

    private readonly Option<ulong> seed = new("--seed")
    {
        Description = "Random seed: the same seed and manifest give the same split.",
        DefaultValueFactory = _ => 0UL,
    };

    private readonly Option<int> duplicateDistance = new("--near-duplicate-distance")
    {
        Description = "Report image pairs in different splits whose 256-bit perceptual hashes differ in at most this many bits.",
        DefaultValueFactory = _ => new NearDuplicateOptions().MaxDistance,
    };

    private readonly Option<bool> noDuplicates = new("--no-near-duplicates")
    {
        Description = "Skip the near-duplicate search (it decodes every image).",
    };

    private readonly Option<long> maxPixels = new("--max-pixels")
    {
        Description = "Refuse images larger than this many pixels (decompression-bomb guard).",
        DefaultValueFactory = _ => ImageLoadOptions.Default.MaxPixels,
    };

    public Command Build(GlobalOptions globals)
    {
        var command = new HipFxCommand("split", "Patient-level, label-stratified, seeded train/val/test split (default 0.8/0.1/0.1); external institutions kept whole; near-duplicates across splits reported.");
        command.MapKey(nameof(NearDuplicateOptions.MaxDistance), duplicateDistance);
        command.Arguments.Add(manifest);
        foreach (var option in new Option[] { output, external, fractions, seed, duplicateDistance, noDuplicates, maxPixels })
        {
            command.Options.Add(option);
        }
        command.SetAction(parse =>
        {
            var shares = ParseFractions(parse.GetValue(fractions)!);
            var options = new SplitRunOptions
            {
                Split = new SplitOptions
                {
                    Train = shares[0],
                    Val = shares[1],
                    Test = shares[2],
                    Seed = parse.GetValue(seed),
                    ExternalInstitutions = parse.GetValue(external) ?? [],
                }.Validate(),
                Output = parse.GetValue(output)?.FullName,
                NearDuplicates = parse.GetValue(noDuplicates) ? null : new NearDuplicateOptions
                {
                    MaxDistance = parse.GetValue(duplicateDistance),
                    Images = new ImageLoadOptions { MaxPixels = parse.GetValue(maxPixels) },
                },
            };
            var result = SplitRunner.Run(parse.GetValue(manifest)!.FullName, options);
            Print(result, options, parse.InvocationConfiguration.Output);
            return HipFxApp.ExitOk;
        });
        return command;
    }

    private static double[] ParseFractions(string text)
    {
        var parts = text.Split(',');
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                throw new HipFxConfigException($"--fractions '{text}': '{parts[i]}' is not a number (e.g. 0.8,0.1,0.1)");
            }
        }
        return values.Length == 3 ? values : throw new HipFxConfigException($"--fractions '{text}': expected three numbers train,val,test (e.g. 0.8,0.1,0.1)");
    }

    private static void Print(SplitRunResult result, SplitRunOptions options, TextWriter output)
    {
        var console = CliConsole.For(output, 160);
        var split = result.EffectiveSplit;
        output.WriteLine(FormattableString.Invariant(
            $"split {result.ManifestPath}: seed {split.Seed}, fractions {split.Train}/{split.Val}/{split.Test}, external: {(split.ExternalInstitutions.Count == 0 ? "none" : string.Join(", ", split.ExternalInstitutions))}"));
        var table = new Table().Border(TableBorder.Ascii);
        var headers = SplitTable.Headers;
        for (int i = 0; i < headers.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(headers[i]));
            table.AddColumn(i == 0 || i == headers.Count - 1 ? column : column.RightAligned());
        }
        foreach (var row in result.Table.Rows)
        {
            table.AddRow(SplitTable.Cells(row).Select(Markup.Escape).ToArray());
        }
        console.Write(table);
        if (result.NearDuplicates is { } duplicates)
        {
            output.WriteLine($"near-duplicates across splits (dHash distance <= {options.NearDuplicates!.MaxDistance} of {options.NearDuplicates.HashSize * options.NearDuplicates.HashSize} bits): {duplicates.Pairs.Count}");
            foreach (var pair in duplicates.Pairs)
            {
                output.WriteLine($"  {pair.ImageA} ({pair.SplitA?.Name()}) ~ {pair.ImageB} ({pair.SplitB?.Name()}): distance {pair.Distance}");
            }
            foreach (var image in duplicates.Unreadable)
            {
                output.WriteLine($"  not hashed: {image.ImageId}: {image.Reason}");
            }
        }
        output.WriteLine($"manifest sha256 {result.ManifestSha256}");
        output.WriteLine("wrote " + string.Join(", ", result.WrittenFiles));
    }
}
