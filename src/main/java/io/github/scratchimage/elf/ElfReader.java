package io.github.scratchimage.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the headers and tables of an ELF file into an {@link ElfFile}.
 *
 * <p>Everything that decides how a program starts (interpreter, needed libraries, run paths,
 * version needs) comes from program headers, as the kernel and ld.so read it, so stripped files
 * and files without section headers work. Every size and offset taken from the file is checked
 * against the file's length before it is used, and every table has a count limit, so any byte
 * sequence gives a model or an {@link ElfFormatException}, quickly and in bounded memory.
 */
public final class ElfReader {
    /** PATH_MAX: no interpreter, library name or run path is longer. */
    static final int MAX_STRING = 4096;
    static final int MAX_DYNAMIC_ENTRIES = 1 << 16;
    static final int MAX_VERSION_ENTRIES = 1 << 16;
    static final int MAX_SYMBOLS = 1 << 20;
    /** For all PT_NOTE segments together: they may all point at the same bytes. */
    static final int MAX_NOTE_BYTES = 1 << 16;
    static final int MAX_STRING_TABLE = 64 << 20;
    /**
     * For all strings decoded from one file together: many symbols or sections may name the same
     * long string, and each name becomes its own String.
     */
    static final long MAX_DECODED_STRING_BYTES = 64 << 20;

    private static final long DT_NULL = 0, DT_NEEDED = 1, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6,
            DT_STRSZ = 10, DT_SONAME = 14, DT_RPATH = 15, DT_RUNPATH = 29, DT_FLAGS = 30,
            DT_GNU_HASH = 0x6ffffef5L, DT_FLAGS_1 = 0x6ffffffbL, DT_VERDEF = 0x6ffffffcL,
            DT_VERDEFNUM = 0x6ffffffdL, DT_VERNEED = 0x6ffffffeL, DT_VERNEEDNUM = 0x6fffffffL;
    private static final int SHT_DYNSYM = 11;
    private static final int VER_FLG_BASE = 1;

    private final String name;
    private final ByteSource source;
    private final long size;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private boolean is64;
    private long decodedStringBytes;

    private ElfReader(String name, ByteSource source) {
        this.name = name;
        this.source = source;
        this.size = source.size();
    }

    public static ElfFile read(Path path) throws IOException, ElfFormatException {
        try (ByteSource source = ByteSource.open(path)) {
            return new ElfReader(path.toString(), source).read();
        }
    }

    /** From a file already mapped, so the steps after the parse read the same mapping. */
    public static ElfFile read(FileBytes bytes) throws IOException, ElfFormatException {
        return new ElfReader(bytes.path().toString(), ByteSource.of(bytes)).read();
    }

    public static ElfFile read(String name, byte[] bytes) throws ElfFormatException {
        try {
            return new ElfReader(name, ByteSource.of(bytes)).read();
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory cannot fail", e);
        }
    }

    private ElfFile read() throws IOException, ElfFormatException {
        ElfHeader header = readHeader();
        List<Section> sections = readSections(header);
        List<ProgramHeader> segments = readProgramHeaders(header, sections);
        for (int i = 0; i < segments.size(); i++) {
            ProgramHeader p = segments.get(i);
            if (p.type() != SegmentType.NULL && p.fileSize() != 0) {
                checkRange(p.offset(), p.fileSize(), "program header " + i + " (" + p.type() + ") contents");
            }
        }
        Optional<String> interpreter = readInterpreter(segments);
        Optional<DynamicSection> dynamic = readDynamic(segments, sections);
        List<Note> notes = readNotes(segments);
        return new ElfFile(name, size, header, segments, interpreter, dynamic, notes, sections);
    }

    // ---- ELF header --------------------------------------------------------------------------

