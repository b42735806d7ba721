using HipFx.Core;
using HipFx.Data.Voc;

namespace HipFx.Data.Tests.Voc;

public sealed class ClassMapTests
{
    [Theory]
    [InlineData("displaced_fnf", FractureClass.DisplacedFnf)]
    [InlineData("Displaced", FractureClass.DisplacedFnf)]
    [InlineData("DF", FractureClass.DisplacedFnf)]
    [InlineData(" df ", FractureClass.DisplacedFnf)]
    [InlineData("Garden III/IV", FractureClass.DisplacedFnf)]
    [InlineData("VF", FractureClass.ValgusImpactedFnf)]
    [InlineData("valgus impacted", FractureClass.ValgusImpactedFnf)]
    [InlineData("Valgus-Impacted", FractureClass.ValgusImpactedFnf)]
    [InlineData("VALGUS__IMPACTED", FractureClass.ValgusImpactedFnf)]
    [InlineData("Stable  ITF", FractureClass.StableItf)]
    [InlineData("SF", FractureClass.StableItf)]
    [InlineData("unstable intertrochanteric fracture", FractureClass.UnstableItf)]
    [InlineData("uf", FractureClass.UnstableItf)]
    public void Default_map_accepts_common_variants(string name, FractureClass expected)
    {
        Assert.True(ClassMap.Default.TryMap(name, out var found));
        Assert.Equal(expected, found);
    }

    [Theory]
    [InlineData("no_fracture")]
    [InlineData("fracture")]
    [InlineData("fractured")]
    [InlineData("raccoon")]
    [InlineData("undisplaced")]
    public void Unknown_and_non_box_names_are_not_mapped(string name) =>
        Assert.False(ClassMap.Default.TryMap(name, out _));

    [Fact]
    public void Unknown_name_error_names_file_object_and_name()
    {
        var error = Assert.Throws<HipFxDataException>(() => ClassMap.Default.Resolve("Pertrochanteric", "x/a.xml", 3));
        Assert.Equal("x/a.xml", error.FilePath);
        Assert.Equal("object[3]/name", error.Location);
        Assert.Contains("'Pertrochanteric'", error.Message);
    }

    [Fact]
    public void Assignment_adds_an_alias_and_leaves_the_original_unchanged()
    {
        var map = ClassMap.Default.WithAssignment("Fractured=UF");
        Assert.True(map.TryMap("fractured", out var c));
        Assert.Equal(FractureClass.UnstableItf, c);
        Assert.False(ClassMap.Default.TryMap("fractured", out _));
    }

    [Theory]
    [InlineData("fractured")]
    [InlineData("=DF")]
    [InlineData("x=no_fracture")]
    [InlineData("x=broken")]
    public void Bad_assignments_are_config_errors(string text) =>
        Assert.Throws<HipFxConfigException>(() => ClassMap.Default.WithAssignment(text));
}
