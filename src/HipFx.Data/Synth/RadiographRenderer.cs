using System.Numerics;

namespace HipFx.Data.Synth;

/// <summary>
/// Renders a <see cref="SynthScene"/> as an AP radiograph: soft tissue, bowel gas, pelvis and femur
/// fragments are summed as path-length × attenuation ("density"), then the detector and the vendor's
/// processing act (edge enhancement, quantum noise, tone curve, collimation shutter). Works on the
/// caller's <see cref="RenderBuffers"/>; allocates nothing per pixel.
/// </summary>
public sealed class RadiographRenderer
{
    /// <summary>Attenuation of cortical bone per mm of path, in density units.</summary>
    private const float CorticalMu = 0.05f;

    /// <summary>Smoothing (mm) where two bone shapes merge.</summary>
    private const float Blend = 5f;

    /// <summary>Trabecular texture scale: mm per texel.</summary>
    private const float Texel = 0.5f;

    private const int ToneBins = 4096;
    private const float ToneMin = -1f, ToneMax = 7f;
    private const int SigmaBins = 1024;
    private const float SigmaMax = 8f;

    private readonly TextureBank bank;

    public RadiographRenderer(TextureBank bank) => this.bank = bank;

    public void Render(SynthScene scene, RenderBuffers buffers)
    {
        if (buffers.Size != scene.Size)
        {
            throw new ArgumentException($"buffers are {buffers.Size} px, the scene is {scene.Size} px", nameof(buffers));
        }
        var density = buffers.Density;
        SoftTissue(scene, density);
        Gas(scene, density);
        var grid = new BoneGrid(buffers, scene.PixelToAnatomy);
        Array.Clear(buffers.Bone);
        Bone(scene, grid, scene.Anatomy.Pelvis, scene.Anatomy.PelvisBounds, Affine2.Identity, fragment: -1);
        for (int k = 0; k < scene.Fracture.Fragments.Count; k++)
        {
            var fragment = scene.Fracture.Fragments[k];
            var extent = fragment.Extent.IsEmpty ? scene.Anatomy.FemurBounds : fragment.Extent;
            Bone(scene, grid, scene.Anatomy.Femur, extent, fragment.Placement, k);
        }
        AddUpsampled(buffers);
        Marker(scene, density);
        Sharpen(scene, density, buffers.Scratch);
        Expose(scene, density, buffers.Display);
    }


    private static void SoftTissue(SynthScene scene, float[] density)
    {
        int n = scene.Size;
        var map = scene.PixelToAnatomy;
        var hip = scene.Anatomy;
        float mu = scene.SoftTissue, depth = scene.BodyDepth, cap = 1.6f * depth;
        const float fat = 14f;
        for (int y = 0; y < n; y++)
        {
            float ax = map.M12 * y + map.Tx, ay = map.M22 * y + map.Ty;
            int row = y * n;
            float heel = scene.Heel * ((float)y / n - 0.5f);
            for (int x = 0; x < n; x++, ax += map.M11, ay += map.M21)
            {
                float dist = ax - (hip.SkinEdgeX + hip.SkinSlope * ay);
                if (dist <= 0)
                {
                    density[row + x] = heel;
                    continue;
                }
                float body = MathF.Min(2 * MathF.Sqrt(dist * depth), cap);
                float muscle = dist > fat ? MathF.Min(2 * MathF.Sqrt((dist - fat) * depth), cap) : 0;
                density[row + x] = mu * (0.75f * body + 0.25f * muscle) + heel;
            }
        }
    }

