using HipFx.Data.Images;

namespace HipFx.Training.Inference;

/// <summary>
/// What a model is fed: the network input size and the intensity mapping, turned into pixels by the one host rule
/// <see cref="ModelInputImage.Prepare"/> (mapping → bilinear stretch with half-pixel centres → bytes), the same call
/// the training cache makes.
/// </summary>
public sealed record ModelInput(int Width, int Height, IntensityMapping Mapping)
{
    /// <summary>The model's gray input plane of <paramref name="image"/> (<see cref="Height"/>×<see cref="Width"/> bytes).</summary>
    public byte[] Prepare(RadiographImage image) => ModelInputImage.Prepare(image, Mapping, Width, Height);
}
