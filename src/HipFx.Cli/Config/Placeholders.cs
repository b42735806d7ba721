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
    public string? CacheDir { get; init; }
}

public sealed record AugmentOptions
{
    public double MosaicProb { get; init; } = 1.0;
    public (double Low, double High) MosaicScale { get; init; } = (0.1, 2.0);
    public double MixupProb { get; init; } = 0.15;
    public (double Low, double High) MixupScale { get; init; } = (0.5, 1.5);
    public double Degrees { get; init; } = 10;
    public double Translate { get; init; } = 0.2;
    public double Shear { get; init; } = 0.2;
    public double FlipProb { get; init; } = 0.5;
    public double MinBoxArea { get; init; } = 4;
}

public sealed record RuntimeSettings
{
    public string Device { get; init; } = "cpu";
    public int Workers { get; init; } = 2;
    public int Replicas { get; init; } = 1;
    public bool Bf16 { get; init; }
    public int Threads { get; init; }
}
