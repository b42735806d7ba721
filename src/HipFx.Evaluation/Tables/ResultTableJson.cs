using System.Globalization;
using System.Text.Json;
using HipFx.Core;

namespace HipFx.Evaluation.Tables;

/// <summary>
/// Reads back a table that <see cref="ResultTable.WriteJson"/> wrote (title, stamp, columns, rows keyed by column key,
/// footnotes), so a report shows exactly the numbers a run wrote. Writing what was read gives the same JSON.
/// </summary>
public static class ResultTableJson
{
    /// <summary>Reads <paramref name="path"/>; a file of another shape throws <see cref="HipFxDataException"/> naming it.</summary>
    public static ResultTable Read(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return Parse(doc.RootElement, path);
        }
        catch (JsonException e)
        {
            throw new HipFxDataException($"not a hipfx table (JSON): {e.Message}", path, e.Path, e);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new HipFxDataException($"not a hipfx table (title, stamp, columns, rows, footnotes): {e.Message}", path, null, e);
        }
    }

    private static ResultTable Parse(JsonElement root, string path)
    {
        string title = root.GetProperty("title").GetString() ?? "";
        var stamp = Stamp(root.GetProperty("stamp"));
        var columns = root.GetProperty("columns").EnumerateArray()
            .Select(c => new TableColumn(c.GetProperty("key").GetString()!, c.GetProperty("header").GetString() ?? ""))
            .ToList();
        var rows = new List<IReadOnlyList<TableCell>>();
        int index = 0;
        foreach (var row in root.GetProperty("rows").EnumerateArray())
        {
            var cells = new List<TableCell>(columns.Count);
            foreach (var column in columns)
            {
                if (!row.TryGetProperty(column.Key, out var cell))
                {
                    throw new HipFxDataException($"row {index} has no cell for column '{column.Key}'", path, $"rows[{index}]");
                }
                cells.Add(Cell(cell));
            }
            rows.Add(cells);
            index++;
        }
        var footnotes = root.TryGetProperty("footnotes", out var notes)
            ? notes.EnumerateArray().Select(n => n.GetString() ?? "").ToList()
            : [];
        return new ResultTable(title, columns, rows, stamp, footnotes);
    }

    private static TableCell Cell(JsonElement cell) => new()
    {
        Text = cell.GetProperty("text").GetString() ?? "",
        Value = Number(cell, "value"),
        Lower = Number(cell, "lower"),
        Upper = Number(cell, "upper"),
        Numerator = cell.TryGetProperty("numerator", out var k) ? k.GetInt32() : null,
        Denominator = cell.TryGetProperty("n", out var n) ? n.GetInt32() : null,
    };

    private static double? Number(JsonElement cell, string name) =>
        cell.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    /// <summary>The stamp's known entries back into their properties; the rest, in order, into <see cref="RunStamp.Extra"/>.</summary>
    private static RunStamp Stamp(JsonElement stamp)
    {
        string? model = null, hash = null, split = null, tauSource = null, coordinates = null, version = null;
        double? tau = null;
        DateTimeOffset? created = null;
        var extra = new List<KeyValuePair<string, string>>();
        foreach (var entry in stamp.EnumerateObject())
        {
            string value = entry.Value.GetString() ?? "";
            switch (entry.Name)
            {
                case "model": model = value; break;
                case "manifest_sha256": hash = value; break;
                case "split": split = value; break;
                case "tau": tau = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture); break;
                case "tau_source": tauSource = value; break;
                case "coordinates": coordinates = value; break;
                case "hipfx_version": version = value; break;
                case "created_utc":
                    created = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
                    break;
                default: extra.Add(new(entry.Name, value)); break;
            }
        }
        return new RunStamp
        {
            Model = model,
            ManifestHash = hash,
            Split = split,
            Tau = tau,
            TauSource = tauSource,
            CoordinateConvention = coordinates,
            HipFxVersion = version,
            CreatedUtc = created,
            Extra = extra,
        };
    }
}
