using TorchSharp.Modules;
using static TorchSharp.torch;

namespace HipFx.Model.Head;

/// <summary>A learnable scalar multiplier (key <c>scale</c>, 0-dim), initialised to 1.0 (damo-yolo-t.md §3.1).</summary>
public sealed class Scale : nn.Module<Tensor, Tensor>
{
    private readonly Parameter scale;

    public Scale(float initial = 1.0f) : base(nameof(Scale))
    {
        scale = new Parameter(tensor(initial));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => x * scale;
}
