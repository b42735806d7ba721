namespace HipFx.Training.Step;

/// <summary>
/// Seconds spent in the phases of one training step (the slowest replica per phase): the batch's tensors made on the
/// device, forward, label assignment + losses, backward, and the gradient reduction with the step's one host
/// transfer (losses and the finiteness check).
/// </summary>
public sealed record StepPhases(double ToDevice, double Forward, double AssignAndLoss, double Backward, double Reduce);
