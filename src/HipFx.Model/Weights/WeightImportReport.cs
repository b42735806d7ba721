namespace HipFx.Model.Weights;

/// <summary>
/// What an import did: how many state_dict entries were loaded, and which were left re-initialised because the
/// source was trained for another number of classes (the class layers <c>head.gfl_cls.*</c>).
/// </summary>
public sealed record WeightImportReport(
    string SourcePath,
    int LoadedCount,
    int SourceClassCount,
    int TargetClassCount,
    IReadOnlyList<string> Reinitialized)
{
    public bool ClassLayersReinitialized => Reinitialized.Count > 0;

    public override string ToString()
    {
        var head = $"{SourcePath}: loaded {LoadedCount} tensors";
        if (!ClassLayersReinitialized)
        {
            return head + $" ({TargetClassCount} classes, all layers from the checkpoint)";
        }
        return head + $"; the checkpoint has {SourceClassCount} classes, the model {TargetClassCount}: "
            + $"re-initialised {Reinitialized.Count} class-layer tensors (normal(0, 0.01) weights, bias −4.595): "
            + string.Join(", ", Reinitialized);
    }
}
