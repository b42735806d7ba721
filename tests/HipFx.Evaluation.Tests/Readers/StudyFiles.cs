using HipFx.Core;
using HipFx.Evaluation.Readers;
using HipFx.Tests;

namespace HipFx.Evaluation.Tests.Readers;

/// <summary>Small reader-study inputs written to a temporary folder.</summary>
internal sealed class StudyFiles : IDisposable
{
    private readonly TempFolder folder = RepoPaths.NewTempFolder();

    public string Folder => folder.Path;

    public string Write(string name, params string[] lines)
    {
        string path = folder.File(name);
        File.WriteAllLines(path, lines);
        return path;
    }

    /// <summary>Truth of images i1..iN with the given labels.</summary>
    public ReaderTruth Truth(params ImageLabel[] labels) =>
        new(labels.Select((l, i) => (Id: $"i{i + 1}", Label: l)).ToDictionary(p => p.Id, p => p.Label), "truth.csv");

    public void Dispose() => folder.Dispose();

    /// <summary>Reads of one reader in one phase: labels[k] for image i(k+1).</summary>
    public static IEnumerable<ReaderRead> Reads(string reader, ReadingPhase phase, params ImageLabel[] labels) =>
        labels.Select((l, i) => new ReaderRead($"i{i + 1}", reader, phase, l));
}
