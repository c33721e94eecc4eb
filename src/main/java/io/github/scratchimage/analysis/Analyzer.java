package io.github.scratchimage.analysis;

import io.github.scratchimage.elf.DynamicSection;
import io.github.scratchimage.elf.DynamicSymbol;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfHeader;
import io.github.scratchimage.elf.ElfType;
import io.github.scratchimage.elf.Note;
import io.github.scratchimage.elf.Section;
import io.github.scratchimage.elf.SegmentType;
import io.github.scratchimage.elf.VersionNeed;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Interprets an {@link ElfFile}: how it links, for which platform, against which libc. */
public final class Analyzer {
    /** At most 9 digits a part: always an int, and a version script may name anything, GLIBC_99999999999.1 too. */
    private static final Pattern GLIBC_VERSION = Pattern.compile("GLIBC_(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?");

    private Analyzer() {
    }

    public static BinaryAnalysis analyze(ElfFile elf) throws UnsupportedExecutableException {
        ElfHeader h = elf.header();
        requireExecutable(elf);
        Platform platform = Architectures.platform(elf.name(), h);
        Linkage linkage = linkage(elf);
        DynamicSection dynamic = elf.dynamic().orElse(null);
        return new BinaryAnalysis(
                elf.name(),
                elf.fileSize(),
                h.elfClass().name(),
                h.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little-endian" : "big-endian",
                Architectures.machineName(h.machine()),
                platform,
                linkage,
                elf.interpreter(),
                elf.needed(),
                dynamic == null ? List.of() : dynamic.rpath(),
                dynamic == null ? List.of() : dynamic.runpath(),
                libc(elf),
                minimumGlibc(elf),
                debugInfo(elf),
                isGo(elf),
                elf.notes().stream().filter(Note::isGnuBuildId).map(Note::descriptorHex).findFirst(),
                hardening(elf, linkage));
    }

    private static void requireExecutable(ElfFile elf) throws UnsupportedExecutableException {
        ElfType type = elf.header().type();
        if (type == ElfType.REL) {
            throw new UnsupportedExecutableException(elf.name(), "is a relocatable object file (e_type ET_REL, a .o),"
                    + " not an executable", "point <executable> at the linked program, not an object file");
        }
        if (type == ElfType.CORE) {
            throw new UnsupportedExecutableException(elf.name(), "is a core dump (e_type ET_CORE)",
                    "point <executable> at the program itself");
        }
        if (type != ElfType.EXEC && type != ElfType.DYN) {
            throw new UnsupportedExecutableException(elf.name(), "has e_type " + elf.header().rawType()
                    + ", not an executable", "point <executable> at a linked program");
        }
        if (type == ElfType.DYN && elf.interpreter().isEmpty() && isSharedLibrary(elf)) {
            throw new UnsupportedExecutableException(elf.name(), "is a shared library"
                    + elf.dynamic().flatMap(DynamicSection::soname).map(s -> " (DT_SONAME " + s + ")").orElse("")
                    + " with no entry point, not an executable",
                    "point <executable> at the program that loads it; bundle libraries with <linkage>bundle</linkage>");
        }
    }

    /** ET_DYN without an interpreter is a static PIE unless it looks like a library: no entry, or a soname and no PIE flag. */
    private static boolean isSharedLibrary(ElfFile elf) {
        if (elf.header().entry() == 0) {
            return true;
        }
        Optional<DynamicSection> dynamic = elf.dynamic();
        return dynamic.isPresent() && !dynamic.get().pie() && dynamic.get().soname().isPresent();
    }

    private static Linkage linkage(ElfFile elf) {
        if (elf.interpreter().isPresent() || !elf.needed().isEmpty()) {
            return Linkage.DYNAMIC;
        }
        return elf.header().type() == ElfType.DYN ? Linkage.STATIC_PIE : Linkage.STATIC;
    }

    private static Libc libc(ElfFile elf) {
        String interpreter = elf.interpreter().orElse("");
        if (interpreter.contains("ld-musl") || elf.needed().stream().anyMatch(n -> n.startsWith("libc.musl"))) {
            return Libc.MUSL;
        }
        if (!interpreter.isEmpty() || !elf.needed().isEmpty()) {
            boolean glibc = interpreter.contains("ld-linux") || interpreter.contains("ld64.so")
                    || elf.needed().contains("libc.so.6") || minimumGlibc(elf).isPresent();
            return glibc ? Libc.GLIBC : Libc.UNKNOWN;
        }
        if (elf.notes().stream().anyMatch(Note::isGnuAbiTag)) {
            return Libc.GLIBC; // glibc's crt1.o carries the ABI tag note; musl's does not
        }
        return isGo(elf) ? Libc.NONE : Libc.UNKNOWN;
    }

