using System.Text;

namespace HipFx.Cli.Config;

/// <summary>
/// Writes a <see cref="TrainConfig"/> as YAML: every key, grouped by section, with its comment. The result loads back
/// to the same config (<see cref="ConfigLoader"/>), so the run folder's <c>config.yaml</c> is enough to rerun the run.
/// </summary>
public static class ConfigWriter
{
    public static string Write(TrainConfig config, IEnumerable<string>? headerLines = null)
    {
        var sb = new StringBuilder();
        foreach (var line in headerLines ?? [])
        {
            sb.Append("# ").AppendLine(line);
        }
        var written = new HashSet<string>();
        foreach (var (section, description) in TrainConfigSchema.Sections)
        {
            WriteSection(sb, config, section, description, written);
        }
        return sb.ToString();
    }

    private static void WriteSection(StringBuilder sb, TrainConfig config, string section, string description, HashSet<string> written)
    {
        if (!written.Add(section))
        {
            return;
        }
        int depth = section.Count(c => c == '.');
        string indent = new(' ', 2 * depth);
        string name = section[(section.LastIndexOf('.') + 1)..];
        if (depth == 0)
        {
            sb.AppendLine();
        }
        sb.Append(indent).Append(name).Append(":  # ").AppendLine(description);
        foreach (var key in TrainConfigSchema.Keys.Where(k => k.Section == section))
        {
            sb.Append(indent).Append("  ").Append(key.Leaf).Append(": ").Append(key.Format(config))
                .Append("  # ").AppendLine(key.Description);
        }
        foreach (var (child, childDescription) in TrainConfigSchema.Sections.Where(s => s.Name.StartsWith(section + ".", StringComparison.Ordinal)
                     && s.Name.Count(c => c == '.') == depth + 1))
        {
            WriteSection(sb, config, child, childDescription, written);
        }
    }
}
