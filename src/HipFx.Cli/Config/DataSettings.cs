namespace HipFx.Cli.Config;

/// <summary>
/// The config's <c>data</c> section: what to train on. It becomes the pipeline's <c>TrainingData</c> for the
/// training split and the evaluation layer's ground truth for the validation split (<see cref="TrainRunComposer"/>).
/// </summary>
public sealed record DataSettings
{
    /// <summary><c>manifest</c>: the manifest CSV. Required.</summary>
    public string Manifest { get; init; } = "";

    /// <summary><c>train_split</c>: the split that trains the model. Default train.</summary>
    public string TrainSplit { get; init; } = "train";

    /// <summary><c>size</c>: square network input, a multiple of 32. Default 1024 (the paper).</summary>
    public int Size { get; init; } = 1024;

    /// <summary><c>intensity</c>: bit_depth, min_max, percentile or window (IntensityMapping). Default bit_depth.</summary>
    public string Intensity { get; init; } = "bit_depth";

    /// <summary><c>class_map</c>: a class-map file for VOC names, or null for the built-in map. Default null.</summary>
    public string? ClassMap { get; init; }

    /// <summary><c>difficult</c>: keep, ignore or exclude VOC difficult boxes. Default keep.</summary>
    public string Difficult { get; init; } = "keep";

    /// <summary><c>include_no_fracture</c>: train on no_fracture images as images without boxes. Default true.</summary>
    public bool IncludeNoFracture { get; init; } = true;

    /// <summary><c>skip_bad_images</c>: skip and list unreadable images instead of stopping. Default false.</summary>
    public bool SkipBadImages { get; init; }

    /// <summary><c>cache_dir</c>: decoded-image cache; null: .hipfx-cache beside the manifest. Default null.</summary>
    public string? CacheDir { get; init; }
}

/// <summary>The config's <c>runtime</c> keys that are not the step's or the loader's: where it runs, libtorch threads.</summary>
public sealed record RuntimeSettings
{
    /// <summary><c>device</c>: cpu, cuda, cuda:N or cuda:N,M; <c>--device</c> on the command line wins. Default cpu.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary><c>threads</c>: libtorch intra-op threads; 0 keeps libtorch's default (the core count). Default 0.</summary>
    public int Threads { get; init; }
}
