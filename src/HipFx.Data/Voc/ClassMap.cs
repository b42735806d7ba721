using System.Text;
using HipFx.Core;

namespace HipFx.Data.Voc;

/// <summary>
/// Maps the class names found in real annotation files ("Displaced", "VF", "valgus impacted"...) onto the four
/// fracture classes. Names are compared after normalisation (<see cref="Normalize"/>: case, spaces, hyphens and
/// underscores do not matter), so one alias covers "Valgus impacted", "valgus-impacted" and "VALGUS_IMPACTED".
/// An unknown name is an error naming the file, the object and the name (<see cref="Resolve"/>).
/// Immutable: <see cref="With"/> returns a new map.
/// </summary>
public sealed class ClassMap
{
    private readonly Dictionary<string, FractureClass> aliases;

    private ClassMap(Dictionary<string, FractureClass> aliases) => this.aliases = aliases;

    /// <summary>Only the canonical names (<c>displaced_fnf</c>...) and the paper's abbreviations (DF, VF, SF, UF).</summary>
    public static ClassMap Canonical { get; } = Build(CanonicalEntries());

    /// <summary>
    /// The default map: canonical names, paper abbreviations and the common spelled-out variants
    /// ("displaced", "displaced femoral neck fracture", "Garden III/IV", "valgus impacted", "impacted", "Garden I/II",
    /// "undisplaced FNF", "stable", "stable intertrochanteric", "unstable ITF", "Evans stable"...). Bare "undisplaced"
    /// is deliberately absent (it could be a femoral-neck or an intertrochanteric fracture): map it in the config.
    /// <c>no_fracture</c> is not a box name and is not mapped.
    /// </summary>
    public static ClassMap Default { get; } = Build(CanonicalEntries().Concat(DefaultVariants()));

    /// <summary>An empty map, to build a strict one from a config.</summary>
    public static ClassMap Empty { get; } = new(new Dictionary<string, FractureClass>());

    /// <summary>Every alias (normalised) and its class, sorted by alias.</summary>
    public IReadOnlyList<KeyValuePair<string, FractureClass>> Entries =>
        aliases.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();

    /// <summary>A new map with <paramref name="alias"/> mapped to <paramref name="target"/> (replacing any earlier mapping).</summary>
    public ClassMap With(string alias, FractureClass target)
    {
        string key = Normalize(alias);
        if (key.Length == 0)
        {
            throw new HipFxConfigException($"class map: empty alias for {target.Name()}");
        }
        var copy = new Dictionary<string, FractureClass>(aliases) { [key] = target };
        return new ClassMap(copy);
    }

    /// <summary>
    /// A new map with an alias given as text <c>alias=class</c>, where class is a canonical name or a paper
    /// abbreviation (e.g. <c>fractured=unstable_itf</c>, <c>Garden 3=DF</c>).
    /// </summary>
    public ClassMap WithAssignment(string assignment)
    {
        int eq = assignment.LastIndexOf('=');
        if (eq <= 0 || eq == assignment.Length - 1)
        {
            throw new HipFxConfigException($"class map entry '{assignment}' is not of the form alias=class (e.g. fractured=unstable_itf)");
        }
        string alias = assignment[..eq];
        string target = assignment[(eq + 1)..];
        if (!Canonical.TryMap(target, out var fracture))
        {
            throw new HipFxConfigException(
                $"class map entry '{assignment}': '{target.Trim()}' is not a fracture class; expected one of " +
                string.Join(", ", ClassNames.FractureClasses.Select(c => $"{c.Name()} ({c.PaperName()})")));
        }
        return With(alias, fracture);
    }