    private static void Gas(SynthScene scene, float[] density)
    {
        int n = scene.Size;
        foreach (var g in scene.Gas)
        {
            int x0 = Math.Max(0, (int)(g.X - g.Rx)), x1 = Math.Min(n - 1, (int)(g.X + g.Rx));
            int y0 = Math.Max(0, (int)(g.Y - g.Ry)), y1 = Math.Min(n - 1, (int)(g.Y + g.Ry));
            for (int y = y0; y <= y1; y++)
            {
                float dy = (y - g.Y) / g.Ry;
                for (int x = x0; x <= x1; x++)
                {
                    float dx = (x - g.X) / g.Rx;
                    float r = 1 - dx * dx - dy * dy;
                    if (r > 0)
                    {
                        density[y * n + x] = MathF.Max(0, density[y * n + x] - g.Strength * r * r);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Adds one bone group. For the femur, <paramref name="fragment"/> is the fragment index: a pixel shows
    /// the undisplaced femur at <c>placement⁻¹(pixel)</c> if that point belongs to the fragment.
    /// </summary>
    private void Bone(SynthScene scene, BoneGrid grid, IReadOnlyList<BoneShape> shapes, Rect2 extent, Affine2 placement, int fragment)
    {
        int n = grid.Side;
        var density = grid.Values;
        var hip = scene.Anatomy;
        var fracture = scene.Fracture;
        var pixels = extent.Transform(placement).Transform(grid.ToGrid);
        int x0 = Math.Max(0, (int)pixels.X1 - 1), x1 = Math.Min(n - 1, (int)pixels.X2 + 1);
        int y0 = Math.Max(0, (int)pixels.Y1 - 1), y1 = Math.Min(n - 1, (int)pixels.Y2 + 1);
        if (x0 > x1 || y0 > y1)
        {
            return;
        }
        // Pixel → undisplaced anatomy in one affine map.
        var map = placement.Inverse().After(grid.ToAnatomy);
        var cuts = fracture.Cuts;
        bool femur = fragment >= 0;
        bool fractured = femur && cuts.Length > 0;
        float lineW = fracture.LineWidth;
        // Trabecular streaks follow the neck near the head and the shaft below.
        float neckAngle = MathF.Atan2(hip.NeckAxis.Y, hip.NeckAxis.X) + 0.35f;
        float shaftAngle = MathF.Atan2(hip.ShaftAxis.Y, hip.ShaftAxis.X);
        float angle = femur ? neckAngle : 0.6f;
        float cn = MathF.Cos(angle) / Texel, sn = MathF.Sin(angle) / Texel;
        float cs = MathF.Cos(shaftAngle) / Texel, ss = MathF.Sin(shaftAngle) / Texel;
        float tu = scene.TextureOffsetU + (femur ? 0 : 137), tv = scene.TextureOffsetV + (femur ? 0 : 59);
        int shapeCount = shapes.Count;
        var shapeArray = shapes as BoneShape[] ?? [.. shapes];

        for (int y = y0; y <= y1; y++)
        {
            float qx = map.M11 * x0 + map.M12 * y + map.Tx, qy = map.M21 * x0 + map.M22 * y + map.Ty;
            int row = y * n;
            for (int x = x0; x <= x1; x++, qx += map.M11, qy += map.M21)
            {
                float outer = 0, inner = 0, marrowSum = 0, innerSum = 0;
                for (int s = 0; s < shapeCount; s++)
                {
                    ref readonly var shape = ref shapeArray[s];
                    var b = shape.Bounds;
                    if (qx < b.X1 || qx > b.X2 || qy < b.Y1 || qy > b.Y2)
                    {
                        continue;
                    }
                    shape.Project(qx, qy, out float o, out float i);
                    if (o <= 0)
                    {
                        continue;
                    }
                    outer = outer == 0 ? o : SmoothMax(outer, o);
                    if (i > 0)
                    {
                        inner = inner == 0 ? i : SmoothMax(inner, i);
                        marrowSum += i * shape.Marrow;
                        innerSum += i;
                    }
                }
                if (outer <= 0)
                {
                    continue;
                }
                if (femur)
                {
                    if (fractured && fracture.FragmentAt(qx, qy) != fragment)
                    {
                        continue;
                    }
                }
                inner = MathF.Min(inner, outer);
                float marrow = innerSum > 0 ? marrowSum / innerSum : 0;
                float tex;
                if (femur)
                {
                    float along = (qx - hip.NeckBase.X) * hip.ShaftAxis.X + (qy - hip.NeckBase.Y) * hip.ShaftAxis.Y;
                    float w = Math.Clamp(1 - along / (1.5f * hip.HeadRadius), 0, 1);
                    float tNeck = w > 0 ? bank.SampleTrabecular(cn * qx + sn * qy + tu, -sn * qx + cn * qy + tv) : 0;
                    float tShaft = w < 1 ? bank.SampleTrabecular(cs * qx + ss * qy + tu, -ss * qx + cs * qy + tv) : 0;
                    tex = w * tNeck + (1 - w) * tShaft;
                }
                else
                {
                    tex = bank.SampleTrabecular(cn * qx + sn * qy + tu, -sn * qx + cn * qy + tv);
                }
                float value = CorticalMu * ((outer - inner) + marrow * inner * (1 + 0.12f * tex));
                if (fractured)
                {
                    float line = 0;
                    for (int c = 0; c < cuts.Length; c++)
                    {
                        // (1 − d²/9)³ ≈ exp(−d²) near the line, and exactly 0 from 3 widths on.
                        float dd = cuts[c].Side(qx, qy) / lineW;
                        float f = 1 - dd * dd * (1f / 9);
                        if (f > 0)
                        {
                            line = MathF.Max(line, f * f * f);
                        }
                    }
                    value *= 1 - fracture.Lucency * line + fracture.Sclerosis * line;
                }
                density[row + x] += value;
            }
        }
    }

    private static float SmoothMax(float a, float b)
    {
        float h = MathF.Max(Blend - MathF.Abs(a - b), 0) / Blend;
        return MathF.Max(a, b) + h * h * Blend * 0.25f;
    }

    private static void Marker(SynthScene scene, float[] density)
    {
        int n = scene.Size;
        char letter = scene.Plan.LeftHip ? 'L' : 'R';
        float cell = scene.MarkerCell;
        for (int row = 0; row < MarkerGlyphs.Rows; row++)
        {
            for (int col = 0; col < MarkerGlyphs.Columns; col++)
            {
                if (!MarkerGlyphs.IsSet(letter, col, row))
                {
                    continue;
                }
                int px0 = (int)(scene.MarkerOrigin.X + col * cell), py0 = (int)(scene.MarkerOrigin.Y + row * cell);
                int px1 = (int)(scene.MarkerOrigin.X + (col + 1) * cell), py1 = (int)(scene.MarkerOrigin.Y + (row + 1) * cell);
                for (int y = Math.Max(0, py0); y < Math.Min(n, py1); y++)
                {
                    for (int x = Math.Max(0, px0); x < Math.Min(n, px1); x++)
                    {
                        density[y * n + x] += 3.5f;
                    }
                }
            }
        }
    }

    /// <summary>Unsharp masking, as CR/DR vendors apply: density += s·(density − box blur).</summary>
    private static void Sharpen(SynthScene scene, float[] density, float[] scratch)
    {
        if (scene.Sharpen <= 0)
        {
            return;
        }
        int n = scene.Size;
        int r = Math.Max(1, n / 96);
        float inv = 1f / (2 * r + 1);
        // Rows into scratch.
        for (int y = 0; y < n; y++)
        {
            int row = y * n;
            float sum = 0;
            for (int k = -r; k <= r; k++)
            {
                sum += density[row + Math.Clamp(k, 0, n - 1)];
            }
            for (int x = 0; x < n; x++)
            {
                scratch[row + x] = sum * inv;
                sum += density[row + Math.Min(x + r + 1, n - 1)] - density[row + Math.Max(x - r, 0)];
            }
        }
        // Columns, walked row by row with one running sum per column (cache friendly).
        Span<float> sums = n <= 4096 ? stackalloc float[n] : new float[n];
        for (int k = -r; k <= r; k++)
        {
            int src = Math.Clamp(k, 0, n - 1) * n;
            for (int x = 0; x < n; x++)
            {
                sums[x] += scratch[src + x];
            }
        }
        float strength = scene.Sharpen;
        for (int y = 0; y < n; y++)
        {
            int row = y * n;
            int add = Math.Min(y + r + 1, n - 1) * n, sub = Math.Max(y - r, 0) * n;
            for (int x = 0; x < n; x++)
            {
                float blurred = sums[x] * inv;
                sums[x] += scratch[add + x] - scratch[sub + x];
                density[row + x] += strength * (density[row + x] - blurred);
            }
        }
    }

    /// <summary>Adds the coarse bone grid to the image density by bilinear interpolation.</summary>
    private static void AddUpsampled(RenderBuffers buffers)
    {
        int n = buffers.Size, f = buffers.BoneFactor, m = buffers.BoneSize;
        var bone = buffers.Bone;
        var density = buffers.Density;
        if (f == 1)
        {
            for (int i = 0; i < density.Length; i++)
            {
                density[i] += bone[i];
            }
            return;
        }
        float invF = 1f / f;
        for (int y = 0; y < n; y++)
        {
            float gy = Math.Clamp((y + 0.5f) * invF - 0.5f, 0, m - 1);
            int y0 = Math.Min((int)gy, m - 2);
            float ty = gy - y0;
            int r0 = y0 * m, r1 = r0 + m, row = y * n;
            for (int x = 0; x < n; x++)
            {
                float gx = Math.Clamp((x + 0.5f) * invF - 0.5f, 0, m - 1);
                int x0 = Math.Min((int)gx, m - 2);
                float tx = gx - x0;
                float a = bone[r0 + x0] + tx * (bone[r0 + x0 + 1] - bone[r0 + x0]);
                float b = bone[r1 + x0] + tx * (bone[r1 + x0 + 1] - bone[r1 + x0]);
                density[row + x] += a + ty * (b - a);
            }
        }
    }

    /// <summary>The coarse grid bones are drawn on, with its maps to anatomy and back.</summary>
    private readonly struct BoneGrid
    {
        public BoneGrid(RenderBuffers buffers, Affine2 pixelToAnatomy)
        {
            Side = buffers.BoneSize;
            Values = buffers.Bone;
            float f = buffers.BoneFactor;
            // Grid cell (i, j) is centred on image pixel coordinate f·i + f/2 − 0.5.
            var gridToPixel = new Affine2(f, 0, 0, f, f / 2 - 0.5f, f / 2 - 0.5f);
            ToAnatomy = pixelToAnatomy.After(gridToPixel);
            ToGrid = ToAnatomy.Inverse();
        }

        public int Side { get; }

        public float[] Values { get; }

        public Affine2 ToAnatomy { get; }

        public Affine2 ToGrid { get; }
    }

    private void Expose(SynthScene scene, float[] density, ushort[] display)
    {
        int n = scene.Size;
        Span<ushort> tone = stackalloc ushort[ToneBins];
        for (int i = 0; i < ToneBins; i++)
        {
            float v = ToneMin + (ToneMax - ToneMin) * i / (ToneBins - 1);
            float t = Math.Clamp((v - scene.Black) / scene.Latitude, 0, 1);
            // A gentle shoulder keeps dense bone from clipping.
            float shoulder = t * (1.25f - 0.25f * t);
            tone[i] = (ushort)(65535 * MathF.Pow(shoulder, scene.Gamma));
        }
        Span<float> sigma = stackalloc float[SigmaBins];
        for (int i = 0; i < SigmaBins; i++)
        {
            float d = SigmaMax * i / (SigmaBins - 1);
            sigma[i] = scene.Noise * MathF.Min(MathF.Exp(0.5f * (d - 1.2f)), 4f);
        }
        var noise = bank.Noise;
        const int nm = TextureBank.NoiseSide - 1;
        float toneScale = (ToneBins - 1) / (ToneMax - ToneMin);
        float sigmaScale = (SigmaBins - 1) / SigmaMax;
        ushort shutter = (ushort)(65535 * scene.Plan.Institution.ShutterLevel);
        float c = n / 2f;
        float cosT = MathF.Cos(scene.CollimationTilt), sinT = MathF.Sin(scene.CollimationTilt);
        float left = scene.CollimationLeft - c, right = c - scene.CollimationRight;
        float top = scene.CollimationTop - c, bottom = c - scene.CollimationBottom;
        for (int y = 0; y < n; y++)
        {
            int row = y * n;
            int noiseRow = ((y + scene.NoiseOffsetY) & nm) * TextureBank.NoiseSide;
            float dy = y - c;
            float u = cosT * -c + sinT * dy, w = -sinT * -c + cosT * dy;
            for (int x = 0; x < n; x++, u += cosT, w -= sinT)
            {
                float nz = noise[noiseRow + ((x + scene.NoiseOffsetX) & nm)];
                if (u < left || u > right || w < top || w > bottom)
                {
                    display[row + x] = (ushort)Math.Clamp(shutter + nz * 300, 0, 65535);
                    continue;
                }
                float d = density[row + x];
                int si = (int)(Math.Clamp(d, 0, SigmaMax) * sigmaScale);
                float v = d + nz * sigma[si];
                int ti = (int)((Math.Clamp(v, ToneMin, ToneMax) - ToneMin) * toneScale);
                display[row + x] = tone[ti];
            }
        }
    }
}
