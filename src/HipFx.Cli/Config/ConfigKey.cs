namespace HipFx.Cli.Config;

/// <summary>
/// One key of the training config (<c>train.epochs</c>): its documentation, its value kind, and where it lives in
/// the typed records (<see cref="TrainConfig"/>). The default is whatever the records default to, so it is written once.
/// </summary>
internal abstract class ConfigKey(string name, string description)
{
    /// <summary>The dotted key, e.g. <c>train.optimizer.momentum</c>.</summary>
    public string Name { get; } = name;

    /// <summary>One line for the resolved config and <c>hipfx train --help</c>.</summary>
    public string Description { get; } = description;

    /// <summary>The section path (<c>train.optimizer</c>) and the leaf (<c>momentum</c>).</summary>
    public string Section => Name[..Name.LastIndexOf('.')];

    public string Leaf => Name[(Name.LastIndexOf('.') + 1)..];

    /// <summary>The rule a value must satisfy, e.g. "must be a positive integer".</summary>
    public abstract string Expectation { get; }

    /// <summary>Sets the key from <paramref name="text"/> (null: YAML null); null when the text does not fit <see cref="Expectation"/>.</summary>
    public abstract TrainConfig? TryApply(TrainConfig config, string? text);

    /// <summary>The key's value in <paramref name="config"/> as YAML (reads back to the same value).</summary>
    public abstract string Format(TrainConfig config);
}

/// <summary>A key whose value has type <typeparamref name="T"/>.</summary>
internal sealed class ConfigKey<T>(
    string name,
    string description,
    ConfigValueKind<T> kind,
    Func<TrainConfig, T> get,
    Func<TrainConfig, T, TrainConfig> set) : ConfigKey(name, description)
{
    public override string Expectation => kind.Expectation;

    public override TrainConfig? TryApply(TrainConfig config, string? text) =>
        kind.TryParse(text, out var value) ? set(config, value) : null;

    public override string Format(TrainConfig config) => kind.Format(get(config));
}
