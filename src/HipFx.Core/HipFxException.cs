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
            (null, _) => $"{Echo.Text(location)}: {message}",
            (_, null) => $"{Echo.Path(filePath)}: {message}",
            _ => $"{Echo.Path(filePath)} ({Echo.Text(location)}): {message}",
        };
}

/// <summary>A configuration file or option is wrong: the CLI exits with code 2 (usage error).</summary>
public class HipFxConfigException : Exception
{
    public HipFxConfigException(string message, string? filePath = null, Exception? inner = null)
        : base(filePath is null ? message : $"{Echo.Path(filePath)}: {message}", inner)
    {
        FilePath = filePath;
    }

    public string? FilePath { get; }
}
