namespace HipFx.Data.Voc;

/// <summary>
/// What a <c>&lt;difficult&gt;1&lt;/difficult&gt;</c> box becomes. Never silent: boxes set aside are counted in
/// <see cref="LabeledAnnotation.ExcludedDifficult"/> and reported by <c>hipfx lint</c>.
/// </summary>
public enum DifficultPolicy
{
    /// <summary><c>keep</c> (default): an ordinary positive box (a surgeon drew it; "difficult" is not "unsure").</summary>
    Keep = 0,

    /// <summary><c>ignore</c>: kept with <c>GroundTruthBox.Difficult = true</c>, so evaluation neither rewards nor punishes it (VOC devkit rule).</summary>
    Ignore = 1,

    /// <summary><c>exclude</c>: dropped from the ground truth, and counted.</summary>
    Exclude = 2,
}

/// <summary>Config names of <see cref="DifficultPolicy"/>.</summary>
public static class DifficultPolicies
{
    public static string ConfigName(this DifficultPolicy policy) => policy switch
    {
        DifficultPolicy.Keep => "keep",
        DifficultPolicy.Ignore => "ignore",
        DifficultPolicy.Exclude => "exclude",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, null),
    };

    public static DifficultPolicy Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "keep" => DifficultPolicy.Keep,
        "ignore" => DifficultPolicy.Ignore,
        "exclude" => DifficultPolicy.Exclude,
        _ => throw new Core.HipFxConfigException($"unknown difficult policy '{name}'; expected keep, ignore or exclude"),
    };
}
