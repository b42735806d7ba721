using HipFx.Model.Blocks;
using HipFx.Model.Weights;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Tests;

public sealed class StateDictKeyTests : TorchTest, IClassFixture<DefaultGolden>
{
    private readonly GoldenSet golden;

    public StateDictKeyTests(DefaultGolden fixture)
    {
        golden = fixture.Set;
    }

    [Fact]
    public void Keys_and_shapes_equal_the_official_model()
    {
        using var model = DamoYolo.Tiny(4);
        var ours = model.state_dict();
        var expected = golden.Keys.ToDictionary(k => k.Key);
        var problems = new List<string>();
        foreach (var k in golden.Keys)
        {
            if (!ours.TryGetValue(k.Key, out var t))
            {
                problems.Add($"missing {k.Key} (expected {StateDicts.Format(k.Shape)})");
            }
            else if (!t.shape.SequenceEqual(k.Shape))
            {
                problems.Add($"{k.Key}: expected {StateDicts.Format(k.Shape)}, found {StateDicts.Format(t.shape)}");
            }
            else if (DType(t) != k.DType)
            {
                problems.Add($"{k.Key}: expected {k.DType}, found {DType(t)}");
            }
        }
        problems.AddRange(ours.Keys.Where(k => !expected.ContainsKey(k)).Select(k => $"unexpected {k} {StateDicts.Format(ours[k].shape)}"));
        Assert.True(problems.Count == 0, $"{problems.Count} state_dict differences:\n" + string.Join("\n", problems));
        Assert.Equal(586, ours.Count);
        // Order differs by design: TorchSharp lists all parameters before all buffers; keys are matched by name.
    }

    [Theory]
    [InlineData(4, 8_569_067L)]
    [InlineData(80, 8_875_727L)]
    public void Parameter_count_matches_the_reference(int classes, long expected)
    {
        using var model = DamoYolo.Tiny(classes);
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
    }

    [Theory]
    [InlineData(4, 8_172_971L)]
    [InlineData(80, 8_479_631L)]
    public void Deploy_form_parameter_count_matches_the_official_switch_to_deploy(int classes, long expected)
    {
        using var model = DamoYolo.TinyDeploy(classes);
        Assert.Equal(expected, model.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void Every_batchnorm_has_eps_1e3_and_momentum_003()
    {
        using var model = DamoYolo.Tiny(4);
        var bns = model.modules().OfType<BatchNorm2d>().ToList();
        Assert.Equal(95, bns.Count);
        Assert.All(bns, bn => Assert.Equal((1e-3, 0.03), (bn.eps, bn.momentum ?? double.NaN)));
        // The properties are what the module reports; check on one BN that libtorch really uses them:
        // in training, running_mean moves by momentum · batch mean from 0.
        var bn = BatchNorms.Create(3);
        bn.train();
        using var input = ones(4, 3, 2, 2) * 10;
        using var y = bn.call(input);
        Assert.Equal(0.3, bn.running_mean!.mean().item<float>(), 5);
        bn.eval();
        using var one = ones(1, 3, 1, 1) * 2;
        using var z = bn.call(one);
        // eval: (2 − 0.3) / sqrt(running_var + eps); running_var = 0.97·1 + 0.03·0 = 0.97
        Assert.Equal(1.7 / Math.Sqrt(0.97 + 1e-3), z.mean().item<float>(), 5);
    }

    [Fact]
    public void Head_init_follows_the_spec_and_project_is_a_persistent_buffer()
    {
        using var model = DamoYolo.Tiny(4);
        var sd = model.state_dict();
        var project = sd["head.integral.project"];
        Assert.Equal(Enumerable.Range(0, 17).Select(i => (float)i), project.data<float>().ToArray());
        Assert.DoesNotContain(model.named_parameters(), p => p.name == "head.integral.project");
        for (int i = 0; i < 3; i++)
        {
            Assert.All(sd[$"head.gfl_cls.{i}.bias"].data<float>().ToArray(), b => Assert.Equal(-4.59512, b, 4));
            Assert.All(sd[$"head.gfl_reg.{i}.bias"].data<float>().ToArray(), b => Assert.Equal(0f, b));
            Assert.InRange(sd[$"head.gfl_cls.{i}.weight"].std().item<float>(), 0.008, 0.012);
            Assert.InRange(sd[$"head.gfl_reg.{i}.weight"].std().item<float>(), 0.009, 0.011);
            Assert.Equal(1f, sd[$"head.scales.{i}.scale"].item<float>());
        }
    }

    private static string DType(Tensor t) => t.dtype switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.Int64 => "int64",
        _ => t.dtype.ToString(),
    };
}
