using HipFx.Core;

namespace HipFx.Evaluation.Readers;

/// <summary>
/// Collects every problem found in the reader-study inputs so that all of them are reported at once,
/// then throws one <see cref="HipFxDataException"/> listing them (the first <see cref="MaxListed"/>).
/// </summary>
public sealed class ProblemList
{
    /// <summary>How many problems the exception message lists before "... and N more".</summary>
    public const int MaxListed = 40;

    private readonly List<(string? File, int? Line, string Message)> problems = [];

    public int Count => problems.Count;

    /// <summary>Adds a problem; the message is escaped and cut (<see cref="Echo"/>): it may quote a binary file.</summary>
    public void Add(string? file, int? line, string message) => problems.Add((file, line, Echo.Text(message, 300)));

    /// <summary>Throws when any problem was added; <paramref name="what"/> names the input, e.g. "reader-study input".</summary>
    public void ThrowIfAny(string what)
    {
        if (problems.Count == 0)
        {
            return;
        }
        var files = problems.Select(p => p.File).Distinct().ToList();
        string? onlyFile = files.Count == 1 ? files[0] : null;
        var lines = problems.Take(MaxListed).Select(p => "  - " + Format(onlyFile is null ? p : p with { File = null }));
        string more = problems.Count > MaxListed ? $"{Environment.NewLine}  ... and {problems.Count - MaxListed} more" : "";
        string noun = problems.Count == 1 ? "problem" : "problems";
        throw new HipFxDataException(
            $"{problems.Count} {noun} in the {what}:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}{more}",
            onlyFile);
    }

    private static string Format((string? File, int? Line, string Message) p) =>
        (p.File, p.Line) switch
        {
            (null, null) => p.Message,
            (null, { } line) => $"line {line}: {p.Message}",
            ({ } file, null) => $"{file}: {p.Message}",
            ({ } file, { } line) => $"{file} line {line}: {p.Message}",
        };
}
