namespace HipFx.Model.Backbone;

/// <summary>
/// One row of the TinyNAS-L20 stage table (damo-yolo-t.md §1.1): a SuperResConvK1KX stage of
/// <paramref name="Blocks"/> ResConvBlocks, the first with <paramref name="Stride"/>.
/// </summary>
public sealed record TinyNasStage(int In, int Out, int Bottleneck, int Stride, int Blocks, bool WithSpp = false);
