using HipFx.Torch;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace HipFx.Model.Tests;

/// <summary>
/// bf16 autocast through the libtorch shim (<see cref="Autocast"/>): per-thread state, float32 weights and gradients,
/// and the eval-mode forward on the perturbed golden set staying close to the float32 golden outputs. Measured on this
/// CPU (avx512_bf16, 320²): neck ≤ 3.4e-2 max relative, scores ≤ 2.9e-3 abs, boxes ≤ 3.6 px max (0.3 px mean).
/// </summary>
public sealed class Bf16AutocastTests(PerturbedGolden fixture, ITestOutputHelper log) : TorchTest, IClassFixture<PerturbedGolden>
{
    [Fact]
    public void Autocast_is_per_thread_and_keeps_float32_weights_and_gradients()
    {
        Assert.True(Autocast.IsAvailable, Autocast.UnavailableReason);
        using var conv = nn.Conv2d(3, 4, 3);
        using var scope = NewDisposeScope();
        var x = rand(1, 3, 8, 8);
        Tensor y;
        bool otherThread = true;
        using (Autocast.Enter(DeviceType.CPU))
        {
            Assert.True(Autocast.IsEnabled(DeviceType.CPU));
            var t = new Thread(() => otherThread = Autocast.IsEnabled(DeviceType.CPU));
            t.Start();
            t.Join();
            y = conv.call(x);
        }
        Assert.False(otherThread);
        Assert.False(Autocast.IsEnabled(DeviceType.CPU));
        Assert.Equal(ScalarType.BFloat16, y.dtype);
        Assert.Equal(ScalarType.Float32, conv.call(x).dtype);
        y.to(ScalarType.Float32).sum().backward();
        Assert.Equal(ScalarType.Float32, conv.weight!.grad!.dtype);
    }

    [Fact]
    public void Bf16_forward_stays_close_to_the_float32_golden_outputs()
    {
        var golden = fixture.Set;
        using var model = Harness.LoadedModel(golden);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = golden["input"];
        Tensor scores;
        Tensor boxes;
        using (Autocast.Enter(DeviceType.CPU))
        {
            var dense = model.call(x);
            Assert.Equal(ScalarType.BFloat16, dense.Scores.dtype);
            var neck = model.ForwardFeatures(x);
            for (int i = 0; i < 3; i++)
            {
                double rel = Harness.MaxRelDiff(neck[i].to(ScalarType.Float32), golden[$"neck_out_{i}"]);
                log.WriteLine($"bf16 neck_out_{i}: max |d|/(1+|ref|) {rel:g3}");
                Assert.True(rel < 0.1, $"neck_out_{i}: {rel}");
            }
            scores = dense.Scores.to(ScalarType.Float32);
            boxes = dense.Boxes.to(ScalarType.Float32);
        }
        double side = x.shape[2];
        double scoreDiff = Harness.MaxAbsDiff(scores, golden["cls_scores"]);
        double boxDiff = Harness.MaxAbsDiff(boxes, golden["bbox_preds"]);
        double meanBox = (boxes - golden["bbox_preds"]).abs().mean().item<float>();
        log.WriteLine($"bf16 vs fp32 golden ({x.shape[2]}x{x.shape[3]}): scores max |d| {scoreDiff:g3}, boxes max |d| {boxDiff:g3} px (mean {meanBox:g3} px)");
        Assert.True(scoreDiff < 0.01, $"scores max |d| {scoreDiff}");
        Assert.True(boxDiff < 0.03 * side, $"boxes max |d| {boxDiff} px");
    }
}
