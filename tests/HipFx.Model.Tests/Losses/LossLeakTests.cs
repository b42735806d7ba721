using HipFx.Core;
using HipFx.Model.Assign;
using HipFx.Model.Losses;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace HipFx.Model.Tests.Losses;

public class LossLeakTests(ITestOutputHelper output) : TorchTest
{
    [Fact]
    public void Training_steps_in_a_dispose_scope_keep_the_live_tensor_count_flat()
    {
        manual_seed(7);
        using var model = DamoYolo.Tiny(4);
        model.train();
        var loss = new ZeroHeadLoss();
        IReadOnlyList<GroundTruthBox>[] boxes =
        [
            [new GroundTruthBox(FractureClass.StableItf, new Box(10, 12, 40, 50)), new GroundTruthBox(FractureClass.DisplacedFnf, new Box(3, 3, 9, 8))],
            [],
        ];

        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        var live = new List<long>();
        for (int step = 0; step < 5; step++)
        {
            using (NewDisposeScope())
            {
                model.zero_grad();
                var images = rand(2, 3, 64, 64) * 255;
                using var truth = GroundTruthBatch.FromBoxes(boxes);
                using var predictions = model.call(images);
                using var losses = loss.Compute(predictions, truth);
                losses.Total.backward();
                Assert.True(float.IsFinite(losses.Total.item<float>()));
            }
            live.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        }
        output.WriteLine($"live tensors before: {before}, after each step: {string.Join(", ", live)}");
        // Step 0 may leave the parameters' .grad handles alive (zero_grad keeps them); from then on nothing may pile up.
        Assert.All(live.Skip(1), l => Assert.Equal(live[0], l));
        Assert.True(live[0] - before <= model.parameters().Count(),
            $"step 0 left {live[0] - before} live tensors, more than one per parameter");
    }
}