    private ElfHeader readHeader() throws IOException, ElfFormatException {
        if (size < 16) {
            throw fail(0, "not an ELF file: only " + size + " bytes, too short for an ELF identification");
        }
        ByteBuffer ident = source.read(0, 16);
        if (ident.get(0) != 0x7f || ident.get(1) != 'E' || ident.get(2) != 'L' || ident.get(3) != 'F') {
            throw fail(0, "not an ELF file: " + FileKind.describe(ident));
        }
        int elfClass = ident.get(4);
        int data = ident.get(5);
        if (elfClass != 1 && elfClass != 2) {
            throw fail(4, "EI_CLASS is " + elfClass + ", expected 1 (ELF32) or 2 (ELF64)");
        }
        if (data != 1 && data != 2) {
            throw fail(5, "EI_DATA is " + data + ", expected 1 (little endian) or 2 (big endian)");
        }
        is64 = elfClass == 2;
        order = data == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int headerSize = is64 ? 64 : 52;
        ByteBuffer b = bytes(0, headerSize, "ELF header");
        b.position(16);
        int type = u16(b);
        int machine = u16(b);
        b.getInt(); // e_version
        long entry = address(b);
        long phoff = address(b);
        long shoff = address(b);
        int flags = b.getInt();
        b.getShort(); // e_ehsize
        int phentsize = u16(b);
        int phnum = u16(b);
        int shentsize = u16(b);
        int shnum = u16(b);
        int shstrndx = u16(b);
        return new ElfHeader(is64 ? ElfClass.ELF64 : ElfClass.ELF32, order, ident.get(7) & 0xff,
                ElfType.of(type), type, machine, entry, phoff, shoff, flags,
                phentsize, phnum, shentsize, shnum, shstrndx);
    }

    // ---- program headers ---------------------------------------------------------------------

    private List<ProgramHeader> readProgramHeaders(ElfHeader h, List<Section> sections)
            throws IOException, ElfFormatException {
        long count = h.programHeaderCount();
        if (count == 0xffff && h.sectionHeaderOffset() != 0) {
            count = sectionZeroField(h, "sh_info"); // PN_XNUM: the real count lives in section 0
        }
        if (count == 0) {
            return List.of();
        }
        int minimum = is64 ? 56 : 32;
        if (h.programHeaderEntrySize() < minimum) {
            throw fail(is64 ? 54 : 42, "e_phentsize is " + h.programHeaderEntrySize() + ", expected " + minimum);
        }
        ByteBuffer table = table(h.programHeaderOffset(), count, h.programHeaderEntrySize(), 0xffff * 8L,
                "program header table (e_phoff " + h.programHeaderOffset() + ", e_phnum " + count + ")");
        List<ProgramHeader> result = new ArrayList<>((int) count);
        for (int i = 0; i < count; i++) {
            ByteBuffer b = entry(table, i, h.programHeaderEntrySize());
            long type = u32(b);
            int flags = 0;
            if (is64) {
                flags = b.getInt();
            }
            long offset = address(b);
            long vaddr = address(b);
            address(b); // p_paddr
            long filesz = address(b);
            long memsz = address(b);
            if (!is64) {
                flags = b.getInt();
            }
            long align = address(b);
            result.add(new ProgramHeader(SegmentType.of(type), type, flags, offset, vaddr, filesz, memsz, align));
        }
        return result;
    }

    private Optional<String> readInterpreter(List<ProgramHeader> segments) throws IOException, ElfFormatException {
        Optional<ProgramHeader> interp = segments.stream().filter(p -> p.type() == SegmentType.INTERP).findFirst();
        if (interp.isEmpty()) {
            return Optional.empty();
        }
        ProgramHeader p = interp.get();
        if (p.fileSize() == 0 || p.fileSize() > MAX_STRING) {
            throw fail(p.offset(), "PT_INTERP has p_filesz " + p.fileSize() + ", expected 1 to " + MAX_STRING);
        }
        byte[] raw = array(bytes(p.offset(), (int) p.fileSize(), "PT_INTERP"));
        String path = cString(raw, 0, p.offset(), "PT_INTERP");
        if (path.isEmpty()) {
            throw fail(p.offset(), "PT_INTERP names an empty interpreter path");
        }
        return Optional.of(path);
    }

    // ---- dynamic section -----------------------------------------------------------------------

    private Optional<DynamicSection> readDynamic(List<ProgramHeader> segments, List<Section> sections)
            throws IOException, ElfFormatException {
        Optional<ProgramHeader> dyn = segments.stream().filter(p -> p.type() == SegmentType.DYNAMIC).findFirst();
        if (dyn.isEmpty()) {
            return Optional.empty();
        }
        ProgramHeader p = dyn.get();
        int entrySize = is64 ? 16 : 8;
        long count = Math.min(p.fileSize() / entrySize, MAX_DYNAMIC_ENTRIES);
        ByteBuffer table = table(p.offset(), count, entrySize, MAX_DYNAMIC_ENTRIES, "PT_DYNAMIC");
        List<long[]> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteBuffer b = entry(table, i, entrySize);
            long tag = is64 ? b.getLong() : b.getInt();
            long value = address(b);
            if (tag == DT_NULL) {
                break;
            }
            entries.add(new long[] {tag, value, p.offset() + (long) i * entrySize});
        }
        DynamicTags tags = new DynamicTags(entries);
        byte[] strings = tags.has(DT_STRTAB) ? readStringTable(segments, tags) : null;

