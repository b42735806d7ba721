using System.Collections.Concurrent;
using System.Diagnostics;
using HipFx.Core;
using HipFx.Data.Manifests;
using HipFx.Data.Voc;

namespace HipFx.Data.Synth;

/// <summary>
/// Writes a synthetic hospital export: images (DICOM or PNG) under <c>images/&lt;institution&gt;/</c>, one
/// LabelImg VOC file per image under <c>annotations/&lt;institution&gt;/</c>, <c>manifest.csv</c> and, if asked,
/// <c>preview.png</c>. Images are rendered in parallel, each from its own (seed, index) stream, so the
/// files do not depend on the number of threads.
/// </summary>
public static class SyntheticDataset
{
    public const string ManifestName = "manifest.csv";
    public const string PreviewName = "preview.png";

    public static SynthSummary Generate(SynthOptions options, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        string root = Path.GetFullPath(options.OutputFolder);
        Directory.CreateDirectory(root);
        var plans = DatasetPlanner.Plan(options);
        foreach (var inst in plans.Select(p => p.Institution.Code).Distinct())
        {
            Directory.CreateDirectory(Path.Combine(root, "images", inst));
            Directory.CreateDirectory(Path.Combine(root, "annotations", inst));
        }

        var bank = new TextureBank(options.Seed);
        var renderer = new RadiographRenderer(bank);
        var previewed = options.Preview ? ContactSheet.Select(plans) : [];
        var thumbnails = new ConcurrentBag<Thumbnail>();
        int workers = options.Workers > 0 ? options.Workers : Environment.ProcessorCount;
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancel };
        Parallel.For(0, plans.Count, parallel,
            () => (Buffers: new RenderBuffers(options.Size), Stored: new ushort[options.Size * options.Size]),
            (i, _, local) =>
            {
                var plan = plans[i];
                var scene = SynthScene.Sample(plan, options.Size, options.Difficulty, options.Seed);
                renderer.Render(scene, local.Buffers);
                string imagePath = Path.Combine(root, ImagePath(plan, options.Format));
                if (options.Format == SynthFormat.Dicom)
                {
                    SynthImageWriter.WriteDicom(imagePath, scene, local.Buffers.Display, local.Stored);
                }
                else
                {
                    SynthImageWriter.WritePng(imagePath, local.Buffers.Display, options.Size);
                }
                VocWriter.Write(Annotation(scene, options.Format), Path.Combine(root, AnnotationPath(plan)));
                if (previewed.Contains(i))
                {
                    thumbnails.Add(ContactSheet.Shrink(scene, local.Buffers.Display));
                }
                progress?.Report(Interlocked.Increment(ref done));
                return local;
            },
            _ => { });

        string manifestPath = Path.Combine(root, ManifestName);
        ManifestWriter.Write(plans.Select(p => Row(p, options.Format)).ToList(), manifestPath);
        string? previewPath = null;
        if (options.Preview)
        {
            previewPath = Path.Combine(root, PreviewName);
            var used = options.Institutions.Where(i => plans.Any(p => p.Institution.Code == i.Code)).ToList();
            ContactSheet.Write(previewPath, [.. thumbnails.OrderBy(t => t.Plan.Index)], used);
        }
        clock.Stop();
        return new SynthSummary
        {
            OutputFolder = root, ManifestPath = manifestPath, PreviewPath = previewPath, Images = plans.Count,
            Patients = plans.Select(p => p.PatientId).Distinct().Count(),
            Counts = plans.GroupBy(p => (p.Institution.Code, p.Label)).ToDictionary(g => g.Key, g => g.Count()),
            Elapsed = clock.Elapsed, Workers = workers,
        };
    }

    /// <summary>Image path relative to the output folder, with forward slashes.</summary>
    public static string ImagePath(ImagePlan plan, SynthFormat format) =>
        $"images/{plan.Institution.Code}/{plan.ImageId}{SynthImageWriter.Extension(format)}";

    public static string AnnotationPath(ImagePlan plan) => $"annotations/{plan.Institution.Code}/{plan.ImageId}.xml";

    /// <summary>The LabelImg annotation of a scene: one box for a fracture, none for no_fracture.</summary>
    public static VocAnnotation Annotation(SynthScene scene, SynthFormat format)
    {
        var objects = new List<VocObject>();
        if (scene.Fracture.Class is { } fc && scene.Box is { } box)
        {
            objects.Add(VocObject.Create(fc.Name(), box, scene.Size, scene.Size));
        }
        return new VocAnnotation
        {
            Folder = scene.Plan.Institution.Code,
            Filename = scene.Plan.ImageId + SynthImageWriter.Extension(format),
            Width = scene.Size,
            Height = scene.Size,
            Depth = 1,
            Objects = objects,
        };
    }

    private static ManifestRow Row(ImagePlan plan, SynthFormat format) => new()
    {
        ImageId = plan.ImageId,
        PatientId = plan.PatientId,
        Institution = plan.Institution.Code,
        ImagePath = ImagePath(plan, format),
        AnnotationPath = AnnotationPath(plan),
        Label = plan.Label,
        Split = plan.Institution.IsExternal ? DatasetSplit.External : null,
        Sex = plan.Sex,
        Age = plan.Age,
        StudyDate = plan.StudyDate,
        View = "AP",
        Laterality = plan.LeftHip ? "left" : "right",
    };
}
