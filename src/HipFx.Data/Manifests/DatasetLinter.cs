using HipFx.Core;
using HipFx.Data.Images;
using HipFx.Data.Voc;

namespace HipFx.Data.Manifests;

/// <summary>
/// Checks a dataset, a folder of images + LabelImg XML files or a manifest, and reports every problem per file
/// (never stopping at the first): malformed XML, unknown class names, boxes outside the image / inverted / too small,
/// a <c>&lt;size&gt;</c> that differs from the real image (the real size wins), a missing or unreadable image, two XML
/// files or two images for one stem, EXIF orientation on a JPEG, a <c>&lt;filename&gt;</c> disagreeing with the XML's
/// own stem, manifest labels contradicting the boxes, and unreviewed images. <c>&lt;path&gt;</c> and
/// <c>&lt;folder&gt;</c> are never used. A manifest that leaks a patient across splits is refused by
/// <see cref="ManifestReader"/> before linting.
/// </summary>
public static class DatasetLinter
{
    private sealed record Item(string Id, string? Image, string? Annotation, ImageLabel? Label, bool HasManifest);

    /// <summary>Lints a folder (recursively) or a manifest CSV, chosen by what <paramref name="dataset"/> is.</summary>
    public static LintReport Lint(string dataset, LintOptions? options = null, IProgress<(int Done, int Total)>? progress = null)
    {
        options = (options ?? new LintOptions()).Validated();
        if (Directory.Exists(dataset))
        {
            return LintFolder(dataset, options, progress);
        }
        if (File.Exists(dataset))
        {
            return LintManifest(ManifestReader.Read(dataset), options, progress);
        }
        throw new HipFxDataException("dataset not found: expected a folder of images and XML files, or a manifest CSV", dataset);
    }

    /// <summary>Lints every row of <paramref name="manifest"/>.</summary>
    public static LintReport LintManifest(Manifest manifest, LintOptions options, IProgress<(int Done, int Total)>? progress = null)
    {
        var issues = new List<LintIssue>();
        var items = manifest.Rows.Select(r => new Item(r.ImageId, manifest.ImageFile(r), manifest.AnnotationFile(r), r.Label, true)).ToList();
        foreach (var group in manifest.Rows.GroupBy(r => manifest.ImageFile(r), StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            issues.Add(new LintIssue(LintSeverity.Error, group.Key, null, LintCodes.ImageDuplicate,
                $"one image file is listed by {group.Count()} rows: {string.Join(", ", group.Select(r => r.ImageId))}"));
        }
        return Run(manifest.FilePath ?? manifest.Folder, items, issues, options, progress);
    }

    private static LintReport LintFolder(string folder, LintOptions options, IProgress<(int Done, int Total)>? progress)
    {
        var issues = new List<LintIssue>();
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var images = files.Where(RadiographLoader.IsImageFile).GroupBy(Stem, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList());
        var xmls = files.Where(f => Path.GetExtension(f).Equals(".xml", StringComparison.OrdinalIgnoreCase))
            .GroupBy(Stem, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (stem, list) in xmls.Where(kv => kv.Value.Count > 1))
        {
            foreach (var xml in list)
            {
                issues.Add(new LintIssue(LintSeverity.Error, xml, null, LintCodes.XmlDuplicate,
                    $"{list.Count} XML files for image stem '{stem}': {string.Join(", ", list.Select(f => Path.GetRelativePath(folder, f)))}; keep one"));
            }
        }
        foreach (var (stem, list) in images.Where(kv => kv.Value.Count > 1))
        {
            foreach (var image in list)
            {
                issues.Add(new LintIssue(LintSeverity.Error, image, null, LintCodes.ImageDuplicate,
                    $"{list.Count} images with stem '{stem}': {string.Join(", ", list.Select(f => Path.GetRelativePath(folder, f)))}; an annotation cannot tell which it belongs to"));
            }
        }
        var items = new List<Item>();
        foreach (var stem in images.Keys.Union(xmls.Keys).Order(StringComparer.Ordinal))
        {
            var image = images.TryGetValue(stem, out var i) ? i[0] : null;
            foreach (var xml in xmls.TryGetValue(stem, out var x) ? x.Select(f => (string?)f) : [null])
            {
                items.Add(new Item(stem, image, xml, null, false));
            }
        }
        return Run(folder, items, issues, options, progress);
    }

    private static LintReport Run(string dataset, List<Item> items, List<LintIssue> issues, LintOptions options,
        IProgress<(int Done, int Total)>? progress)
    {
        var names = new Dictionary<string, (int Boxes, HashSet<string> Images)>(StringComparer.Ordinal);
        int boxes = 0, negatives = 0, unreviewed = 0, annotations = 0;
        var imagesSeen = new HashSet<string>(StringComparer.Ordinal);
        for (int n = 0; n < items.Count; n++)
        {
            var item = items[n];
            var header = item.Image is null ? null : CheckImage(item.Image, options, issues);
            if (item.Image is not null)
            {
                imagesSeen.Add(item.Image);
            }
            VocAnnotation? annotation = null;
            if (item.Annotation is not null)
            {
                annotations++;
                annotation = CheckAnnotation(item, header, options, issues);
            }
            else if (item.Image is null)
            {
                issues.Add(new LintIssue(LintSeverity.Error, item.Id, null, LintCodes.ImageMissing, "row has neither an image nor an annotation"));
            }
            if (annotation is not null)
            {
                boxes += annotation.Objects.Count;
                foreach (var o in annotation.Objects)
                {
                    var entry = names.TryGetValue(o.Name, out var e) ? e : (Boxes: 0, Images: new HashSet<string>(StringComparer.Ordinal));
                    entry.Images.Add(item.Id);
                    names[o.Name] = (entry.Boxes + 1, entry.Images);
                }
            }
            switch (Review(item, annotation, options, issues))
            {
                case ReviewState.Negative: negatives++; break;
                case ReviewState.Unreviewed: unreviewed++; break;
            }
            progress?.Report((n + 1, items.Count));
        }
        return new LintReport
        {
            Dataset = dataset,
            Issues = issues,
            ClassCounts = names.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new ClassNameCount(kv.Key, options.ClassMap.TryMap(kv.Key, out var c) ? c.Name() : null, kv.Value.Boxes, kv.Value.Images.Count))
                .ToList(),
            Images = imagesSeen.Count,
            Annotations = annotations,
            Boxes = boxes,
            Negatives = negatives,
            Unreviewed = unreviewed,
        };
    }

