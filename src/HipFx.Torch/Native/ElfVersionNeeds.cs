using System.Buffers.Binary;
using System.Text;

namespace HipFx.Torch.Native;

/// <summary>
/// A minimal read/write view of the parts of a 64-bit little-endian ELF shared object that say which
/// symbol versions it needs from which library: the dynamic symbol table (.dynsym), its version
/// indices (.gnu.version) and the version needs (.gnu.version_r). Used only by
/// <see cref="GlibcxxCompat"/>; it edits bytes in place and never changes the file's size or layout.
/// </summary>
internal sealed class ElfVersionNeeds
{
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const int SymbolSize = 24;

    private readonly byte[] bytes;
    private readonly Section dynsym;
    private readonly Section dynstr;
    private readonly Section versym;
    private readonly Section verneed;

    private ElfVersionNeeds(byte[] bytes, Section dynsym, Section dynstr, Section versym, Section verneed)
    {
        this.bytes = bytes;
        this.dynsym = dynsym;
        this.dynstr = dynstr;
        this.versym = versym;
        this.verneed = verneed;
    }

    /// <summary>The file's bytes, including any edits.</summary>
    public byte[] Bytes => bytes;

    /// <summary>Parses <paramref name="bytes"/>; null when it is not a 64-bit LE ELF with version needs.</summary>
    public static ElfVersionNeeds? TryParse(byte[] bytes)
    {
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F'
            || bytes[4] != 2 /* ELFCLASS64 */ || bytes[5] != 1 /* little endian */)
        {
            return null;
        }
        var span = bytes.AsSpan();
        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(span[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(span[0x3C..]);
        if (shentsize < 64 || shoff == 0 || shoff + (ulong)(shnum * shentsize) > (ulong)bytes.Length)
        {
            return null;
        }
        var sections = new Section[shnum];
        for (int i = 0; i < shnum; i++)
        {
            var h = span.Slice((int)shoff + i * shentsize, 64);
            sections[i] = new Section(
                Type: BinaryPrimitives.ReadUInt32LittleEndian(h[4..]),
                Offset: checked((int)BinaryPrimitives.ReadUInt64LittleEndian(h[24..])),
                Size: checked((int)BinaryPrimitives.ReadUInt64LittleEndian(h[32..])),
                Link: (int)BinaryPrimitives.ReadUInt32LittleEndian(h[40..]),
                Info: (int)BinaryPrimitives.ReadUInt32LittleEndian(h[44..]));
            if ((ulong)sections[i].Offset + (ulong)sections[i].Size > (ulong)bytes.Length && sections[i].Type != 8 /* NOBITS */)
            {
                return null;
            }
        }
        var sym = Array.Find(sections, s => s.Type == ShtDynsym);
        var ver = Array.Find(sections, s => s.Type == ShtGnuVersym);
        var need = Array.Find(sections, s => s.Type == ShtGnuVerneed);
        if (sym.Type == 0 || ver.Type == 0 || need.Type == 0 || sym.Link >= shnum)
        {
            return null;
        }
        return new ElfVersionNeeds(bytes, sym, sections[sym.Link], ver, need);
    }

    /// <summary>Every version needed: the library it is needed from, its name and its version index.</summary>
    public IReadOnlyList<VersionNeed> Needs()
    {
        var result = new List<VersionNeed>();
        var span = bytes.AsSpan();
        int entry = verneed.Offset;
        for (int n = 0; n < verneed.Info; n++)
        {
            int count = BinaryPrimitives.ReadUInt16LittleEndian(span[(entry + 2)..]);
            string file = String(BinaryPrimitives.ReadUInt32LittleEndian(span[(entry + 4)..]));
            int aux = entry + (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(entry + 8)..]);
            for (int a = 0; a < count; a++)
            {
                uint nameOffset = BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 8)..]);
                int index = BinaryPrimitives.ReadUInt16LittleEndian(span[(aux + 6)..]) & 0x7fff;
                result.Add(new VersionNeed(file, String(nameOffset), nameOffset, index, aux));
                aux += (int)BinaryPrimitives.ReadUInt32LittleEndian(span[(aux + 12)..]);
            }
            uint next = BinaryPrimitives.ReadUInt32LittleEndian(span[(entry + 12)..]);
            if (next == 0)
            {
                break;
            }
            entry += (int)next;
        }
        return result;
    }

    /// <summary>Dynamic symbols whose version index is <paramref name="versionIndex"/>.</summary>
    public IEnumerable<DynamicSymbol> SymbolsWithVersion(int versionIndex)
    {
        int count = dynsym.Size / SymbolSize;
        for (int i = 0; i < count; i++)
        {
            if ((VersionIndexOf(i) & 0x7fff) == versionIndex)
            {
                yield return SymbolAt(i);
            }
        }
    }

    /// <summary>The dynamic symbol named <paramref name="name"/>, if any.</summary>
    public DynamicSymbol? FindSymbol(string name)
    {
        int count = dynsym.Size / SymbolSize;
        for (int i = 0; i < count; i++)
        {
            var s = SymbolAt(i);
            if (s.Name == name)
            {
                return s;
            }
        }
        return null;
    }

    /// <summary>Points a version need at another name (an existing string) and updates its hash.</summary>
    public void RenameNeed(VersionNeed need, VersionNeed sameNameAs)
    {
        var aux = bytes.AsSpan(need.AuxOffset);
        BinaryPrimitives.WriteUInt32LittleEndian(aux, ElfHash(sameNameAs.Name));
        BinaryPrimitives.WriteUInt32LittleEndian(aux[8..], sameNameAs.NameOffset);
    }

    /// <summary>Makes a symbol unversioned (index 1, "global") and, if undefined, weak.</summary>
    public void ClearVersionAndWeaken(DynamicSymbol symbol)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(versym.Offset + symbol.Index * 2), 1);
        if (symbol.Undefined)
        {
            int info = dynsym.Offset + symbol.Index * SymbolSize + 4;
            bytes[info] = (byte)((2 /* STB_WEAK */ << 4) | (bytes[info] & 0xf));
        }
    }

    /// <summary>The version index of symbol <paramref name="symbolIndex"/> (bit 15 = hidden).</summary>
    public int VersionIndexOf(int symbolIndex) =>
        BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(versym.Offset + symbolIndex * 2));

    /// <summary>The standard SysV ELF hash of a version name.</summary>
    public static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (byte c in Encoding.ASCII.GetBytes(name))
        {
            h = (h << 4) + c;
            uint g = h & 0xf0000000;
            if (g != 0)
            {
                h ^= g >> 24;
            }
            h &= ~g;
        }
        return h;
    }

    private DynamicSymbol SymbolAt(int i)
    {
        var s = bytes.AsSpan(dynsym.Offset + i * SymbolSize, SymbolSize);
        return new DynamicSymbol(
            i,
            String(BinaryPrimitives.ReadUInt32LittleEndian(s)),
            Binding: s[4] >> 4,
            Undefined: BinaryPrimitives.ReadUInt16LittleEndian(s[6..]) == 0);
    }

    private string String(uint offset)
    {
        int start = dynstr.Offset + (int)offset;
        int end = Array.IndexOf(bytes, (byte)0, start, dynstr.Offset + dynstr.Size - start);
        return end < 0 ? string.Empty : Encoding.ASCII.GetString(bytes, start, end - start);
    }

    private readonly record struct Section(uint Type, int Offset, int Size, int Link, int Info);
}

/// <summary>One entry of .gnu.version_r: version <see cref="Name"/> needed from <see cref="File"/>.</summary>
internal sealed record VersionNeed(string File, string Name, uint NameOffset, int Index, int AuxOffset);

/// <summary>One dynamic symbol. <see cref="Binding"/> is STB_GLOBAL (1) or STB_WEAK (2) for imports.</summary>
internal sealed record DynamicSymbol(int Index, string Name, int Binding, bool Undefined);
