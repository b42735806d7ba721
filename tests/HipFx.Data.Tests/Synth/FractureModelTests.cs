using System.Numerics;
using HipFx.Core;
using HipFx.Data.Synth;

namespace HipFx.Data.Tests.Synth;

public class FractureModelTests
{
    private static (HipAnatomy Hip, FemurFracture Fracture) Make(FractureClass c, int index, double difficulty = 0.5)
    {
        var rng = new SynthRandom(9, 1, index);
        var hip = HipAnatomy.Sample(rng, male: index % 2 == 0);
        return (hip, FractureModels.Create(c, hip, rng, difficulty));
    }

    [Theory]
    [InlineData(FractureClass.DisplacedFnf)]
    [InlineData(FractureClass.ValgusImpactedFnf)]
    [InlineData(FractureClass.StableItf)]
    [InlineData(FractureClass.UnstableItf)]
    public void EveryFractureHasACutFragmentsAndBoxPoints(FractureClass c)
    {
        for (int i = 0; i < 10; i++)
        {
            var (_, fracture) = Make(c, i);
            Assert.Equal(c, fracture.Class);
            Assert.NotEmpty(fracture.Cuts);
            Assert.True(fracture.Fragments.Count >= 2);
            Assert.Single(fracture.Fragments, f => f.IsRemainder);
            Assert.NotEmpty(fracture.BoxPoints);
        }
    }

    [Theory]
    [InlineData(FractureClass.DisplacedFnf)]
    [InlineData(FractureClass.ValgusImpactedFnf)]
    public void NeckFracturesSeparateTheHeadFromTheShaft(FractureClass c)
    {
        var (hip, fracture) = Make(c, 1);
        int head = fracture.FragmentAt(0, 0);
        int shaft = fracture.FragmentAt(hip.NeckBase.X + hip.ShaftAxis.X * 80, hip.NeckBase.Y + hip.ShaftAxis.Y * 80);
        Assert.NotEqual(head, shaft);
        // The greater trochanter stays with the shaft.
        Assert.Equal(shaft, fracture.FragmentAt(hip.GreaterTrochanter.X, hip.GreaterTrochanter.Y));
    }

    [Fact]
    public void StableIntertrochantericKeepsTheLesserTrochanterOnTheShaft()
    {
        for (int i = 0; i < 10; i++)
        {
            var (hip, fracture) = Make(FractureClass.StableItf, i);
            int shaft = fracture.FragmentAt(hip.NeckBase.X + hip.ShaftAxis.X * 120, hip.NeckBase.Y + hip.ShaftAxis.Y * 120);
            Assert.Equal(shaft, fracture.FragmentAt(hip.LesserTrochanter.X, hip.LesserTrochanter.Y));
            Assert.NotEqual(shaft, fracture.FragmentAt(0, 0));
            Assert.Equal(2, fracture.Fragments.Count);
        }
    }

    [Fact]
    public void UnstableIntertrochantericIsComminutedOrReverseOblique()
    {
        int comminuted = 0, reverse = 0;
        for (int i = 0; i < 30; i++)
        {
            var (hip, fracture) = Make(FractureClass.UnstableItf, i);
            if (fracture.Description.Contains("reverse oblique"))
            {
                reverse++;
                continue;
            }
            comminuted++;
            Assert.True(fracture.Fragments.Count >= 3);
            // The lesser trochanter is its own, displaced, fragment.
            int lt = fracture.FragmentAt(hip.LesserTrochanter.X, hip.LesserTrochanter.Y);
            Assert.False(fracture.Fragments[lt].IsRemainder);
            var moved = fracture.Fragments[lt].Placement.Apply(hip.LesserTrochanter);
            Assert.True(Vector2.Distance(moved, hip.LesserTrochanter) > 1);
        }
        Assert.True(comminuted > 0 && reverse > 0, $"comminuted {comminuted}, reverse {reverse}");
    }

    [Fact]
    public void DisplacedHeadsTurnIntoVarusAndValgusImpactedHeadsIntoValgus()
    {
        double MeanTurn(FractureClass c) => Enumerable.Range(0, 20).Average(i =>
        {
            var (hip, fracture) = Make(c, i);
            var head = fracture.Fragments[fracture.FragmentAt(0, 0)].Placement;
            var stump = -hip.NeckAxis * hip.HeadRadius;
            var moved = head.Apply(stump);
            // Positive: the stump turned from x toward y (varus in this frame).
            return stump.X * moved.Y - stump.Y * moved.X;
        });
        Assert.True(MeanTurn(FractureClass.DisplacedFnf) > 0);
        Assert.True(MeanTurn(FractureClass.ValgusImpactedFnf) < 0);
    }

    [Fact]
    public void HarderFracturesAreLessDisplaced()
    {
        double MeanShift(double d) => Enumerable.Range(0, 20).Average(i =>
        {
            var (hip, fracture) = Make(FractureClass.DisplacedFnf, i, d);
            var far = hip.NeckBase + hip.ShaftAxis * 100;
            var shaft = fracture.Fragments[fracture.FragmentAt(far.X, far.Y)].Placement;
            return Vector2.Distance(shaft.Apply(far), far);
        });
        Assert.True(MeanShift(0) > 1.5 * MeanShift(1));
    }
}
