using HipFx.Cli.Config;
using HipFx.Core;

namespace HipFx.Cli.Tests.Config;

public sealed class ConfigLoaderTests
{
    private const string Minimal = "data:\n  manifest: m.csv\n";

    private static HipFxConfigException Fails(string yaml, params string[] overrides) =>
        Assert.Throws<HipFxConfigException>(() => ConfigLoader.Parse(yaml, overrides, "c.yaml"));

    [Fact]
    public void UnknownKeyNamesTheClosestKeyAndTheLine()
    {
        var e = Fails(Minimal + "train:\n  batch_size: 8\n  epoch: 10\n");
        Assert.Contains("train.epoch: unknown key; did you mean train.epochs?", e.Message);
        Assert.Contains("(line 5)", e.Message);
        Assert.Contains("c.yaml", e.Message);
    }

    [Fact]
    public void UnknownSectionNamesTheClosestSection()
    {
        var e = Fails(Minimal + "trian:\n  epochs: 10\n");
        Assert.Contains("trian: unknown key; did you mean train?", e.Message);
        Assert.Contains("(line 3)", e.Message);
    }

    [Theory]
    [InlineData("0", "train.epochs: must be a positive integer")]
    [InlineData("ten", "train.epochs: must be a positive integer")]
    [InlineData("2.5", "train.epochs: must be a positive integer")]
    public void BadValueNamesKeyRuleAndLine(string value, string expected)
    {
        string yaml = Minimal + string.Concat(Enumerable.Repeat("# comment\n", 8)) + "train:\n  epochs: " + value + "\n";
        var e = Fails(yaml);
        Assert.Contains(expected, e.Message);
        Assert.Contains("(line 12)", e.Message);
        Assert.Contains($"'{value}'", e.Message);
    }

    [Theory]
    [InlineData("augment.mixup_prob: 1.5", "augment.mixup_prob: must be a number from 0 to 1")]
    [InlineData("augment.mosaic_scale: [2.0, 0.1]", "augment.mosaic_scale: must be two numbers")]
    [InlineData("data.size: 250", "data.size: must be a multiple of 32")]
    [InlineData("train.optimizer.nesterov: yes", "train.optimizer.nesterov: must be true or false")]
    [InlineData("train.validation.best_metric: f1", "train.validation.best_metric: must be one of ap50, ap50_95, macro_se or macro_youden")]
    public void EachKindRejectsWhatDoesNotFit(string assignment, string expected)
    {
        var e = Fails(Minimal, assignment.Replace(": ", "="));
        Assert.Contains(expected, e.Message);
        Assert.Contains("(--set ", e.Message);
    }

    [Fact]
    public void CrossKeyRulePointsAtTheLineOfItsKey()
    {
        var e = Fails(Minimal + "train:\n  epochs: 10\n  warmup_epochs: 5\n  no_aug_epochs: 8\n");
        Assert.StartsWith("c.yaml: train.epochs:", e.Message);
        Assert.Contains("(line 4)", e.Message);
    }

    [Fact]
    public void MissingManifestIsNamed()
    {
        var e = Fails("train:\n  epochs: 10\n");
        Assert.Contains("data.manifest: required", e.Message);
    }

    [Fact]
    public void SectionGivenAValueAndKeyGivenAMappingAreErrors()
    {
        Assert.Contains("train: is a section", Fails(Minimal + "train: 5\n").Message);
        Assert.Contains("train.epochs: must be a positive integer, not a mapping (line 4)", Fails(Minimal + "train:\n  epochs:\n    x: 1\n").Message);
    }

    [Fact]
    public void InvalidYamlNamesTheLine()
    {
        var e = Fails(Minimal + "train:\n  epochs: [1\n");
        Assert.Contains("not valid YAML (line", e.Message);
    }

    [Fact]
    public void SetOverridesTheFileInOrder()
    {
        var config = ConfigLoader.Parse(Minimal + "train:\n  epochs: 10\n", ["train.epochs=100", "train.optimizer.momentum=0.8", "train.epochs=70", "train.init_weights=w.safetensors", "augment.mosaic_scale=0.2,1.5"]);
        Assert.Equal(70, config.Train.Schedule.Epochs);
        Assert.Equal(0.8, config.Train.Optimizer.Momentum);
        Assert.Equal("w.safetensors", config.Train.InitWeights);
        Assert.Equal((0.2, 1.5), (config.Augment.MosaicScaleMin, config.Augment.MosaicScaleMax));
        Assert.Null(ConfigLoader.Parse(Minimal, ["train.init_weights=w", "train.init_weights=null"]).Train.InitWeights);
        // one key, one value: the schedule's floor phase and the pipeline's no-mosaic phase cannot disagree
        var tail = ConfigLoader.Parse(Minimal, ["train.no_aug_epochs=3"]);
        Assert.Equal(3, tail.Train.Schedule.NoAugEpochs);
        Assert.Equal(3, tail.Augment.NoAugEpochs);
    }

