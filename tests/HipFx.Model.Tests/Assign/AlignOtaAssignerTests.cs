using HipFx.Model.Assign;
using HipFx.Torch;
using static HipFx.Model.Tests.Assign.AssignerScenes;
using static TorchSharp.torch;

namespace HipFx.Model.Tests.Assign;

public class AlignOtaAssignerTests
{
    public AlignOtaAssignerTests() => TorchRuntime.EnsureInitialized();

    private static GroundTruthBatch Truth(params (float X1, float Y1, float X2, float Y2, long Label)[][] images) =>
        GroundTruthBatch.FromTensors(
            images.Select(i => i.Length == 0 ? zeros(0, 4) : tensor(i.SelectMany(b => new[] { b.X1, b.Y1, b.X2, b.Y2 }).ToArray(), [i.Length, 4])).ToArray(),
            images.Select(i => tensor(i.Select(b => b.Label).ToArray())).ToArray());

    [Fact]
    public void Dynamic_k_from_the_top_ten_ious_and_the_cheapest_classification_wins()
    {
        using var scope = NewDisposeScope();
        // GT (4,4,20,20), class 1 of 2. Strictly inside: priors at x, y ∈ {8, 16} → (1,1), (1,2), (2,1), (2,2).
        // Centre (12,12) ± 20 covers the whole grid, so all 16 priors are candidates; only those 4 are "in both".
        // Each prior predicts prior ± 8. Overlap per axis with [4,20]: x = 0 → 4, 8 → 12, 16 → 12, 24 → 4.
        //   4 priors: 12·12 = 144 / (512 − 144) = 0.39130435; 8 priors: 48 / 464 = 0.10344828; 4 corners: 16 / 496.
        // Top-10 IoU sum = 4·0.39130435 + 6·0.10344828 = 2.18590705 → k = 2.
        // Scores: 0.1 everywhere; class-1 score of the 4 inside priors 0.4, 0.1, 0.9, 0.35. Cost (q = 0.39130435):
        //   QFL(0.1, 0) + QFL(p1, q) + 3·(−ln q) = 2.81591 (0.4), 2.89776 (0.1), 3.18922 (0.9), 2.81701 (0.35);
        //   every other prior pays 1e8. So the two positives are the priors with 0.4 and 0.35.
        var scores = Scores(2, 0.1f);
        scores[0, Index(1, 1), 1] = tensor(0.4f);
        scores[0, Index(1, 2), 1] = tensor(0.1f);
        scores[0, Index(2, 1), 1] = tensor(0.9f);
        scores[0, Index(2, 2), 1] = tensor(0.35f);
        using var truth = Truth([(4, 4, 20, 20, 1)]);

        using var a = new AlignOtaAssigner().Assign(scores, BoxesAroundPriors(), Priors(), truth);

        var fg = Bools(a.Foreground);
        Assert.Equal(new[] { Index(1, 1), Index(2, 2) }, Enumerable.Range(0, 16).Where(k => fg[k]));
        var labels = Longs(a.Labels);
        var quality = Floats(a.Quality);
        var gtIndex = Longs(a.GtIndex);
        for (int k = 0; k < 16; k++)
        {
            Assert.Equal(fg[k] ? 1L : 2L, labels[k]);      // background label = number of classes
            Assert.Equal(fg[k] ? 0L : -1L, gtIndex[k]);
            Assert.Equal(fg[k] ? 0.39130435 : 0.0, quality[k], 6);
        }
        var targets = Floats(a.TargetBoxes[0, Index(1, 1)]);
        Assert.Equal(new[] { 4f, 4f, 20f, 20f }, targets);
        Assert.Equal(new[] { 0f, 0f, 0f, 0f }, Floats(a.TargetBoxes[0, 0]));
    }