    static Optional<String> minimumGlibc(ElfFile elf) {
        int[] best = null;
        String bestName = null;
        List<VersionNeed> needs = elf.dynamic().map(DynamicSection::versionNeeds).orElse(List.of());
        for (VersionNeed need : needs) {
            for (String version : need.versions()) {
                Matcher m = GLIBC_VERSION.matcher(version);
                if (!m.matches()) {
                    continue;
                }
                int[] parts = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3))};
                if (best == null || compare(parts, best) > 0) {
                    best = parts;
                    bestName = version.substring("GLIBC_".length());
                }
            }
        }
        return Optional.ofNullable(bestName);
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }

    private static DebugInfo debugInfo(ElfFile elf) {
        long debug = 0;
        long symbols = 0;
        boolean hasSymtab = false;
        for (Section s : elf.sections()) {
            if (s.isDebug()) {
                debug += s.sizeInFile();
            } else if (s.name().equals(".symtab")) {
                hasSymtab = true;
                symbols += s.sizeInFile();
            } else if (s.name().equals(".strtab")) {
                symbols += s.sizeInFile();
            }
        }
        return new DebugInfo(!hasSymtab && debug == 0, debug, hasSymtab ? symbols : 0);
    }

    private static boolean isGo(ElfFile elf) {
        return elf.notes().stream().anyMatch(Note::isGoBuildId)
                || elf.section(".go.buildinfo").isPresent()
                || elf.section(".note.go.buildid").isPresent()
                || elf.section(".gopclntab").isPresent();
    }

    /**
     * The hardening of a shared library that a dynamically linked program of {@code processLibc}
     * loads, read as an executable's is, except where the library's imports cannot tell: a
     * library that defines {@code __stack_chk_fail} or {@code __*_chk} functions itself (the C
     * library) calls them without importing them, and one that imports nothing (the dynamic
     * loader) shows nothing. {@code pie} is true for every {@code ET_DYN} object.
     */
    public static Hardening libraryHardening(ElfFile elf, Libc processLibc) {
        boolean pie = elf.header().type() == ElfType.DYN;
        List<DynamicSymbol> symbols = elf.dynamic().map(DynamicSection::symbols).orElse(List.of());
        List<String> imports = symbols.stream().filter(s -> !s.defined()).map(DynamicSymbol::name).toList();
        List<String> defined = symbols.stream().filter(DynamicSymbol::defined).map(DynamicSymbol::name).toList();
        Detection canary;
        if (imports.isEmpty() || defined.contains("__stack_chk_fail") || defined.contains("__stack_chk_guard")) {
            canary = Detection.UNKNOWN;
        } else {
            canary = imports.contains("__stack_chk_fail") || imports.contains("__stack_chk_guard")
                    ? Detection.PRESENT : Detection.ABSENT;
        }
        Detection fortify;
        if (imports.isEmpty() || processLibc == Libc.MUSL || defined.stream().anyMatch(Analyzer::isFortified)) {
            fortify = Detection.UNKNOWN;
        } else {
            fortify = imports.stream().anyMatch(Analyzer::isFortified) ? Detection.PRESENT : Detection.ABSENT;
        }
        return new Hardening(pie, nonExecutableStack(elf), relro(elf), canary, fortify);
    }

    private static boolean nonExecutableStack(ElfFile elf) {
        return elf.segment(SegmentType.GNU_STACK).map(p -> !p.executable()).orElse(false);
    }

    private static Relro relro(ElfFile elf) {
        if (elf.segment(SegmentType.GNU_RELRO).isEmpty()) {
            return Relro.NONE;
        }
        return elf.dynamic().map(DynamicSection::bindNow).orElse(true) ? Relro.FULL : Relro.PARTIAL;
    }

    private static Hardening hardening(ElfFile elf, Linkage linkage) {
        boolean pie = elf.header().type() == ElfType.DYN;
        boolean nx = nonExecutableStack(elf);
        Relro relro = relro(elf);
        List<String> imports = elf.dynamic().map(DynamicSection::symbols).orElse(List.of()).stream()
                .filter(s -> !s.defined()).map(DynamicSymbol::name).toList();
        if (linkage != Linkage.DYNAMIC || imports.isEmpty()) {
            return new Hardening(pie, nx, relro, Detection.UNKNOWN, Detection.UNKNOWN);
        }
        Detection canary = imports.contains("__stack_chk_fail") || imports.contains("__stack_chk_guard")
                ? Detection.PRESENT : Detection.ABSENT;
        Detection fortify = libc(elf) == Libc.MUSL ? Detection.UNKNOWN
                : imports.stream().anyMatch(Analyzer::isFortified) ? Detection.PRESENT : Detection.ABSENT;
        return new Hardening(pie, nx, relro, canary, fortify);
    }

    /** glibc's checked variants: {@code __printf_chk}, {@code __memcpy_chk}, {@code __longjmp_chk}. */
    private static boolean isFortified(String symbol) {
        return symbol.startsWith("__") && symbol.endsWith("_chk") && !symbol.startsWith("__stack_chk");
    }
}