    [Theory]
    [InlineData("train.epoch=100", "train.epoch: unknown key; did you mean train.epochs? (--set train.epoch=100)")]
    [InlineData("train.epochs=many", "train.epochs: must be a positive integer, got 'many' (--set train.epochs=many)")]
    [InlineData("train.epochs", "--set train.epochs: expected key=value")]
    [InlineData("=5", "--set =5: expected key=value")]
    public void SetErrorsNameTheAssignment(string assignment, string expected)
    {
        Assert.Contains(expected, Fails(Minimal, assignment).Message);
    }

    [Fact]
    public void ResolvedConfigRoundTripsToTheSameRecords()
    {
        var config = ConfigLoader.Parse(Minimal, ["train.epochs=33", "data.manifest=odd \"path\" #1\\x.csv", "augment.mixup_scale=[0.25, 1.75]", "train.optimizer.lr_per_image=0.0001234567", "runtime.bf16=true"]);
        string written = ConfigWriter.Write(config, ["resolved config"]);
        var again = ConfigLoader.Parse(written, []);
        Assert.Equal(config, again);
        Assert.Equal(written, ConfigWriter.Write(again, ["resolved config"]));
        Assert.Equal("odd \"path\" #1\\x.csv", again.Data.Manifest);
        // every key is written, so the file alone reruns the run even if a default changes later
        foreach (var key in TrainConfigSchema.Keys)
        {
            Assert.Contains($" {key.Leaf}: ", written);
        }
    }

    [Fact]
    public void EveryConfigFileInTheRepositoryLoadsAndValidates()
    {
        var files = Directory.GetFiles(RepoConfigs(), "*.yaml");
        Assert.Contains(files, f => f.EndsWith("damoyolo-t-paper.yaml", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("synthetic-demo.yaml", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var config = ConfigLoader.Load(file, []);
            Assert.Equal(config, ConfigLoader.Parse(ConfigWriter.Write(config), []));
        }
    }

    [Fact]
    public void PaperConfigHoldsThePaperRecipe()
    {
        var c = ConfigLoader.Load(Path.Combine(RepoConfigs(), "damoyolo-t-paper.yaml"), []);
        Assert.Equal(1024, c.Data.Size);
        Assert.Equal(64, c.Train.BatchSize);
        Assert.Equal(0.01, c.Train.Optimizer.BaseLr(c.Train.BatchSize), 12);
        Assert.True(c.Train.Optimizer.Nesterov);
        Assert.Equal(0.9, c.Train.Optimizer.Momentum);
        Assert.Equal(5e-4, c.Train.Optimizer.WeightDecay);
        Assert.Equal(430, c.Train.Schedule.Epochs);
        Assert.Equal(16, c.Train.Schedule.NoAugEpochs);
        Assert.Equal(5, c.Train.Schedule.WarmupEpochs);
        Assert.Equal(0.0, c.Train.Schedule.WarmupStartRatio);
        Assert.Equal(0.05, c.Train.Schedule.MinLrRatio);
        Assert.Equal(0.9998, c.Train.Ema.Momentum);
        Assert.Equal(0.15, c.Augment.MixupProbability);
    }

    [Fact]
    public void PaperConfigListsEveryKey()
    {
        // Its header says so: a user reads the whole recipe in one file.
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(RepoConfigs(), "damoyolo-t-paper.yaml"))));
        var listed = new HashSet<string>();
        void Walk(YamlDotNet.RepresentationModel.YamlNode node, string prefix)
        {
            if (node is YamlDotNet.RepresentationModel.YamlMappingNode map)
            {
                foreach (var (k, v) in map.Children)
                {
                    string name = prefix + ((YamlDotNet.RepresentationModel.YamlScalarNode)k).Value;
                    listed.Add(name);
                    Walk(v, name + ".");
                }
            }
        }
        Walk(yaml.Documents[0].RootNode, "");
        var missing = TrainConfigSchema.Keys.Select(k => k.Name).Where(k => !listed.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "damoyolo-t-paper.yaml does not list " + string.Join(", ", missing));
    }

    internal static string RepoConfigs()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HipFx.Train.sln")))
            {
                return Path.Combine(dir.FullName, "configs");
            }
        }
        throw new DirectoryNotFoundException("configs/ not found above " + AppContext.BaseDirectory);
    }
}