    private static ImageHeader? CheckImage(string path, LintOptions options, List<LintIssue> issues)
    {
        if (!File.Exists(path))
        {
            issues.Add(new LintIssue(LintSeverity.Error, path, null, LintCodes.ImageMissing, "image not found (the real image size is required)"));
            return null;
        }
        try
        {
            var header = options.DecodePixels
                ? RadiographLoader.LoadWithHeader(path, options.Images).Header
                : RadiographLoader.ReadHeader(path, options.Images);
            if (header.HasNonTrivialOrientation)
            {
                issues.Add(new LintIssue(LintSeverity.Warning, path, "EXIF Orientation", LintCodes.ImageExifOrientation,
                    $"EXIF orientation {header.ExifOrientation}: viewers show this image rotated or flipped, hipfx and the boxes use the stored pixel grid; " +
                    "re-save the image without the tag (and check the boxes)"));
            }
            return header;
        }
        catch (HipFxDataException e)
        {
            issues.Add(new LintIssue(LintSeverity.Error, path, e.Location, LintCodes.ImageUnreadable, e.Problem));
            return null;
        }
    }

    private static VocAnnotation? CheckAnnotation(Item item, ImageHeader? header, LintOptions options, List<LintIssue> issues)
    {
        string xml = item.Annotation!;
        if (!File.Exists(xml))
        {
            issues.Add(new LintIssue(LintSeverity.Error, xml, null, LintCodes.XmlMissing, "annotation file not found"));
            return null;
        }
        VocAnnotation annotation;
        try
        {
            annotation = VocReader.Read(xml, new VocReadOptions { Convention = options.Convention, MaxCharacters = options.MaxXmlCharacters });
        }
        catch (HipFxDataException e)
        {
            issues.Add(new LintIssue(LintSeverity.Error, xml, e.Location, LintCodes.XmlMalformed, e.Problem));
            return null;
        }
        if (item.Image is null)
        {
            issues.Add(new LintIssue(LintSeverity.Error, xml, null, LintCodes.ImageMissing,
                $"no image with stem '{Stem(xml)}' (.png/.jpg/.jpeg) next to the dataset's XML files; <filename> and <path> are never used to find one"));
        }
        string written = Path.GetFileNameWithoutExtension(annotation.Filename.Replace('\\', '/').Split('/')[^1]);
        if (!string.Equals(written, Stem(xml), StringComparison.Ordinal))
        {
            issues.Add(new LintIssue(LintSeverity.Warning, xml, "filename", LintCodes.FilenameMismatch,
                $"<filename> is '{annotation.Filename}' but the XML file is '{Path.GetFileName(xml)}'; the image is paired by the XML's stem"));
        }
        if (annotation.Depth is not (null or 1 or 3))
        {
            issues.Add(new LintIssue(LintSeverity.Warning, xml, "size/depth", LintCodes.DepthUnusual, $"depth {annotation.Depth}, LabelImg writes 1 or 3"));
        }
        int width = annotation.Width, height = annotation.Height;
        if (header is not null && (header.Width != annotation.Width || header.Height != annotation.Height))
        {
            issues.Add(new LintIssue(LintSeverity.Warning, xml, "size", LintCodes.SizeMismatch,
                $"<size> says {annotation.Width} x {annotation.Height}, the image is {header.Width} x {header.Height}; the real size is used"));
        }
        if (header is not null)
        {
            (width, height) = (header.Width, header.Height);
        }
        for (int i = 0; i < annotation.Objects.Count; i++)
        {
            if (!options.ClassMap.TryMap(annotation.Objects[i].Name, out _))
            {
                issues.Add(new LintIssue(LintSeverity.Error, xml, $"object[{i}]/name", LintCodes.ClassUnknown, ClassMap.UnknownMessage(annotation.Objects[i].Name)));
            }
        }
        foreach (var problem in VocBoxChecks.Check(annotation, width, height, options.MinBoxSide))
        {
            issues.Add(new LintIssue(LintSeverity.Error, xml, $"object[{problem.ObjectIndex}]/bndbox", problem.Code, problem.Message));
        }
        foreach (int i in VocBoxChecks.NonIntegerObjects(annotation, options.Convention))
        {
            issues.Add(new LintIssue(LintSeverity.Warning, xml, $"object[{i}]/bndbox", LintCodes.BoxNotInteger,
                "coordinates are not whole numbers (LabelImg writes integers); they are used as written"));
        }
        int difficult = annotation.Objects.Count(o => o.Difficult);
        if (difficult > 0 && options.Difficult == DifficultPolicy.Exclude)
        {
            issues.Add(new LintIssue(LintSeverity.Info, xml, null, LintCodes.DifficultExcluded,
                $"{difficult} difficult box(es) excluded from the ground truth (difficult policy 'exclude')"));
        }
        return annotation;
    }

