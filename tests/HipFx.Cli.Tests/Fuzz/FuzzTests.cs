using HipFx.Tests;
using Xunit.Abstractions;

namespace HipFx.Cli.Tests.Fuzz;

/// <summary>
/// Issue 17's fuzz suite: seeded mutants of every input kind and hostile values of every numeric option, run
/// against the real CLI in a child process. The fast slice runs by default (about a minute); the full run is
/// <c>Slow</c>. Set HIPFX_FUZZ_CASES to change the full run's size, HIPFX_FUZZ_SEED its seed.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private static int Env(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int v) ? v : fallback;

    [Fact]
    public void Fast_slice_of_hostile_inputs_holds()
    {
        using var temp = RepoPaths.NewTempFolder();
        var corpus = new FuzzCorpus(temp.File("corpus"));
        var options = FuzzCases.Options(corpus).ToList();
        // Every numeric option once with one hostile value (the values rotate with the option), plus mixed mutants.
        var cases = options.Where((_, i) => i % FuzzCases.HostileOptionValues.Length == (i / FuzzCases.HostileOptionValues.Length) % FuzzCases.HostileOptionValues.Length)
            .Concat(FuzzCases.Mixed(corpus, seed: 17, count: 40))
            .ToList();
        Assert.NotEmpty(FuzzCases.NumericOptions(HipFxApp.BuildRoot(), []));
        Check("fast slice", cases, corpus, temp.File("cases"));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Full_run_of_hostile_inputs_holds()
    {
        using var temp = RepoPaths.NewTempFolder();
        var corpus = new FuzzCorpus(temp.File("corpus"));
        int count = Env("HIPFX_FUZZ_CASES", 1500);
        int seed = Env("HIPFX_FUZZ_SEED", 2026);
        var cases = FuzzCases.Options(corpus)
            .Concat(FuzzCases.Mixed(corpus, seed, count))
            .Concat(Enumerable.Range(0, 16).Select(i => FuzzCases.Checkpoint(corpus, new Mutator(seed + i))))
            .ToList();
        Check("full run", cases, corpus, temp.File("cases"));
    }

    private void Check(string title, List<FuzzCase> cases, FuzzCorpus corpus, string scratch)
    {
        var (outcomes, elapsed, cpu) = FuzzRunner.Run(cases, corpus, scratch, Math.Max(2, Environment.ProcessorCount));
        string summary = FuzzRunner.Summary(title, outcomes, elapsed, cpu);
        output.WriteLine(summary);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), $"hipfx-fuzz-{title.Replace(' ', '-')}.txt"), summary);
        Assert.True(outcomes.All(o => !o.Finding), summary);
    }
}
