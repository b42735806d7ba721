using HipFx.Core;
using HipFx.Data.Manifests;
using HipFx.Data.Splits;
using HipFx.Tests;

namespace HipFx.Data.Tests.Splits;

public sealed class PatientSplitterTests
{
    /// <summary>A manifest like the paper's in miniature: two internal hospitals, one external, 1-3 images per patient.</summary>
    private static Manifest Dataset(int patients = 400)
    {
        var rows = new List<ManifestRow>();
        var labels = ClassNames.ImageLabels;
        for (int p = 0; p < patients; p++)
        {
            string institution = p % 10 == 9 ? "C" : p % 2 == 0 ? "A" : "B";
            var label = labels[(p * 7) % labels.Count];
            for (int k = 0; k < 1 + (p % 3); k++)
            {
                rows.Add(new ManifestRow
                {
                    ImageId = $"img{p:0000}_{k}", PatientId = $"pat{p:0000}", Institution = institution,
                    ImagePath = $"img{p}_{k}.png", Label = label,
                });
            }
        }
        return Manifest.Create("/tmp/hipfx-split-test", rows);
    }

    private static readonly SplitOptions Options = new() { Seed = 11, ExternalInstitutions = ["C"] };

    [Fact]
    public void No_patient_is_in_two_splits_and_external_is_kept_whole()
    {
        var split = PatientSplitter.Split(Dataset(), Options);
        Assert.Empty(ManifestValidator.Leaks(split.Rows));
        Assert.All(split.Rows, r => Assert.Equal(r.Institution == "C", r.Split == DatasetSplit.External));
        Assert.All(split.Rows, r => Assert.NotNull(r.Split));
    }

    [Fact]
    public void Fractions_hold_per_label_within_a_few_images()
    {
        var split = PatientSplitter.Split(Dataset(), Options);
        foreach (var label in ClassNames.ImageLabels)
        {
            var internalRows = split.Rows.Where(r => r.Label == label && r.Split != DatasetSplit.External).ToList();
            double n = internalRows.Count;
            Assert.InRange(internalRows.Count(r => r.Split == DatasetSplit.Train) / n, 0.76, 0.84);
            Assert.InRange(internalRows.Count(r => r.Split == DatasetSplit.Val) / n, 0.06, 0.14);
            Assert.InRange(internalRows.Count(r => r.Split == DatasetSplit.Test) / n, 0.06, 0.14);
        }
    }

    [Fact]
    public void Same_seed_same_split_whatever_the_row_order_other_seed_differs()
    {
        var manifest = Dataset();
        var a = PatientSplitter.Split(manifest, Options);
        var shuffled = manifest.WithRows(manifest.Rows.Reverse());
        var b = PatientSplitter.Split(shuffled, Options);
        Assert.Equal(a.Sha256(), b.Sha256());
        var c = PatientSplitter.Split(manifest, Options with { Seed = 12 });
        Assert.NotEqual(a.Sha256(), c.Sha256());
    }

    [Fact]
    public void Custom_fractions_are_followed_and_a_zero_share_stays_empty()
    {
        var split = PatientSplitter.Split(Dataset(), Options with { Train = 0.7, Val = 0.3, Test = 0 });
        Assert.DoesNotContain(split.Rows, r => r.Split == DatasetSplit.Test);
        double internalCount = split.Rows.Count(r => r.Split != DatasetSplit.External);
        Assert.InRange(split.Rows.Count(r => r.Split == DatasetSplit.Val) / internalCount, 0.27, 0.33);
    }

    [Theory]
    [InlineData(0.8, 0.1, 0.2)]
    [InlineData(0, 0.5, 0.5)]
    [InlineData(0.9, -0.1, 0.2)]
    public void Bad_fractions_are_config_errors(double train, double val, double test) =>
        Assert.Throws<HipFxConfigException>(() => new SplitOptions { Train = train, Val = val, Test = test }.Validate());

    [Fact]
    public void Patient_in_internal_and_external_institution_is_refused()
    {
        var rows = new[]
        {
            new ManifestRow { ImageId = "a", PatientId = "p", Institution = "A", ImagePath = "a.png" },
            new ManifestRow { ImageId = "b", PatientId = "p", Institution = "C", ImagePath = "b.png" },
        };
        var error = Assert.Throws<HipFxDataException>(() => PatientSplitter.Split(Manifest.Create("/tmp", rows), Options));
        Assert.Contains("patient 'p'", error.Message);
        Assert.Throws<HipFxConfigException>(() => PatientSplitter.Split(Manifest.Create("/tmp", rows[..1]), Options));
    }

    [Fact]
    public void Table_counts_labels_patients_and_institutions()
    {
        var split = PatientSplitter.Split(Dataset(40), Options);
        var table = SplitTable.From(split);
        Assert.Equal(["train", "val", "test", "external", "total"], table.Rows.Select(r => r.Split));
        var total = table.Rows[^1];
        Assert.Equal(split.Rows.Count, total.Images);
        Assert.Equal(40, total.Patients);
        Assert.Equal(["A", "B", "C"], total.Institutions);
        Assert.Equal(total.Images, table.Rows.SkipLast(1).Sum(r => r.Images));
        Assert.Equal(split.Rows.Count(r => r.Label == ImageLabel.StableItf && r.Split == DatasetSplit.Val),
            table.Rows[1].LabelCounts["stable_itf"]);
        Assert.StartsWith("| split | displaced_fnf |", table.ToMarkdown());
        Assert.StartsWith("split,displaced_fnf,valgus_impacted_fnf,stable_itf,unstable_itf,no_fracture,unreviewed,images,patients,institutions\n", table.ToCsv());
    }
}
