using System.Globalization;
using HipFx.Core;
using HipFx.Evaluation.Tables;
using HipFx.Tests;

namespace HipFx.Evaluation.Tests.Tables;

/// <summary>The paper's Table II as hipfx quotes it equals the table in the paper's own text (shared/seed).</summary>
public sealed class PaperResultsTests
{
    [Fact]
    public void Table_II_equals_the_papers_text()
    {
        var lines = File.ReadAllLines(RepoPaths.SharedFile("seed", "000_7db61b8bfadd1ad8.txt"));
        int start = Array.FindIndex(lines, l => l.StartsWith("Table II.", StringComparison.Ordinal));
        Assert.True(start >= 0, "the paper's Table II caption was not found");
        var rows = new Dictionary<FractureClass, string>
        {
            [FractureClass.DisplacedFnf] = "Displaced femoral neck fractures",
            [FractureClass.ValgusImpactedFnf] = "Valgus-impacted femoral neck fractures",
            [FractureClass.StableItf] = "Stable intertrochanteric fractures",
            [FractureClass.UnstableItf] = "Unstable intertrochanteric fractures",
        };
        foreach (var (cls, label) in rows)
        {
            string line = lines.Skip(start).First(l => l.StartsWith(label, StringComparison.Ordinal));
            var numbers = line[label.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            var quoted = PaperResults.TableII[cls];
            Assert.Equal(numbers, new[] { quoted.Accuracy, quoted.Sensitivity, quoted.Specificity, quoted.IoU, quoted.Dice });
        }
    }
}
