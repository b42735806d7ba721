namespace HipFx.Core;

/// <summary>
/// Bad data (a file or value the user gave): the CLI reports the message and exits with code 1.
/// Misuse of an API throws <see cref="ArgumentException"/> / <see cref="InvalidOperationException"/> instead.
/// Carries where the problem is, like System.Text.Json's <c>JsonException</c> does.
/// </summary>
public class HipFxDataException : Exception
{
    public HipFxDataException(string message, string? filePath = null, string? location = null, Exception? inner = null)
        : base(Compose(message, filePath, location), inner)
    {
        FilePath = filePath;
        Location = location;
        Problem = message;
    }

    /// <summary>The file the problem is in, when there is one.</summary>
    public string? FilePath { get; }

    /// <summary>Where in the file: a tag and offset, an element, a line, a key.</summary>
    public string? Location { get; }

    /// <summary>The problem alone, without file and location.</summary>
    public string Problem { get; }

    private static string Compose(string message, string? filePath, string? location) =>
        (filePath, location) switch
        {
            (null, null) => message,
            (null, _) => $"{location}: {message}",
            (_, null) => $"{filePath}: {message}",
            _ => $"{filePath} ({location}): {message}",
        };
}

/// <summary>
/// A configuration file or option is wrong: the CLI exits with code 2 (usage error). An options record's validation
/// sets <see cref="Key"/> (its property, e.g. <c>MaxPixels</c>) and <see cref="Problem"/>; the CLI renames the key to
/// its option (<c>--max-pixels</c>) with <see cref="ForOption"/>, a config reader to its YAML key.
/// </summary>
public class HipFxConfigException : Exception
{
    public HipFxConfigException(string message, string? filePath = null, Exception? inner = null)
        : base(filePath is null ? message : $"{filePath}: {message}", inner)
    {
        FilePath = filePath;
        Problem = message;
    }

    private HipFxConfigException(string key, string problem, string? filePath, bool keyed)
        : base(filePath is null ? $"{key} {problem}" : $"{filePath}: {key} {problem}")
    {
        Key = key;
        Problem = problem;
        FilePath = filePath;
    }

    public string? FilePath { get; }

    /// <summary>The options-record key that is wrong (a property name); null when the message names it already.</summary>
    public string? Key { get; }

    /// <summary>The problem without the key or file, e.g. "must be positive, got 0".</summary>
    public string Problem { get; }

    /// <summary>An options record's key is wrong: the message reads "<paramref name="key"/> <paramref name="problem"/>".</summary>
    public static HipFxConfigException ForKey(string key, string problem) => new(key, problem, null, keyed: true);

    /// <summary>The same problem, said of the option (or config key) <paramref name="optionName"/> the user wrote.</summary>
    public HipFxConfigException ForOption(string optionName) => new(optionName, Problem, FilePath, keyed: true);
}
