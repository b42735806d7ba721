using System.Globalization;
using HipFx.Core;

namespace HipFx.Evaluation.Metrics;

/// <summary>The τ a run uses, where it came from (for the stamp and the console), and what to warn about.</summary>
public sealed record TauChoice(double Tau, string Source, IReadOnlyList<string> Warnings)
{
    /// <summary>The locked selection it was read from; null for an explicit or default τ.</summary>
    public TauSelection? Locked { get; init; }
}

/// <summary>
/// The one τ rule of <c>hipfx eval</c> and <c>hipfx predict</c>: an explicit τ (<c>--tau</c>, in [0, 1]) wins; else
/// the τ locked in tau.json (the run folder's, <see cref="Data.Runs.RunFolder.TauFile"/>), with a warning when it was
/// chosen under another valgus-priority setting than <paramref name="decision"/>'s; else nothing (the caller chooses
/// on val, or falls back to <see cref="Default"/>).
/// </summary>
public static class TauResolver
{
    /// <summary>Explicit or locked τ; null when neither is given.</summary>
    public static TauChoice? ExplicitOrLocked(double? explicitTau, string? tauFile, DecisionOptions decision)
    {
        if (explicitTau is { } tau)
        {
            OptionRules.Fraction(tau, nameof(DecisionOptions.Tau));
            return new TauChoice(tau, "--tau", []);
        }
        if (tauFile is null || !File.Exists(tauFile))
        {
            return null;
        }
        var locked = TauSelection.Read(tauFile);
        return new TauChoice(locked.Tau, $"locked in {tauFile} (chosen on {locked.Split}, {locked.Criterion})", ValgusWarnings(locked, tauFile, decision))
        {
            Locked = locked,
        };
    }

    /// <summary>The default τ (<see cref="DecisionOptions.Tau"/>'s default), said to be one.</summary>
    public static TauChoice Default(DecisionOptions decision, string? warning = null) =>
        new(decision.Tau, "default", warning is null ? [] : [warning]);

    /// <summary>
    /// τ chosen with the valgus-priority rule on (or at another τ_v) does not carry over to a run without it: the
    /// decisions it was tuned for differ.
    /// </summary>
    private static List<string> ValgusWarnings(TauSelection locked, string file, DecisionOptions decision)
    {
        var warnings = new List<string>();
        if (locked.ValgusPriority != decision.ValgusPriority)
        {
            warnings.Add($"τ in {file} was chosen with the valgus-priority rule {OnOff(locked.ValgusPriority)}; this run has it {OnOff(decision.ValgusPriority)}");
        }
        else if (locked.ValgusPriority && locked.ValgusTau != decision.ValgusTau)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"τ in {file} was chosen with the valgus-priority rule at τ_v = {locked.ValgusTau}; this run uses τ_v = {decision.ValgusTau}"));
        }
        return warnings;
    }

    private static string OnOff(bool on) => on ? "on" : "off";
}
