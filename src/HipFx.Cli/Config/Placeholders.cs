// Placeholders for the layers' options records that other branches are writing; replaced on merge.
namespace HipFx.Cli.Config;

public sealed record DataSettings
{
    public string Manifest { get; init; } = "";
    public string TrainSplit { get; init; } = "train";
    public int Size { get; init; } = 1024;
    public string Intensity { get; init; } = "bit_depth";
    public string? ClassMap { get; init; }
    public string Difficult { get; init; } = "keep";
    public bool IncludeNoFracture { get; init; } = true;
    public bool SkipBadImages { get; init; }
    public string? CacheDir { get; init; }
}

public sealed record RuntimeSettings
{
    public string Device { get; init; } = "cpu";
    public int Workers { get; init; } = Math.Clamp(Environment.ProcessorCount - 1, 1, 16);
    public int Prefetch { get; init; } = 2;
    public int Replicas { get; init; } = 1;
    public bool Bf16 { get; init; }
    public int Threads { get; init; }
}