        List<String> needed = new ArrayList<>();
        List<String> rpath = new ArrayList<>();
        List<String> runpath = new ArrayList<>();
        String soname = null;
        for (long[] e : entries) {
            if (e[0] == DT_NEEDED || e[0] == DT_RPATH || e[0] == DT_RUNPATH || e[0] == DT_SONAME) {
                if (strings == null) {
                    throw fail(e[2], "dynamic entry " + tagName(e[0]) + " needs a string table, but there is no DT_STRTAB");
                }
                String value = cString(strings, e[1], e[2], tagName(e[0]));
                if (e[0] == DT_NEEDED) {
                    needed.add(value);
                } else if (e[0] == DT_SONAME) {
                    soname = value;
                } else {
                    (e[0] == DT_RPATH ? rpath : runpath).addAll(splitPath(value));
                }
            }
        }
        List<VersionNeed> versionNeeds = tags.has(DT_VERNEED) && strings != null
                ? readVersionNeeds(segments, tags, strings) : List.of();
        List<String> versionDefinitions = tags.has(DT_VERDEF) && strings != null
                ? readVersionDefinitions(segments, tags, strings) : List.of();
        List<DynamicSymbol> symbols = tags.has(DT_SYMTAB) && strings != null
                ? readSymbols(segments, sections, tags, strings) : List.of();
        return Optional.of(new DynamicSection(needed, rpath, runpath, Optional.ofNullable(soname),
                tags.value(DT_FLAGS), tags.value(DT_FLAGS_1), versionNeeds, versionDefinitions, symbols));
    }

    private static List<String> splitPath(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(":", -1)) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts;
    }

    private byte[] readStringTable(List<ProgramHeader> segments, DynamicTags tags)
            throws IOException, ElfFormatException {
        long offset = fileOffset(segments, tags.value(DT_STRTAB), "DT_STRTAB");
        long length = tags.value(DT_STRSZ);
        if (length <= 0 || length > MAX_STRING_TABLE) {
            throw fail(tags.offsetOf(DT_STRSZ), "DT_STRSZ is " + length + ", expected 1 to " + MAX_STRING_TABLE);
        }
        return array(bytes(offset, (int) length, "dynamic string table (DT_STRTAB)"));
    }

    private List<VersionNeed> readVersionNeeds(List<ProgramHeader> segments, DynamicTags tags, byte[] strings)
            throws IOException, ElfFormatException {
        long offset = fileOffset(segments, tags.value(DT_VERNEED), "DT_VERNEED");
        long count = tags.value(DT_VERNEEDNUM);
        List<VersionNeed> result = new ArrayList<>();
        int budget = MAX_VERSION_ENTRIES;
        for (long i = 0; i < count; i++) {
            ByteBuffer b = bytes(offset, 16, "Elf_Verneed");
            u16(b); // vn_version
            int auxCount = u16(b);
            String file = cString(strings, u32(b), offset, "vn_file");
            long aux = offset + u32(b);
            long next = u32(b);
            List<String> versions = new ArrayList<>();
            for (int j = 0; j < auxCount; j++) {
                if (--budget < 0) {
                    throw fail(aux, "more than " + MAX_VERSION_ENTRIES + " version entries");
                }
                ByteBuffer a = bytes(aux, 16, "Elf_Vernaux");
                a.position(8);
                versions.add(cString(strings, u32(a), aux, "vna_name"));
                long auxNext = u32(a);
                if (auxNext == 0) {
                    break;
                }
                aux += auxNext;
            }
            result.add(new VersionNeed(file, versions));
            if (next == 0 || --budget < 0) {
                break;
            }
            offset += next;
        }
        return result;
    }

    private List<String> readVersionDefinitions(List<ProgramHeader> segments, DynamicTags tags, byte[] strings)
            throws IOException, ElfFormatException {
        long offset = fileOffset(segments, tags.value(DT_VERDEF), "DT_VERDEF");
        long count = Math.min(tags.value(DT_VERDEFNUM), MAX_VERSION_ENTRIES);
        List<String> result = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            ByteBuffer b = bytes(offset, 20, "Elf_Verdef");
            u16(b); // vd_version
            int flags = u16(b);
            b.position(12);
            long aux = offset + u32(b);
            long next = u32(b);
            if ((flags & VER_FLG_BASE) == 0) {
                ByteBuffer a = bytes(aux, 8, "Elf_Verdaux");
                result.add(cString(strings, u32(a), aux, "vda_name"));
            }
            if (next == 0) {
                break;
            }
            offset += next;
        }
        return result;
    }

    private List<DynamicSymbol> readSymbols(List<ProgramHeader> segments, List<Section> sections,
            DynamicTags tags, byte[] strings) throws IOException, ElfFormatException {
        long offset = fileOffset(segments, tags.value(DT_SYMTAB), "DT_SYMTAB");
        int entrySize = is64 ? 24 : 16;
        long count = symbolCount(segments, sections, tags, entrySize);
        long available = (size - offset) / entrySize;
        count = Math.min(Math.min(count, available), MAX_SYMBOLS);
        ByteBuffer table = table(offset, count, entrySize, MAX_SYMBOLS, "dynamic symbol table (DT_SYMTAB)");
        List<DynamicSymbol> result = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            ByteBuffer b = entry(table, i, entrySize);
            long nameIndex = u32(b);
            int info;
            int shndx;
            if (is64) {
                info = b.get() & 0xff;
                b.get();
                shndx = u16(b);
            } else {
                b.position(b.position() + 8);
                info = b.get() & 0xff;
                b.get();
                shndx = u16(b);
            }
            if (nameIndex == 0 || nameIndex >= strings.length) {
                continue;
            }
            String symbolName = cString(strings, nameIndex, offset + (long) i * entrySize, "st_name");
            result.add(new DynamicSymbol(symbolName, info & 0xf, info >>> 4, shndx != 0));
        }
        return result;
    }

    /** The dynamic symbol count: from .dynsym when sections exist, else from DT_HASH or DT_GNU_HASH. */
    private long symbolCount(List<ProgramHeader> segments, List<Section> sections, DynamicTags tags, int entrySize)
            throws IOException, ElfFormatException {
        for (Section s : sections) {
            if (s.type() == SHT_DYNSYM) {
                return s.size() / entrySize;
            }
        }
        if (tags.has(DT_HASH)) {
            long hash = fileOffset(segments, tags.value(DT_HASH), "DT_HASH");
            ByteBuffer b = bytes(hash, 8, "DT_HASH header");
            b.getInt();
            return u32(b);
        }
        if (tags.has(DT_GNU_HASH)) {
            return gnuHashSymbolCount(fileOffset(segments, tags.value(DT_GNU_HASH), "DT_GNU_HASH"));
        }
        return 0;
    }

    private long gnuHashSymbolCount(long offset) throws IOException, ElfFormatException {
        ByteBuffer h = bytes(offset, 16, "DT_GNU_HASH header");
        long buckets = u32(h);
        long symbolOffset = u32(h);
        long bloomWords = u32(h);
        long bucketsAt = offset + 16 + bloomWords * (is64 ? 8 : 4);
        ByteBuffer table = table(bucketsAt, buckets, 4, MAX_SYMBOLS, "DT_GNU_HASH buckets");
        long last = 0;
        for (int i = 0; i < buckets; i++) {
            last = Math.max(last, u32(entry(table, i, 4)));
        }
        if (last < symbolOffset) {
            return symbolOffset;
        }
        long chainsAt = bucketsAt + buckets * 4;
        for (long index = last; index < MAX_SYMBOLS; index++) {
            long at = chainsAt + (index - symbolOffset) * 4;
            if ((u32(bytes(at, 4, "DT_GNU_HASH chain")) & 1) != 0) {
                return index + 1;
            }
        }
        throw fail(chainsAt, "DT_GNU_HASH chain does not end within " + MAX_SYMBOLS + " symbols");
    }

    // ---- notes -----------------------------------------------------------------------------

    private List<Note> readNotes(List<ProgramHeader> segments) throws IOException, ElfFormatException {
        List<Note> notes = new ArrayList<>();
        int budget = MAX_NOTE_BYTES;
        for (ProgramHeader p : segments) {
            if (p.type() != SegmentType.NOTE) {
                continue;
            }
            int length = (int) Math.min(p.fileSize(), budget);
            budget -= length;
            ByteBuffer b = bytes(p.offset(), length, "PT_NOTE");
            int align = p.align() == 8 ? 8 : 4;
            while (b.remaining() >= 12) {
                long at = p.offset() + b.position();
                long nameSize = u32(b);
                long descSize = u32(b);
                int type = b.getInt();
                long nameSpace = roundUp(nameSize, 4);
                long descSpace = roundUp(descSize, align);
                if (nameSize > b.remaining() || nameSpace + descSize > b.remaining()) {
                    throw fail(at, "note with n_namesz " + nameSize + " and n_descsz " + descSize
                            + " does not fit in its PT_NOTE segment");
                }
                byte[] nameBytes = new byte[(int) nameSize];
                b.get(nameBytes);
                b.position(b.position() + (int) (nameSpace - nameSize));
                byte[] descriptor = new byte[(int) descSize];
                b.get(descriptor);
                b.position((int) Math.min(b.limit(), b.position() + (descSpace - descSize)));
                int end = 0;
                while (end < nameBytes.length && nameBytes[end] != 0) {
                    end++;
                }
                notes.add(new Note(new String(nameBytes, 0, end, StandardCharsets.UTF_8), type, descriptor));
            }
        }
        return notes;
    }

    private static long roundUp(long value, int alignment) {
        return (value + alignment - 1) & -alignment;
    }

    // ---- section headers ---------------------------------------------------------------------

    private List<Section> readSections(ElfHeader h) throws IOException, ElfFormatException {
        if (h.sectionHeaderOffset() == 0) {
            return List.of();
        }
        long count = h.sectionHeaderCount();
        if (count == 0) {
            count = sectionZeroField(h, "sh_size"); // SHN_LORESERVE or more sections: count in section 0
        }
        if (count == 0) {
            return List.of();
        }
        int minimum = is64 ? 64 : 40;
        if (h.sectionHeaderEntrySize() < minimum) {
            throw fail(is64 ? 58 : 46, "e_shentsize is " + h.sectionHeaderEntrySize() + ", expected " + minimum);
        }
        ByteBuffer table = table(h.sectionHeaderOffset(), count, h.sectionHeaderEntrySize(), 1 << 20,
                "section header table (e_shoff " + h.sectionHeaderOffset() + ", " + count + " entries)");
        long[][] raw = new long[(int) count][];
        for (int i = 0; i < count; i++) {
            ByteBuffer b = entry(table, i, h.sectionHeaderEntrySize());
            long nameIndex = u32(b);
            long type = u32(b);
            long flags = address(b);
            long addr = address(b);
            long offset = address(b);
            long length = address(b);
            long link = u32(b);
            raw[i] = new long[] {nameIndex, type, flags, addr, offset, length, link};
        }
        long nameTableIndex = h.sectionNameTableIndex() == 0xffff ? raw[0][6] : h.sectionNameTableIndex();
        byte[] names = new byte[0];
        if (nameTableIndex != 0 && nameTableIndex < count) {
            long[] st = raw[(int) nameTableIndex];
            if (st[5] > MAX_STRING_TABLE) {
                throw fail(h.sectionHeaderOffset(), "section name table has sh_size " + st[5]);
            }
            names = array(bytes(st[4], (int) st[5], "section name table (e_shstrndx " + nameTableIndex + ")"));
        }
        List<Section> sections = new ArrayList<>((int) count);
        for (long[] s : raw) {
            String sectionName = s[0] < names.length ? cString(names, s[0], h.sectionHeaderOffset(), "sh_name") : "";
            if ((int) s[1] != Section.SHT_NOBITS && s[5] != 0) {
                checkRange(s[4], s[5], "section " + (sectionName.isEmpty() ? "#" + sections.size() : sectionName));
            }
            sections.add(new Section(sectionName, (int) s[1], s[2], s[3], s[4], s[5]));
        }
        return sections;
    }

    private long sectionZeroField(ElfHeader h, String field) throws IOException, ElfFormatException {
        int minimum = is64 ? 64 : 40;
        ByteBuffer b = bytes(h.sectionHeaderOffset(), minimum, "section header 0");
        return switch (field) {
            case "sh_size" -> {
                b.position(is64 ? 32 : 20);
                yield Math.min(address(b), 1 << 20);
            }
            case "sh_info" -> {
                b.position(is64 ? 44 : 28);
                yield u32(b);
            }
            default -> throw new IllegalArgumentException(field);
        };
    }

    // ---- primitives --------------------------------------------------------------------------

    /** Translates a virtual address from the dynamic section to a file offset via PT_LOAD. */
    private long fileOffset(List<ProgramHeader> segments, long address, String what) throws ElfFormatException {
        for (ProgramHeader p : segments) {
            if (p.type() == SegmentType.LOAD && p.containsFileBacked(address)) {
                return p.offset() + (address - p.virtualAddress());
            }
        }
        throw fail(0, what + " address 0x" + Long.toHexString(address) + " lies in no PT_LOAD segment of the file");
    }

    private ByteBuffer table(long offset, long count, int entrySize, long maxCount, String what)
            throws IOException, ElfFormatException {
        if (count < 0 || count > maxCount) {
            throw fail(offset, what + ": " + count + " entries, more than the " + maxCount + " allowed");
        }
        long length = count * entrySize;
        checkRange(offset, length, what);
        if (length > MAX_STRING_TABLE) {
            // Within a multi-gigabyte file the range check alone would let a large e_shentsize
            // allocate gigabytes, or overflow the int length, before any entry is looked at.
            throw fail(offset, what + ": " + count + " entries of " + entrySize + " bytes, more than the "
                    + MAX_STRING_TABLE + " bytes allowed for a table");
        }
        return bytes(offset, (int) length, what);
    }

    private ByteBuffer entry(ByteBuffer table, int index, int entrySize) {
        return table.duplicate().position(index * entrySize).limit((index + 1) * entrySize).slice().order(order);
    }

    private ByteBuffer bytes(long offset, int length, String what) throws IOException, ElfFormatException {
        checkRange(offset, length, what);
        return source.read(offset, length).order(order);
    }

    private void checkRange(long offset, long length, String what) throws ElfFormatException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw fail(offset, "truncated or corrupt: " + what + " needs " + Long.toUnsignedString(length)
                    + " bytes at offset " + Long.toUnsignedString(offset) + ", but the file has " + size + " bytes");
        }
    }

    private static byte[] array(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    private String cString(byte[] table, long index, long reportedOffset, String what) throws ElfFormatException {
        if (index < 0 || index >= table.length) {
            throw fail(reportedOffset, what + " string index " + index + " is outside its string table of "
                    + table.length + " bytes");
        }
        int start = (int) index;
        int limit = (int) Math.min(table.length, index + MAX_STRING + 1);
        for (int i = start; i < limit; i++) {
            if (table[i] == 0) {
                decodedStringBytes += i - start;
                if (decodedStringBytes > MAX_DECODED_STRING_BYTES) {
                    throw fail(reportedOffset, what + " string at index " + index + " brings the names read from this"
                            + " file to more than " + MAX_DECODED_STRING_BYTES + " bytes");
                }
                return new String(table, start, i - start, StandardCharsets.UTF_8);
            }
        }
        throw fail(reportedOffset, what + " string at index " + index + " is not NUL-terminated within "
                + MAX_STRING + " bytes");
    }

    private long address(ByteBuffer b) {
        return is64 ? b.getLong() : u32(b);
    }

    private static int u16(ByteBuffer b) {
        return b.getShort() & 0xffff;
    }

    private static long u32(ByteBuffer b) {
        return b.getInt() & 0xffffffffL;
    }

    private ElfFormatException fail(long offset, String problem) {
        return new ElfFormatException(name, offset, problem);
    }

    private static String tagName(long tag) {
        if (tag == DT_NEEDED) {
            return "DT_NEEDED";
        } else if (tag == DT_RPATH) {
            return "DT_RPATH";
        } else if (tag == DT_RUNPATH) {
            return "DT_RUNPATH";
        }
        return "DT_SONAME";
    }

    /** The dynamic entries by tag; the first entry of a tag wins, as in ld.so. */
    private static final class DynamicTags {
        private final List<long[]> entries;

        DynamicTags(List<long[]> entries) {
            this.entries = entries;
        }

        boolean has(long tag) {
            return entries.stream().anyMatch(e -> e[0] == tag);
        }

        long value(long tag) {
            return entries.stream().filter(e -> e[0] == tag).mapToLong(e -> e[1]).findFirst().orElse(0);
        }

        long offsetOf(long tag) {
            return entries.stream().filter(e -> e[0] == tag).mapToLong(e -> e[2]).findFirst().orElse(0);
        }
    }
}
