namespace HipFx.Data.Synth;

/// <summary>5×7 bitmaps of the lead side markers ("L", "R") laid on the cassette.</summary>
internal static class MarkerGlyphs
{
    private static readonly string[] L =
    [
        "#....",
        "#....",
        "#....",
        "#....",
        "#....",
        "#....",
        "#####",
    ];

    private static readonly string[] R =
    [
        "####.",
        "#...#",
        "#...#",
        "####.",
        "#.#..",
        "#..#.",
        "#...#",
    ];

    public const int Columns = 5;

    public const int Rows = 7;

    public static bool IsSet(char letter, int column, int row) => (letter == 'L' ? L : R)[row][column] == '#';
}