    [Fact]
    public void A_prior_taken_by_two_gts_keeps_the_cheaper_one_and_the_other_gt_stays_empty()
    {
        using var scope = NewDisposeScope();
        // Every prior predicts a far box (IoU 0) except prior (2,2) at (16,16), which predicts (8,8,24,24).
        // GT A = (8,8,24,24), class 0: IoU 1 → top-10 sum 1 → k = 1. Strictly inside A: only (16,16).
        // GT B = (10,10,26,26), class 1: IoU 196/316 = 0.62025316 → k = max(1, ⌊0.62⌋) = 1.
        // At (16,16) with scores (0.95, 0.05):
        //   cost A = QFL(0.95, 1) + QFL(0.05, 0) + 3·(−ln(1 + 1e-7)) = 0.00025617;
        //   cost B = QFL(0.95, 0) + QFL(0.05, 0.62025) + 3·(−ln 0.62025) = 2.70365 + 0.60979 + 1.43288 = 4.74710.
        // Every other pair has IoU 0: 3·(−ln 1e-7) = 48.35 or more. Both GTs take (16,16); it keeps A (cheaper).
        var boxes = FarBoxes();
        boxes[0, Index(2, 2)] = tensor(new float[] { 8, 8, 24, 24 });
        var scores = Scores(2, 0.1f);
        scores[0, Index(2, 2)] = tensor(new[] { 0.95f, 0.05f });
        using var truth = Truth([(8, 8, 24, 24, 0), (10, 10, 26, 26, 1)]);

        using var a = new AlignOtaAssigner().Assign(scores, boxes, Priors(), truth);

        var fg = Bools(a.Foreground);
        Assert.Equal(new[] { Index(2, 2) }, Enumerable.Range(0, 16).Where(k => fg[k]));
        Assert.Equal(0L, Longs(a.GtIndex)[Index(2, 2)]);
        Assert.Equal(0L, Longs(a.Labels)[Index(2, 2)]);
        Assert.Equal(1.0, Floats(a.Quality)[Index(2, 2)], 6);
    }

    [Fact]
    public void The_conflict_goes_to_the_gt_of_least_cost_even_when_it_has_the_lower_iou()
    {
        using var scope = NewDisposeScope();
        // Same scene with the scores swapped to (0.05, 0.95): now
        //   cost A = QFL(0.05, 1) + QFL(0.95, 0) + 0 = 2.70365 + 2.70365 = 5.40730 (wrong class, IoU 1),
        //   cost B = QFL(0.05, 0) + QFL(0.95, 0.62025) + 1.43288 = 0.00013 + 0.12716 + 1.43288 = 1.56017.
        // Both still pick (16,16) (every other prior costs ≥ 48.35), and B wins it with IoU 0.62025.
        var boxes = FarBoxes();
        boxes[0, Index(2, 2)] = tensor(new float[] { 8, 8, 24, 24 });
        var scores = Scores(2, 0.1f);
        scores[0, Index(2, 2)] = tensor(new[] { 0.05f, 0.95f });
        using var truth = Truth([(8, 8, 24, 24, 0), (10, 10, 26, 26, 1)]);

        using var a = new AlignOtaAssigner().Assign(scores, boxes, Priors(), truth);

        var fg = Bools(a.Foreground);
        Assert.Equal(new[] { Index(2, 2) }, Enumerable.Range(0, 16).Where(k => fg[k]));
        Assert.Equal(1L, Longs(a.GtIndex)[Index(2, 2)]);
        Assert.Equal(1L, Longs(a.Labels)[Index(2, 2)]);
        Assert.Equal(196.0 / 316, Floats(a.Quality)[Index(2, 2)], 6);
    }

    [Fact]
    public void A_box_smaller_than_a_stride_still_gets_one_positive_from_its_centre_square()
    {
        using var scope = NewDisposeScope();
        // GT (9,9,13,13), 4×4 px: no prior point lies strictly inside (x, y ∈ {0, 8, 16, 24}), so every candidate
        // (the whole grid, inside the centre square (11,11) ± 20) pays the 1e8 penalty. k = max(1, ⌊·⌋) = 1 anyway.
        // Prior (1,1) predicts (8,8,14,14): IoU = 16 / 36 = 0.44444444, cost QFL(0.1, 0.444) + 3·0.81093 ≈ 2.5; the rest IoU 0
        // (cost ≥ 48.35). So the only positive is (1,1), with quality 0.44444444.
        var boxes = FarBoxes();
        boxes[0, Index(1, 1)] = tensor(new float[] { 8, 8, 14, 14 });
        using var truth = Truth([(9, 9, 13, 13, 0)]);

        using var a = new AlignOtaAssigner().Assign(Scores(1, 0.1f), boxes, Priors(), truth);

        var fg = Bools(a.Foreground);
        Assert.Equal(new[] { Index(1, 1) }, Enumerable.Range(0, 16).Where(k => fg[k]));
        Assert.Equal(0.44444444, Floats(a.Quality)[Index(1, 1)], 6);
    }

    [Fact]
    public void An_image_without_boxes_is_all_background_beside_an_image_with_boxes()
    {
        using var scope = NewDisposeScope();
        // Image 0 has no GT; image 1 is the scene of the dynamic-k test (with uniform scores 0.1, the four inside
        // priors tie on cost, so only the count is checked: k = 2). The padded GT slot of image 0 must match nothing.
        var boxes = cat([BoxesAroundPriors(), BoxesAroundPriors()], dim: 0);
        var scores = full(2, 16, 2, 0.1f);
        using var truth = Truth([], [(4, 4, 20, 20, 1)]);
        Assert.Equal(new long[] { 2, 1 }, truth.Mask.shape);

        using var a = new AlignOtaAssigner().Assign(scores, boxes, Priors(), truth);

        var fg = Bools(a.Foreground);
        Assert.DoesNotContain(true, fg.Take(16));
        Assert.Equal(2, fg.Skip(16).Count(f => f));
        Assert.All(Longs(a.Labels).Take(16), l => Assert.Equal(2L, l));
        Assert.All(Floats(a.Quality).Take(16), q => Assert.Equal(0f, q));
        var inside = new[] { Index(1, 1), Index(1, 2), Index(2, 1), Index(2, 2) };
        Assert.All(Enumerable.Range(0, 16).Where(k => fg[16 + k]), k => Assert.Contains(k, inside));
    }

