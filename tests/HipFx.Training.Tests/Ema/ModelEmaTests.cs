using HipFx.Model;
using HipFx.Torch;
using HipFx.Training.Ema;
using static TorchSharp.torch;

namespace HipFx.Training.Tests.Ema;

public sealed class ModelEmaTests
{
    public ModelEmaTests() => TorchRuntime.EnsureInitialized();

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(2000, 0.9998 * 0.63212055882855767)]   // 1 − e^−1
    [InlineData(10000, 0.9998 * 0.99326205300091452)]  // 1 − e^−5
    public void Decay_follows_the_official_ramp(long iteration, double expected) =>
        Assert.Equal(expected, ModelEma.Decay(new EmaOptions(), iteration), 12);

    [Fact]
    public void Update_moves_every_floating_entry_bn_buffers_included_and_copies_integers()
    {
        manual_seed(1);
        using var model = DamoYolo.Tiny(4);
        var options = new EmaOptions { RampIterations = 10 };
        using var ema = new ModelEma(model, () => DamoYolo.Tiny(4), options);
        const string weight = "head.gfl_cls.0.weight";
        string runningMean = model.state_dict().Keys.First(k => k.EndsWith("running_mean", StringComparison.Ordinal));
        string tracked = model.state_dict().Keys.First(k => k.EndsWith("num_batches_tracked", StringComparison.Ordinal));
        var before = ema.Model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());

        using (no_grad())
        {
            foreach (var (key, t) in model.state_dict())
            {
                if (t.is_floating_point())
                {
                    t.add_(1.0);
                }
                else
                {
                    t.add_(5);
                }
            }
        }
        ema.Update(7);
        double d = 0.9998 * (1 - Math.Exp(-0.7));
        foreach (var key in new[] { weight, runningMean })
        {
            using var expected = before[key] * d + model.state_dict()[key] * (1 - d);
            Assert.True(ema.Model.state_dict()[key].allclose(expected, rtol: 1e-6, atol: 1e-7), key);
        }
        Assert.Equal(model.state_dict()[tracked].item<long>(), ema.Model.state_dict()[tracked].item<long>());
        Assert.False(ema.Model.training);
        foreach (var t in before.Values)
        {
            t.Dispose();
        }
    }
}
