namespace HipFx.Data.Runs;

/// <summary>
/// One epoch of <c>results.csv</c> (<see cref="ResultsTable"/>); a value left empty (no validation that epoch, or not
/// a finite number) is null.
/// </summary>
public sealed record EpochResult(
    int Epoch, long? Iterations, double? Lr, double? Loss, double? LossCls, double? LossBbox, double? LossDfl,
    double? ImagesPerSecond, double? EpochSeconds, double? ValAp50, double? ValAp5095, double? ValMacroSe,
    double? ValMacroSp, double? ValTau);