    [Fact]
    public void Padding_to_the_batch_maximum_changes_nothing_an_image_alone_would_get()
    {
        using var scope = NewDisposeScope();
        // Three 128×128 images (336 priors over strides 8/16/32) with 0, 2 and 5 random GTs and random predictions:
        // assigning the padded batch must give each image exactly what assigning it alone (unpadded) gives.
        manual_seed(3);
        var priors = HipFx.Model.Head.Priors.Generate(128, 128);
        long p = priors.shape[0];
        var scores = sigmoid(randn(3, p, 4) - 1);
        var centre = priors[.., ..2].unsqueeze(0);
        var reach = rand(3, p, 4) * 40 + 2;
        var boxes = cat([centre - reach[.., .., ..2], centre + reach[.., .., 2..]], dim: 2);
        var counts = new[] { 0, 2, 5 };
        var gtBoxes = counts.Select(c =>
        {
            var corner = rand(c, 2) * 100;
            return cat([corner, corner + 4 + rand(c, 2) * 60], dim: 1);
        }).ToArray();
        var gtLabels = counts.Select(c => randint(0, 4, c)).ToArray();
        var assigner = new AlignOtaAssigner();

        using var truth = GroundTruthBatch.FromTensors(gtBoxes, gtLabels);
        Assert.Equal(5, truth.MaxBoxes);
        using var batched = assigner.Assign(scores, boxes, priors, truth);
        // Not vacuous: the images with GTs have positives, the empty one has none.
        Assert.Equal(0L, batched.Foreground[0].sum().item<long>());
        Assert.True(batched.Foreground[1].sum().item<long>() > 0);
        Assert.True(batched.Foreground[2].sum().item<long>() > 0);
        for (int i = 0; i < 3; i++)
        {
            using var alone = GroundTruthBatch.FromTensors([gtBoxes[i]], [gtLabels[i]]);
            using var single = assigner.Assign(scores[i..(i + 1)], boxes[i..(i + 1)], priors, alone);
            Assert.Equal(Bools(single.Foreground), Bools(batched.Foreground[i..(i + 1)]));
            Assert.Equal(Longs(single.GtIndex), Longs(batched.GtIndex[i..(i + 1)]));
            Assert.Equal(Longs(single.Labels), Longs(batched.Labels[i..(i + 1)]));
            Assert.Equal(Floats(single.Quality), Floats(batched.Quality[i..(i + 1)]));
            Assert.Equal(Floats(single.TargetBoxes), Floats(batched.TargetBoxes[i..(i + 1)]));
        }
    }

    [Fact]
    public void A_prior_exactly_on_the_box_edge_is_not_inside()
    {
        using var scope = NewDisposeScope();
        // GT (8,8,24,24): the prior at (8,8) lies on the corner, so it is only in the centre square; (16,16) is
        // strictly inside. Boxes: prior ± 8.
        var (inBox, inCentre) = AlignOtaAssigner.Regions(Priors(), tensor(new float[] { 8, 8, 24, 24 }).view(1, 1, 4), 2.5);
        var box = Bools(inBox);
        Assert.False(box[Index(1, 1)]);
        Assert.True(box[Index(2, 2)]);
        Assert.Equal(1, box.Count(b => b));
        // Centre (16,16) ± 20 = (−4, 36): every prior of the grid.
        Assert.All(Bools(inCentre), Assert.True);
    }

    [Fact]
    public void The_centre_square_scales_with_each_priors_stride()
    {
        using var scope = NewDisposeScope();
        // Two priors at the same point (40, 0) with strides 8 and 32; GT (0,0,10,10), centre (5,5).
        // Stride 8: square 5 ± 20 = (−15, 25) → 40 outside. Stride 32: 5 ± 80 = (−75, 85) → inside.
        var priors = tensor(new float[] { 40, 0, 8, 8, 40, 0, 32, 32 }, [2, 4]);
        var (_, inCentre) = AlignOtaAssigner.Regions(priors, tensor(new float[] { 0, 0, 10, 10 }).view(1, 1, 4), 2.5);
        Assert.Equal(new[] { false, true }, Bools(inCentre));
    }
}
