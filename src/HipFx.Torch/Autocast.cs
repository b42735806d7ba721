using HipFx.Torch.Native;
using TorchSharp;

namespace HipFx.Torch;

/// <summary>
/// libtorch's autocast (automatic mixed precision), which TorchSharp 0.107 does not expose, reached through its
/// exported C++ functions (<c>at::autocast::*</c> in libtorch_cpu, found by their Itanium-mangled names with dlsym;
/// torchsharp-notes.md §2). The state is per thread: <see cref="Enter"/> turns bf16 autocast on for the calling
/// thread's ops on one device type until the returned scope is disposed (as PyTorch's <c>torch.autocast</c> does:
/// nesting count, cast cache cleared when the outermost scope ends, previous state restored). Inside, convolutions
/// and matmuls run in bf16 on float32 weights; gradients reach the float32 weights.
/// </summary>
public static unsafe class Autocast
{
    private const sbyte BFloat16 = 15; // c10::ScalarType::BFloat16

    /// <summary>Bound once per process (the symbols of the loaded libtorch never change); never reassigned.</summary>
    private static readonly Lazy<(Functions? Functions, string? Missing)> Native = new(Bind);

    /// <summary>Whether this libtorch exports the functions (false on another ABI or libtorch version).</summary>
    public static bool IsAvailable => Native.Value.Functions is not null;

    /// <summary>Why <see cref="IsAvailable"/> is false (the missing symbol), or null.</summary>
    public static string? UnavailableReason => Native.Value.Missing;

    /// <summary>Whether autocast is on for <paramref name="device"/>'s type on this thread.</summary>
    public static bool IsEnabled(DeviceType device) => Require().IsEnabled(ToC10(device)) != 0;

    /// <summary>Turns bf16 autocast on for the calling thread and <paramref name="device"/>'s type; dispose to restore.</summary>
    /// <exception cref="InvalidOperationException">This libtorch does not export the autocast functions.</exception>
    public static Scope Enter(DeviceType device)
    {
        var f = Require();
        sbyte type = ToC10(device);
        bool previous = f.IsEnabled(type) != 0;
        sbyte previousDtype = f.GetDtype(type);
        f.SetEnabled(type, 1);
        f.SetDtype(type, BFloat16);
        f.IncrementNesting();
        return new Scope(f, type, previous, previousDtype);
    }

    /// <summary>An entered autocast region on one thread; dispose on the same thread.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly Functions functions;
        private readonly sbyte device;
        private readonly bool previous;
        private readonly sbyte previousDtype;
        private bool disposed;

        internal Scope(Functions functions, sbyte device, bool previous, sbyte previousDtype)
        {
            this.functions = functions;
            this.device = device;
            this.previous = previous;
            this.previousDtype = previousDtype;
        }

        public void Dispose()
        {
            if (disposed)
            {
                return;
            }
            disposed = true;
            if (functions.DecrementNesting() == 0)
            {
                functions.ClearCache();
            }
            functions.SetEnabled(device, previous ? (byte)1 : (byte)0);
            functions.SetDtype(device, previousDtype);
        }
    }

    private static sbyte ToC10(DeviceType device) => device switch
    {
        DeviceType.CPU => 0,
        DeviceType.CUDA => 1,
        _ => throw new ArgumentException($"autocast is wired for CPU and CUDA only, not {device}", nameof(device)),
    };

    private static Functions Require() =>
        Native.Value.Functions ?? throw new InvalidOperationException("bf16 autocast is not available with this libtorch: " + UnavailableReason);

    private static (Functions? Functions, string? Missing) Bind()
    {
        TorchRuntime.EnsureInitialized();
        string? missing = null;
        nint Find(string name)
        {
            nint p = Libdl.Symbol(0, name); // RTLD_DEFAULT: libtorch is loaded RTLD_GLOBAL
            if (p == 0)
            {
                missing ??= $"libtorch does not export {name}";
            }
            return p;
        }
        var setEnabled = Find("_ZN2at8autocast20set_autocast_enabledEN3c1010DeviceTypeEb");
        var isEnabled = Find("_ZN2at8autocast19is_autocast_enabledEN3c1010DeviceTypeE");
        var setDtype = Find("_ZN2at8autocast18set_autocast_dtypeEN3c1010DeviceTypeENS1_10ScalarTypeE");
        var getDtype = Find("_ZN2at8autocast18get_autocast_dtypeEN3c1010DeviceTypeE");
        var increment = Find("_ZN2at8autocast17increment_nestingEv");
        var decrement = Find("_ZN2at8autocast17decrement_nestingEv");
        var clear = Find("_ZN2at8autocast11clear_cacheEv");
        if (missing is not null)
        {
            return (null, missing);
        }
        return (new Functions(
            (delegate* unmanaged<sbyte, byte, void>)setEnabled, (delegate* unmanaged<sbyte, byte>)isEnabled,
            (delegate* unmanaged<sbyte, sbyte, void>)setDtype, (delegate* unmanaged<sbyte, sbyte>)getDtype,
            (delegate* unmanaged<int>)increment, (delegate* unmanaged<int>)decrement, (delegate* unmanaged<void>)clear), null);
    }

    internal sealed class Functions(
        delegate* unmanaged<sbyte, byte, void> setEnabled, delegate* unmanaged<sbyte, byte> isEnabled,
        delegate* unmanaged<sbyte, sbyte, void> setDtype, delegate* unmanaged<sbyte, sbyte> getDtype,
        delegate* unmanaged<int> increment, delegate* unmanaged<int> decrement, delegate* unmanaged<void> clear)
    {
        public void SetEnabled(sbyte device, byte on) => setEnabled(device, on);

        public byte IsEnabled(sbyte device) => isEnabled(device);

        public void SetDtype(sbyte device, sbyte dtype) => setDtype(device, dtype);

        public sbyte GetDtype(sbyte device) => getDtype(device);

        public int IncrementNesting() => increment();

        public int DecrementNesting() => decrement();

        public void ClearCache() => clear();
    }
}
