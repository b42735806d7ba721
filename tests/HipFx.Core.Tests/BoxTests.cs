using HipFx.Core;

namespace HipFx.Core.Tests;

public class BoxTests
{
    [Fact]
    public void IoU_and_dice_of_half_overlapping_boxes()
    {
        var a = new Box(0, 0, 10, 10);
        var b = new Box(5, 0, 15, 10);
        Assert.Equal(50.0 / 150.0, a.IoU(b), 12);
        Assert.Equal(2 * 50.0 / 200.0, a.Dice(b), 12);
    }

    [Fact]
    public void Disjoint_and_empty_boxes_have_zero_overlap()
    {
        var a = new Box(0, 0, 10, 10);
        Assert.Equal(0, a.IoU(new Box(20, 20, 30, 30)));
        Assert.Equal(0, new Box(3, 3, 3, 3).IoU(new Box(3, 3, 3, 3)));
        Assert.Equal(0, new Box(5, 5, 1, 1).Area);
    }

    [Fact]
    public void Class_names_round_trip_and_no_fracture_is_not_a_box_class()
    {
        foreach (var label in ClassNames.ImageLabels)
        {
            Assert.True(ClassNames.TryParseLabel(label.Name(), out var parsed));
            Assert.Equal(label, parsed);
        }
        Assert.False(ClassNames.TryParseFracture("no_fracture", out _));
        Assert.Equal("valgus_impacted_fnf", FractureClass.ValgusImpactedFnf.Name());
        Assert.Null(ImageLabel.NoFracture.ToFractureClass());
        Assert.Equal("VF", ImageLabel.ValgusImpactedFnf.PaperName());
    }
}
