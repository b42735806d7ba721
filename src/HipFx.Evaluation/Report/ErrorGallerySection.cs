namespace HipFx.Evaluation.Report;

/// <summary>The false-positive and false-negative galleries eval drew (radiographs with truth and predicted boxes), per split.</summary>
public static class ErrorGallerySection
{
    public const string Id = "errors";

    public static (ReportSection? Section, MissingSection? Missing) Build(ReportContext context)
    {
        const string title = "Errors: false positives and false negatives";
        var blocks = new List<ReportBlock>();
        foreach (var (split, where) in new[] { ("test", "internal test split"), ("external", "external institution") })
        {
            foreach (var (kind, what) in new[] { ("positives", "called a fracture type the image does not have"), ("negatives", "missed or mistyped a true fracture") })
            {
                if (context.Sources.Figure($"fig-false-{kind}-{split}", $"eval-{split}/gallery_false_{kind}.png",
                        $"Radiographs from the {where} where the model {what}: dashed boxes are the truth, coloured boxes the model's, captions give truth, decision and score.",
                        $"False {kind}, {where}.") is { } figure)
                {
                    blocks.Add(figure);
                }
            }
        }
        return blocks.Count == 0
            ? (null, new MissingSection(Id, title, "no gallery_false_positives.png or gallery_false_negatives.png in eval-test/ or eval-external/ (eval draws them when it can read the images and the model made errors)"))
            : (new ReportSection(Id, title, blocks), null);
    }
}
