using HipFx.Torch;

namespace HipFx.Model.Tests;

/// <summary>Base of every test that touches tensors: loads libtorch (with the Debian compatibility fix) first.</summary>
public abstract class TorchTest
{
    protected TorchTest()
    {
        TorchRuntime.EnsureInitialized();
    }
}