    /// <summary>
    /// A new map with the entries of a text file added: one <c>alias=class</c> per line, <c>#</c> starts a comment.
    /// A bad line is a <see cref="HipFxConfigException"/> naming the file and the line.
    /// </summary>
    public ClassMap WithFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new HipFxConfigException("class map file not found", path);
        }
        var map = this;
        int number = 0;
        foreach (string raw in File.ReadLines(path))
        {
            number++;
            string line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                map = map.WithAssignment(line);
            }
            catch (HipFxConfigException e)
            {
                throw new HipFxConfigException($"line {number}: {e.Message}", path, e);
            }
        }
        return map;
    }

    /// <summary>Maps <paramref name="name"/>; false when it is not in the map.</summary>
    public bool TryMap(string name, out FractureClass fracture) => aliases.TryGetValue(Normalize(name), out fracture);

    /// <summary>
    /// Maps <paramref name="name"/> found at object <paramref name="objectIndex"/> of <paramref name="filePath"/>,
    /// or throws a <see cref="HipFxDataException"/> that names the file, the object and the name.
    /// </summary>
    public FractureClass Resolve(string name, string filePath, int objectIndex) =>
        TryMap(name, out var fracture)
            ? fracture
            : throw new HipFxDataException(UnknownMessage(name), filePath, $"object[{objectIndex}]/name");

    /// <summary>The message for an unknown name: what was found and how to map it.</summary>
    public static string UnknownMessage(string name) =>
        $"unknown class name '{Echo.Text(name)}': map it to one of {string.Join(", ", ClassNames.FractureClasses.Select(c => c.Name()))} " +
        $"(e.g. --class-map \"{Echo.Text(name)}=unstable_itf\")";

    /// <summary>Lower case, trimmed, runs of spaces / hyphens / underscores / slashes / dots to one '_'.</summary>
    public static string Normalize(string name)
    {
        var text = new StringBuilder(name.Length);
        bool gap = false;
        foreach (char c in name.Trim().ToLowerInvariant())
        {
            if (char.IsWhiteSpace(c) || c is '-' or '_' or '/' or '.')
            {
                gap = text.Length > 0;
                continue;
            }
            if (gap)
            {
                text.Append('_');
                gap = false;
            }
            text.Append(c);
        }
        return text.ToString();
    }

    private static ClassMap Build(IEnumerable<(string Alias, FractureClass Class)> entries)
    {
        var map = new Dictionary<string, FractureClass>();
        foreach (var (alias, target) in entries)
        {
            map[Normalize(alias)] = target;
        }
        return new ClassMap(map);
    }

    private static IEnumerable<(string, FractureClass)> CanonicalEntries() =>
        ClassNames.FractureClasses.SelectMany(c => new[] { (c.Name(), c), (c.PaperName(), c) });

    private static IEnumerable<(string, FractureClass)> DefaultVariants()
    {
        const FractureClass df = FractureClass.DisplacedFnf, vf = FractureClass.ValgusImpactedFnf;
        const FractureClass sf = FractureClass.StableItf, uf = FractureClass.UnstableItf;
        return
        [
            ("displaced", df), ("displaced fnf", df), ("displaced neck", df),
            ("displaced femoral neck", df), ("displaced femoral neck fracture", df), ("garden 3/4", df),
            ("garden iii/iv", df), ("garden 3-4", df), ("garden iii-iv", df), ("dfnf", df),
            ("valgus", vf), ("valgus impacted", vf), ("impacted", vf), ("valgus impacted fnf", vf),
            ("valgus impacted femoral neck", vf), ("valgus impacted femoral neck fracture", vf),
            ("undisplaced fnf", vf), ("non displaced fnf", vf), ("nondisplaced fnf", vf), ("garden 1/2", vf),
            ("garden i/ii", vf), ("garden 1-2", vf), ("garden i-ii", vf), ("vfnf", vf),
            ("stable", sf), ("stable itf", sf), ("stable intertrochanteric", sf),
            ("stable intertrochanteric fracture", sf), ("evans stable", sf), ("stable it", sf), ("sitf", sf),
            ("unstable", uf), ("unstable itf", uf), ("unstable intertrochanteric", uf),
            ("unstable intertrochanteric fracture", uf), ("evans unstable", uf), ("unstable it", uf), ("uitf", uf),
        ];
    }
}
