using HipFx.Training.Loop;
using static HipFx.Cli.Config.ValueKinds;

namespace HipFx.Cli.Config;

/// <summary>
/// Every key <c>hipfx train</c> accepts, grouped by section in the order the resolved config lists them, each with
/// its kind (type and range) and its place in <see cref="TrainConfig"/>. An unknown key is an error, so a key that
/// is not here cannot be silently ignored; every key here is read by the layer that owns its record.
/// </summary>
internal static class TrainConfigSchema
{
    /// <summary>The sections, in order, with one comment each.</summary>
    public static IReadOnlyList<(string Name, string Description)> Sections { get; } =
    [
        ("data", "what to train on: the manifest, its splits, and how images become the model's input"),
        ("augment", "the official DAMO-YOLO-T augmentations (damo-yolo-t.md 5.4); mosaic/mixup off for the last train.no_aug_epochs"),
        ("train", "epochs, batch, seed, starting weights, schedule (damo-yolo-t.md 5.2)"),
        ("train.optimizer", "SGD (damo-yolo-t.md 5.1); no weight decay on norms and biases"),
        ("train.ema", "model EMA (damo-yolo-t.md 5.3); validation and checkpoints use it"),
        ("train.validation", "validation with the EMA model; best.safetensors by a metric; tau chosen on this split"),
        ("train.checkpoints", "what the run folder keeps (last and last.resume/ after every epoch)"),
        ("runtime", "where and how it runs; does not change the recipe"),
    ];

    public static IReadOnlyList<ConfigKey> Keys { get; } = Build();

    private static ConfigKey<T> Key<T>(string name, string description, ConfigValueKind<T> kind, Func<TrainConfig, T> get, Func<TrainConfig, T, TrainConfig> set) =>
        new(name, description, kind, get, set);

