using HipFx.Core;
using HipFx.Data.Synth;

namespace HipFx.Data.Tests.Synth;

public class DatasetPlannerTests
{
    private static SynthOptions Options(int count, long seed = 1) => new() { OutputFolder = "unused", Count = count, Seed = seed };

    [Fact]
    public void ThePaperSizeReproducesThePaperCountsExactly()
    {
        var plans = DatasetPlanner.Plan(Options(PaperProportions.InternalTotal + PaperProportions.ExternalTotal));
        var internalCounts = plans.Where(p => !p.Institution.IsExternal).GroupBy(p => p.Label).ToDictionary(g => g.Key, g => g.Count());
        var externalCounts = plans.Where(p => p.Institution.IsExternal).GroupBy(p => p.Label).ToDictionary(g => g.Key, g => g.Count());
        foreach (var label in ClassNames.ImageLabels)
        {
            Assert.Equal(PaperProportions.Internal[label], internalCounts[label]);
            Assert.Equal(PaperProportions.External[label], externalCounts[label]);
        }
    }

    [Fact]
    public void ASmallCountKeepsTheTotalAndTheProportions()
    {
        var plans = DatasetPlanner.Plan(Options(200));
        Assert.Equal(200, plans.Count);
        int external = plans.Count(p => p.Institution.IsExternal);
        // The paper's external share of 200 images (200 × 675 / 5168 = 26.1), rounded down or up.
        double share = 200.0 * PaperProportions.ExternalTotal / (PaperProportions.InternalTotal + PaperProportions.ExternalTotal);
        Assert.InRange(external, Math.Floor(share), Math.Ceiling(share));
        // Internal: DF is the largest class, No the smallest; external: No the largest.
        var inside = plans.Where(p => !p.Institution.IsExternal).GroupBy(p => p.Label).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(ImageLabel.DisplacedFnf, inside.MaxBy(kv => kv.Value).Key);
        Assert.Equal(ImageLabel.NoFracture, inside.MinBy(kv => kv.Value).Key);
        var outside = plans.Where(p => p.Institution.IsExternal).GroupBy(p => p.Label).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(ImageLabel.NoFracture, outside.MaxBy(kv => kv.Value).Key);
    }

    [Fact]
    public void PatientsStayInOneInstitutionAndSomeHaveSeveralStudies()
    {
        var plans = DatasetPlanner.Plan(Options(400));
        var byPatient = plans.GroupBy(p => p.PatientId).ToList();
        Assert.All(byPatient, g => Assert.Single(g.Select(p => p.Institution.Code).Distinct()));
        Assert.All(byPatient, g => Assert.Single(g.Select(p => p.Sex).Distinct()));
        Assert.Contains(byPatient, g => g.Count() > 1);
        Assert.All(byPatient.Where(g => g.Count() > 1), g =>
        {
            var studies = g.OrderBy(p => p.StudyNumber).ToList();
            Assert.True(studies.Zip(studies.Skip(1)).All(t => t.First.StudyDate <= t.Second.StudyDate));
        });
        Assert.Equal(plans.Count, plans.Select(p => p.ImageId).Distinct().Count());
    }

    [Fact]
    public void InternalOnlyMixUsesInternalProportionsAndWeights()
    {
        var options = Options(100) with
        {
            Institutions = [InstitutionProfile.A with { Weight = 3 }, InstitutionProfile.B with { Weight = 1 }],
        };
        var plans = DatasetPlanner.Plan(options);
        Assert.DoesNotContain(plans, p => p.Institution.IsExternal);
        int a = plans.Count(p => p.Institution.Code == "A");
        Assert.InRange(a, 72, 78);
    }

    [Fact]
    public void ApportionAddsUpAndFavoursTheLargerRemainder()
    {
        Assert.Equal([2, 1], PaperProportions.Apportion(3, [0.6, 0.4]));
        Assert.Equal(7, PaperProportions.Apportion(7, [1, 1, 1]).Sum());
        Assert.Equal([0, 0, 1], PaperProportions.Apportion(1, [0.1, 0.1, 0.8]));
    }
}
