using System.Text.Json;
using HipFx.Core;
using HipFx.Core.IO;
using HipFx.Model;
using HipFx.Model.Weights;
using TorchSharp;
using static TorchSharp.torch;

namespace HipFx.Training.Checkpoints;

/// <summary>
/// <c>last.resume/</c>: everything an exact <c>--resume</c> needs, kept apart from the EMA weights a user loads:
/// the raw model (<c>model.safetensors</c>), the EMA (<c>ema.safetensors</c>), the optimizer's momentum buffers
/// (<c>optimizer.bin</c>, TorchSharp's optimizer state format), the torch RNG (<c>rng.bin</c>) and
/// <c>state.json</c> (<see cref="ResumeState"/>). Written as a whole folder, atomically.
/// </summary>
public static class ResumeFolder
{
    public const string Name = HipFx.Data.Runs.RunFolder.ResumeFolderName;

    private const string StateFile = "state.json";
    private const string ModelFile = "model.safetensors";
    private const string EmaFile = "ema.safetensors";
    private const string OptimizerFile = "optimizer.bin";
    private const string RngFile = "rng.bin";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals, // NaN metrics, −∞ objectives
    };

    public static string PathIn(string runDirectory) => Path.Combine(runDirectory, Name);

    /// <summary>Writes the state of the run into <c>runDirectory/last.resume/</c>, replacing the previous one atomically.</summary>
    public static void Write(string runDirectory, ResumeState state, DamoYolo model, DamoYolo ema, optim.Optimizer optimizer)
    {
        string final = PathIn(runDirectory);
        string staging = AtomicFolder.Stage(final);
        var tag = new Dictionary<string, string> { ["format"] = "hipfx.resume" };
        SafetensorsFile.Write(Path.Combine(staging, ModelFile), model.state_dict(), tag);
        SafetensorsFile.Write(Path.Combine(staging, EmaFile), ema.state_dict(), tag);
        SaveOptimizer(optimizer, Path.Combine(staging, OptimizerFile));
        using (var rng = random.get_rng_state())
        {
            File.WriteAllBytes(Path.Combine(staging, RngFile), rng.data<byte>().ToArray());
        }
        File.WriteAllText(Path.Combine(staging, StateFile), JsonSerializer.Serialize(state, Json));
        AtomicFolder.Commit(final);
    }

    /// <summary>True when the run folder holds resume state.</summary>
    public static bool Exists(string runDirectory) => AtomicFolder.Existing(PathIn(runDirectory)) is not null;

    /// <summary>Reads state.json alone (to check the recipe before building anything).</summary>
    public static ResumeState ReadState(string runDirectory)
    {
        string folder = AtomicFolder.Existing(PathIn(runDirectory))
            ?? throw new HipFxDataException($"no {Name}/ to resume from (the run never finished a step or an epoch)", runDirectory);
        string file = Path.Combine(folder, StateFile);
        try
        {
            var state = JsonSerializer.Deserialize<ResumeState>(File.ReadAllText(file), Json)
                ?? throw new HipFxDataException("state.json is empty", file);
            if (state.FormatVersion != ResumeState.CurrentFormatVersion)
            {
                throw new HipFxDataException($"resume format version {state.FormatVersion} is not the one this hipfx writes ({ResumeState.CurrentFormatVersion})", file);
            }
            return state;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new HipFxDataException($"cannot read the resume state: {e.Message}", file, inner: e);
        }
    }

    /// <summary>Loads the raw model, EMA, optimizer buffers and RNG saved in the run folder into the live objects.</summary>
    public static void Restore(string runDirectory, DamoYolo model, DamoYolo ema, optim.Optimizer optimizer)
    {
        string folder = AtomicFolder.Existing(PathIn(runDirectory))
            ?? throw new HipFxDataException($"no {Name}/ to resume from", runDirectory);
        LoadInto(model, Path.Combine(folder, ModelFile));
        LoadInto(ema, Path.Combine(folder, EmaFile));
        LoadOptimizer(optimizer, Path.Combine(folder, OptimizerFile));
        byte[] rng = File.ReadAllBytes(Path.Combine(folder, RngFile));
        using var state = tensor(rng, dtype: ScalarType.Byte);
        random.set_rng_state(state);
    }

    private static void LoadInto(DamoYolo model, string file)
    {
        var (_, tensors) = SafetensorsFile.Read(file);
        try
        {
            StateDicts.CopyStrict(model, tensors.ToDictionary(kv => kv.Key, kv => kv.Value), file);
        }
        finally
        {
            foreach (var t in tensors)
            {
                t.Value.Dispose();
            }
        }
    }

    private static void SaveOptimizer(optim.Optimizer optimizer, string file)
    {
        if (optimizer is not TorchSharp.Modules.OptimizerHelper helper)
        {
            throw new ArgumentException("the optimizer cannot save its state", nameof(optimizer));
        }
        helper.save_state_dict(file);
    }

    private static void LoadOptimizer(optim.Optimizer optimizer, string file)
    {
        if (optimizer is not TorchSharp.Modules.OptimizerHelper helper)
        {
            throw new ArgumentException("the optimizer cannot load its state", nameof(optimizer));
        }
        try
        {
            helper.load_state_dict(file);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or EndOfStreamException)
        {
            throw new HipFxDataException($"cannot restore the optimizer state: {e.Message}", file, inner: e);
        }
    }
}
