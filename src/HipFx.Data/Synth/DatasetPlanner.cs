using HipFx.Core;

namespace HipFx.Data.Synth;

/// <summary>
/// Lays out a synthetic dataset: how many images per institution and label (the paper's proportions
/// scaled to the requested count), which patient each image belongs to (some patients have two or
/// three studies, never across institutions), and each patient's sex, age and study dates.
/// </summary>
public static class DatasetPlanner
{
    /// <summary>Chance that the next image of an institution is another study of the same patient.</summary>
    public const double RepeatStudyChance = 0.15;

    private static readonly DateOnly FirstStudy = new(2003, 5, 1);
    private static readonly DateOnly LastStudy = new(2023, 8, 31);

    public static IReadOnlyList<ImagePlan> Plan(SynthOptions options)
    {
        var rng = new SynthRandom(options.Seed, stream: 0x91A4);
        var internals = options.Institutions.Where(i => !i.IsExternal).ToList();
        var externals = options.Institutions.Where(i => i.IsExternal).ToList();
        int externalCount = internals.Count == 0 ? options.Count
            : externals.Count == 0 ? 0
            : (int)Math.Round(options.Count * (double)PaperProportions.ExternalTotal / (PaperProportions.InternalTotal + PaperProportions.ExternalTotal));
        int internalCount = options.Count - externalCount;

        var slots = new List<(InstitutionProfile Institution, ImageLabel Label)>();
        AddSlots(slots, internals, internalCount, PaperProportions.Internal);
        AddSlots(slots, externals, externalCount, PaperProportions.External);
        Shuffle(slots, rng);

        // Patients: walk each institution's images in order; some continue the previous patient.
        var plans = new ImagePlan[slots.Count];
        var lastByInstitution = new Dictionary<string, ImagePlan>();
        var patientCounter = new Dictionary<string, int>();
        for (int index = 0; index < slots.Count; index++)
        {
            var (institution, label) = slots[index];
            string code = institution.Code;
            string imageId = $"{code}_{index + 1:D6}";
            ImagePlan plan;
            if (lastByInstitution.TryGetValue(code, out var previous) && previous.StudyNumber < 3 && rng.Chance(RepeatStudyChance))
            {
                var date = previous.StudyDate.AddDays(rng.Next(14, 1100));
                plan = previous with
                {
                    Index = index, ImageId = imageId, Label = label, StudyNumber = previous.StudyNumber + 1,
                    StudyDate = date > LastStudy ? LastStudy : date,
                    Age = previous.Age + (date.DayNumber - previous.StudyDate.DayNumber) / 365,
                    // A second hip fracture is usually the other hip.
                    LeftHip = rng.Chance(0.7) ? !previous.LeftHip : previous.LeftHip,
                };
            }
            else
            {
                int number = patientCounter.GetValueOrDefault(code) + 1;
                patientCounter[code] = number;
                bool male = rng.Chance(institution.MaleFraction);
                plan = new ImagePlan
                {
                    Index = index, ImageId = imageId, PatientId = $"SYN{code}{number:D5}", Institution = institution,
                    Label = label, LeftHip = rng.Chance(0.5), Sex = male ? "M" : "F",
                    Age = (int)Math.Round(rng.Normal(institution.MeanAge, institution.AgeSd, 40, 104)),
                    StudyDate = FirstStudy.AddDays(rng.Next(0, LastStudy.DayNumber - FirstStudy.DayNumber + 1)),
                    StudyNumber = 1,
                };
            }
            plans[index] = plan;
            lastByInstitution[code] = plan;
        }
        return plans;
    }

    private static void AddSlots(List<(InstitutionProfile, ImageLabel)> slots, List<InstitutionProfile> institutions,
        int count, IReadOnlyDictionary<ImageLabel, int> proportions)
    {
        if (institutions.Count == 0 || count == 0)
        {
            return;
        }
        var labels = ClassNames.ImageLabels;
        var perLabel = PaperProportions.Apportion(count, labels.Select(l => (double)proportions[l]).ToList());
        var weights = institutions.Select(i => i.Weight).ToList();
        for (int l = 0; l < labels.Count; l++)
        {
            var perInstitution = PaperProportions.Apportion(perLabel[l], weights);
            for (int i = 0; i < institutions.Count; i++)
            {
                for (int k = 0; k < perInstitution[i]; k++)
                {
                    slots.Add((institutions[i], labels[l]));
                }
            }
        }
    }

    private static void Shuffle<T>(List<T> items, SynthRandom rng)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = rng.Next(0, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