    private static List<ConfigKey> Build() =>
    [
        // data
        Key("data.manifest", "manifest CSV (hipfx synth/convert/split); relative paths are taken from the current folder",
            Text("must be the path of a manifest CSV"), c => c.Data.Manifest, (c, v) => c with { Data = c.Data with { Manifest = v } }),
        Key("data.train_split", "split whose images train the model",
            OneOf("train", "val", "test", "external"), c => c.Data.TrainSplit, (c, v) => c with { Data = c.Data with { TrainSplit = v } }),
        Key("data.size", "square network input in pixels (images are stretched to it, as the official recipe does)",
            Int(32, 4096, multipleOf: 32), c => c.Data.Size, (c, v) => c with { Data = c.Data with { Size = v } }),
        Key("data.intensity", "how stored samples map to 0..255: bit_depth, min_max, percentile or window",
            OneOf("bit_depth", "min_max", "percentile", "window"), c => c.Data.Intensity, (c, v) => c with { Data = c.Data with { Intensity = v } }),
        Key("data.class_map", "class-map file for VOC names (null: the built-in map)",
            OptionalText("must be a path or null"), c => c.Data.ClassMap, (c, v) => c with { Data = c.Data with { ClassMap = v } }),
        Key("data.difficult", "what a VOC difficult box becomes: keep, ignore or exclude",
            OneOf("keep", "ignore", "exclude"), c => c.Data.Difficult, (c, v) => c with { Data = c.Data with { Difficult = v } }),
        Key("data.include_no_fracture", "train on no_fracture images as images without boxes (the paper left them out)",
            Bool, c => c.Data.IncludeNoFracture, (c, v) => c with { Data = c.Data with { IncludeNoFracture = v } }),
        Key("data.skip_bad_images", "skip a missing or corrupt image (listed at the end) instead of stopping with an error naming it",
            Bool, c => c.Data.SkipBadImages, (c, v) => c with { Data = c.Data with { SkipBadImages = v } }),
        Key("data.cache_dir", "decoded-image cache folder (null: .hipfx-cache beside the manifest)",
            OptionalText("must be a path or null"), c => c.Data.CacheDir, (c, v) => c with { Data = c.Data with { CacheDir = v } }),

        // augment
        Key("augment.mosaic_prob", "probability of a 4-image mosaic", Number(0, 1),
            c => c.Augment.MosaicProbability, (c, v) => c with { Augment = c.Augment with { MosaicProbability = v } }),
        Key("augment.mosaic_scale", "scale range of the mosaic's random affine", Range(0.01, 10),
            c => (c.Augment.MosaicScaleMin, c.Augment.MosaicScaleMax), (c, v) => c with { Augment = c.Augment with { MosaicScaleMin = v.Item1, MosaicScaleMax = v.Item2 } }),
        Key("augment.mixup_prob", "probability of mixup on a mosaic", Number(0, 1),
            c => c.Augment.MixupProbability, (c, v) => c with { Augment = c.Augment with { MixupProbability = v } }),
        Key("augment.mixup_scale", "scale jitter of the mixed-in image", Range(0.01, 10),
            c => (c.Augment.MixupScaleMin, c.Augment.MixupScaleMax), (c, v) => c with { Augment = c.Augment with { MixupScaleMin = v.Item1, MixupScaleMax = v.Item2 } }),
        Key("augment.degrees", "rotation range, +/- degrees", Number(0, 180),
            c => c.Augment.Degrees, (c, v) => c with { Augment = c.Augment with { Degrees = v } }),
        Key("augment.translate", "translation range, fraction of the input size", Number(0, 0.5),
            c => c.Augment.Translate, (c, v) => c with { Augment = c.Augment with { Translate = v } }),
        Key("augment.shear", "shear range, +/- degrees", Number(0, 44.9),
            c => c.Augment.Shear, (c, v) => c with { Augment = c.Augment with { Shear = v } }),
        Key("augment.flip_prob", "probability of a horizontal flip", Number(0, 1),
            c => c.Augment.FlipProbability, (c, v) => c with { Augment = c.Augment with { FlipProbability = v } }),

        // train
        Key("train.epochs", "total epochs, the no-aug tail included", Int(1),
            c => c.Train.Schedule.Epochs, (c, v) => c with { Train = c.Train with { Schedule = c.Train.Schedule with { Epochs = v } } }),
        Key("train.batch_size", "images per optimizer step (all replicas together); scales the lr", Int(1),
            c => c.Train.BatchSize, (c, v) => c with { Train = c.Train with { BatchSize = v } }),
        Key("train.seed", "seeds the initialisation and, with epoch and batch index, every data choice", Int(0),
            c => c.Train.Seed, (c, v) => c with { Train = c.Train with { Seed = v } }),
        Key("train.init_weights", "starting weights: null (the official initialisation) or a hipfx checkpoint, e.g. from hipfx import-weights",
            OptionalText("must be a checkpoint path or null"), c => c.Train.InitWeights, (c, v) => c with { Train = c.Train with { InitWeights = v } }),
        Key("train.warmup_epochs", "epochs of quadratic lr warm-up", Int(0),
            c => c.Train.Schedule.WarmupEpochs, (c, v) => c with { Train = c.Train with { Schedule = c.Train.Schedule with { WarmupEpochs = v } } }),
        Key("train.warmup_start_ratio", "first warm-up lr as a fraction of the base lr (official: 0)", Number(0, 1),
            c => c.Train.Schedule.WarmupStartRatio, (c, v) => c with { Train = c.Train with { Schedule = c.Train.Schedule with { WarmupStartRatio = v } } }),
        Key("train.min_lr_ratio", "cosine floor and no-aug lr as a fraction of the base lr", Number(0, 1),
            c => c.Train.Schedule.MinLrRatio, (c, v) => c with { Train = c.Train with { Schedule = c.Train.Schedule with { MinLrRatio = v } } }),
        Key("train.no_aug_epochs", "last epochs at the floor lr without mosaic and mixup", Int(0),
            c => c.Train.Schedule.NoAugEpochs,
            (c, v) => c with { Train = c.Train with { Schedule = c.Train.Schedule with { NoAugEpochs = v } }, Augment = c.Augment with { NoAugEpochs = v } }),
        Key("train.max_nonfinite_steps", "steps with a NaN/Inf loss or gradient skipped (with a warning) before training stops", Int(0),
            c => c.Train.MaxNonFiniteSteps, (c, v) => c with { Train = c.Train with { MaxNonFiniteSteps = v } }),

        // train.optimizer
        Key("train.optimizer.lr_per_image", "base lr per image; base lr = this x train.batch_size (official 0.01/64)", Number(0, 1, minExclusive: true),
            c => c.Train.Optimizer.LrPerImage, (c, v) => c with { Train = c.Train with { Optimizer = c.Train.Optimizer with { LrPerImage = v } } }),
        Key("train.optimizer.momentum", "SGD momentum", Number(0, 0.999999),
            c => c.Train.Optimizer.Momentum, (c, v) => c with { Train = c.Train with { Optimizer = c.Train.Optimizer with { Momentum = v } } }),
        Key("train.optimizer.nesterov", "Nesterov momentum", Bool,
            c => c.Train.Optimizer.Nesterov, (c, v) => c with { Train = c.Train with { Optimizer = c.Train.Optimizer with { Nesterov = v } } }),
        Key("train.optimizer.weight_decay", "L2 decay on conv weights and head scales (never norms or biases)", Number(0, 1),
            c => c.Train.Optimizer.WeightDecay, (c, v) => c with { Train = c.Train with { Optimizer = c.Train.Optimizer with { WeightDecay = v } } }),

        // train.ema
        Key("train.ema.enabled", "keep an EMA of the weights", Bool,
            c => c.Train.Ema.Enabled, (c, v) => c with { Train = c.Train with { Ema = c.Train.Ema with { Enabled = v } } }),
        Key("train.ema.momentum", "EMA decay the ramp approaches", Number(0, 0.999999999),
            c => c.Train.Ema.Momentum, (c, v) => c with { Train = c.Train with { Ema = c.Train.Ema with { Momentum = v } } }),
        Key("train.ema.ramp_iterations", "tau of the ramp d = momentum x (1 - exp(-i/tau)), in iterations", Number(0, double.PositiveInfinity, minExclusive: true),
            c => c.Train.Ema.RampIterations, (c, v) => c with { Train = c.Train with { Ema = c.Train.Ema with { RampIterations = v } } }),

        // train.validation
        Key("train.validation.every_epochs", "validate every N epochs (the last epoch always); 0: no validation, no best, no tau.json", Int(0),
            c => c.Train.Validation.EveryEpochs, (c, v) => c with { Train = c.Train with { Validation = c.Train.Validation with { EveryEpochs = v } } }),
        Key("train.validation.best_metric", "what picks best.safetensors: ap50, ap50_95, macro_se or macro_youden", OneOf(ValidationMetricNames.All, m => m.ToKey()),
            c => c.Train.Validation.BestMetric, (c, v) => c with { Train = c.Train with { Validation = c.Train.Validation with { BestMetric = v } } }),
        Key("train.validation.split", "the manifest split validated on (and where tau is chosen)", OneOf("train", "val", "test", "external"),
            c => c.Train.Validation.Split, (c, v) => c with { Train = c.Train with { Validation = c.Train.Validation with { Split = v } } }),
        Key("train.validation.batch_size", "images per forward pass while validating", Int(1),
            c => c.Train.Validation.BatchSize, (c, v) => c with { Train = c.Train with { Validation = c.Train.Validation with { BatchSize = v } } }),

        // train.checkpoints
        Key("train.checkpoints.resume_every_iterations", "also write last.resume/ every N iterations inside an epoch (0: at epoch ends and on Ctrl+C)", Int(0),
            c => c.Train.Checkpoints.ResumeEveryIterations, (c, v) => c with { Train = c.Train with { Checkpoints = c.Train.Checkpoints with { ResumeEveryIterations = v } } }),
        Key("train.checkpoints.save_best", "keep best.safetensors by the validation metric", Bool,
            c => c.Train.Checkpoints.SaveBest, (c, v) => c with { Train = c.Train with { Checkpoints = c.Train.Checkpoints with { SaveBest = v } } }),

        // runtime
        Key("runtime.device", "cpu, cuda, cuda:0 or cuda:0,1 (one replica per GPU); --device overrides it", Text("must be cpu, cuda, cuda:N or cuda:N,M"),
            c => c.Runtime.Device, (c, v) => c with { Runtime = c.Runtime with { Device = v } }),
        Key("runtime.replicas", "data-parallel replicas on the CPU (GPUs: one per device); BN statistics are per replica, not SyncBN", Int(1, 64),
            c => c.Step.Replicas, (c, v) => c with { Step = c.Step with { Replicas = v } }),
        Key("runtime.workers", "data-loader threads building batches (default: cores - 1); batches are the same for any count", Int(1, 256),
            c => c.Loader.Workers, (c, v) => c with { Loader = c.Loader with { Workers = v } }),
        Key("runtime.prefetch", "batches built ahead of the training step", Int(1, 64),
            c => c.Loader.PrefetchBatches, (c, v) => c with { Loader = c.Loader with { PrefetchBatches = v } }),
        Key("runtime.threads", "libtorch intra-op threads (0: libtorch's default)", Int(0, 1024),
            c => c.Runtime.Threads, (c, v) => c with { Runtime = c.Runtime with { Threads = v } }),
        Key("runtime.bf16", "bf16 autocast for forward and backward; weights, optimizer and EMA stay fp32", Bool,
            c => c.Step.Bf16, (c, v) => c with { Step = c.Step with { Bf16 = v } }),
        Key("runtime.channels_last", "the step's images stored NHWC, so convolutions run NHWC kernels (same values; 1.2-1.3x on a 2-core CPU)", Bool,
            c => c.Step.ChannelsLast, (c, v) => c with { Step = c.Step with { ChannelsLast = v } }),
        Key("runtime.tf32", "TF32 matmuls and convolutions on CUDA (no effect on the CPU)", Bool,
            c => c.Step.Tf32, (c, v) => c with { Step = c.Step with { Tf32 = v } }),
    ];

    /// <summary>The key named <paramref name="name"/>, or null.</summary>
    public static ConfigKey? Find(string name) => Keys.FirstOrDefault(k => k.Name == name);
}