    private enum ReviewState { Positive, Negative, Unreviewed, Unknown }

    private static ReviewState Review(Item item, VocAnnotation? annotation, LintOptions options, List<LintIssue> issues)
    {
        string file = item.Annotation ?? item.Image ?? item.Id;
        if (item.Annotation is not null && annotation is null)
        {
            return ReviewState.Unknown; // malformed XML, already reported
        }
        int count = annotation?.Objects.Count ?? 0;
        if (item.Label is { } label)
        {
            var classes = annotation?.Objects.Select(o => options.ClassMap.TryMap(o.Name, out var c) ? (FractureClass?)c : null)
                .Where(c => c is not null).Select(c => c!.Value).Distinct().ToList() ?? [];
            if (label == ImageLabel.NoFracture)
            {
                if (count > 0)
                {
                    issues.Add(new LintIssue(LintSeverity.Error, file, "label", LintCodes.LabelMismatch,
                        $"manifest label is no_fracture but the annotation has {count} box(es)"));
                    return ReviewState.Unknown;
                }
                return ReviewState.Negative;
            }
            if (count == 0)
            {
                issues.Add(new LintIssue(LintSeverity.Error, file, "label", LintCodes.LabelMismatch,
                    $"manifest label is {label.Name()} but there are no boxes{(item.Annotation is null ? " (no annotation file)" : "")}"));
            }
            else if (classes.Count > 0 && !classes.Contains(label.ToFractureClass()!.Value))
            {
                issues.Add(new LintIssue(LintSeverity.Error, file, "label", LintCodes.LabelMismatch,
                    $"manifest label is {label.Name()} but the boxes are {string.Join(", ", classes.Select(c => c.Name()))}"));
            }
            return ReviewState.Positive;
        }
        if (count > 0)
        {
            return ReviewState.Positive;
        }
        if (annotation is { Verified: true })
        {
            return ReviewState.Negative;
        }
        issues.Add(new LintIssue(LintSeverity.Warning, file, null, LintCodes.Unreviewed, annotation is null
            ? "image has no annotation and no manifest label: unreviewed (not counted as no_fracture)"
            : "annotation has no boxes but is not verified and has no manifest label: unreviewed (not counted as no_fracture)"));
        return ReviewState.Unreviewed;
    }

    private static string Stem(string path) => Path.GetFileNameWithoutExtension(path);
}
