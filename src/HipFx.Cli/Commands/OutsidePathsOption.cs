using System.CommandLine;
using HipFx.Data.Manifests;

namespace HipFx.Cli.Commands;

/// <summary><c>--allow-outside-paths</c>, the same on every command that reads a manifest: lets its image and
/// annotation paths be absolute or leave the manifest's folder (data-manifests/README.md, "Paths").</summary>
internal static class OutsidePathsOption
{
    public static Option<bool> Create() => new("--allow-outside-paths")
    {
        Description = "Allow manifest image/annotation paths that are absolute or leave the manifest's folder (default: refused).",
    };

    public static ManifestReadOptions Read(ParseResult parse, Option<bool> option) =>
        new() { AllowOutsidePaths = parse.GetValue(option) };
}
