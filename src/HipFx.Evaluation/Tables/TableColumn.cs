namespace HipFx.Evaluation.Tables;

/// <summary>
/// One column: <paramref name="Key"/> is the machine name (CSV header, JSON property: snake_case),
/// <paramref name="Header"/> the human one (Markdown, terminal).
/// </summary>
public sealed record TableColumn(string Key, string Header);
