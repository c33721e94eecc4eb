package io.github.scratchimage.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How an executable measures up to required hardening: what is {@code missing}, with the flags
 * that add each property, and what is {@code unverified} because the file cannot show it. A
 * caller fails on {@code missing}; {@code unverified} is for a warning, since the property may
 * well be there.
 *
 * <p>A statically linked executable is judged by what applies to it:
 * <ul>
 *   <li>{@code pie} applies: {@code -static-pie} makes a static executable that ASLR can move.
 *   <li>{@code nx} applies unchanged: the kernel reads {@code PT_GNU_STACK} of any executable.
 *   <li>{@code full-relro} is {@code relro}: the "now" half does not apply, as no dynamic loader
 *       binds anything lazily; every relocation is applied at start, before {@code main}.
 *   <li>{@code canary} and {@code fortify} apply, as compiler features, but a static file cannot
 *       show them (see {@link Hardening}): they are always {@code unverified}, never missing and
 *       never passed.
 * </ul>
 */
public record HardeningVerdict(List<HardeningGap> missing, List<HardeningGap> unverified) {
    private static final String RELRO_FLAG = "-Wl,-z,relro";
    private static final String NO_RELRO = "it has no PT_GNU_RELRO segment: data the loader relocates,"
            + " the GOT among it, stays writable while the program runs";

    public HardeningVerdict {
        missing = List.copyOf(missing);
        unverified = List.copyOf(unverified);
    }

    public boolean passes() {
        return missing.isEmpty();
    }

    public static HardeningVerdict judge(BinaryAnalysis analysis, Set<HardeningRequirement> required) {
        return judge(analysis.hardening(), analysis.linkage(), analysis.libc(), required);
    }

    /** Judges {@code required} in the order of {@link HardeningRequirement}. */
    public static HardeningVerdict judge(Hardening facts, Linkage linkage, Libc libc,
            Set<HardeningRequirement> required) {
        return judge(facts, linkage, libc, required, false);
    }

    /**
     * Judges a shared library the program loads ({@link Analyzer#libraryHardening}), as a
     * dynamically linked program of {@code processLibc} would be judged: the loader maps it into
     * the same process, and its stack flag, RELRO and binding count as much as the program's.
     */
    public static HardeningVerdict judgeLibrary(Hardening facts, Libc processLibc, Set<HardeningRequirement> required) {
        return judge(facts, Linkage.DYNAMIC, processLibc, required, true);
    }

    private static HardeningVerdict judge(Hardening facts, Linkage linkage, Libc libc,
            Set<HardeningRequirement> required, boolean library) {
        boolean staticallyLinked = linkage.startsFromScratch();
        List<HardeningGap> missing = new ArrayList<>();
        List<HardeningGap> unverified = new ArrayList<>();
        for (HardeningRequirement requirement : HardeningRequirement.values()) {
            if (!required.contains(requirement)) {
                continue;
            }
            switch (requirement) {
                case PIE -> {
                    if (!facts.pie()) {
                        missing.add(new HardeningGap(requirement, "it is not position-independent (ET_EXEC):"
                                + " it loads at a fixed address, so ASLR cannot move its code",
                                library ? "-fPIC -shared" : staticallyLinked ? "-fPIE -static-pie (instead of -static)"
                                        : "-fPIE -pie"));
                    }
                }
                case NX -> {
                    if (!facts.nonExecutableStack()) {
                        missing.add(new HardeningGap(requirement, "its PT_GNU_STACK does not mark the stack"
                                + " non-executable, so code written to the stack can run", "-Wl,-z,noexecstack"));
                    }
                }
                case RELRO -> {
                    if (facts.relro() == Relro.NONE) {
                        missing.add(new HardeningGap(requirement, NO_RELRO, RELRO_FLAG));
                    }
                }
                case FULL_RELRO -> {
                    if (facts.relro() == Relro.NONE) {
                        missing.add(new HardeningGap(requirement, NO_RELRO,
                                staticallyLinked ? RELRO_FLAG : "-Wl,-z,relro,-z,now"));
                    } else if (facts.relro() == Relro.PARTIAL && !staticallyLinked) {
                        missing.add(new HardeningGap(requirement, "it binds lazily (no BIND_NOW): the GOT"
                                + " entries of its library functions stay writable for the whole run",
                                "-Wl,-z,relro,-z,now"));
                    }
                }
                case CANARY -> judgeImport(requirement, facts.stackCanary(), missing, unverified,
                        "it imports no __stack_chk_fail: no function has a stack protector (when"
                                + " -fstack-protector-strong is already given, no function has a local array"
                                + " or a local whose address is taken, and there is nothing to protect)",
                        unknownImports(linkage, libc, false, library),
                        "-fstack-protector-strong");
                case FORTIFY -> judgeImport(requirement, facts.fortify(), missing, unverified,
                        "it imports no __*_chk function: no call is fortified (_FORTIFY_SOURCE works only"
                                + " with optimisation; when both are already given, no call has a buffer size"
                                + " the compiler can check)",
                        unknownImports(linkage, libc, true, library),
                        "-D_FORTIFY_SOURCE=2 -O2");
                default -> throw new IllegalStateException("unjudged requirement " + requirement);
            }
        }
        return new HardeningVerdict(missing, unverified);
    }

    private static void judgeImport(HardeningRequirement requirement, Detection detection,
            List<HardeningGap> missing, List<HardeningGap> unverified, String absent, String unknown, String flags) {
        if (detection == Detection.ABSENT) {
            missing.add(new HardeningGap(requirement, absent, flags));
        } else if (detection == Detection.UNKNOWN) {
            unverified.add(new HardeningGap(requirement, unknown, flags));
        }
    }

    private static String unknownImports(Linkage linkage, Libc libc, boolean fortify, boolean library) {
        if (linkage.startsFromScratch()) {
            return "a statically linked executable imports nothing, so the file cannot show it (nor can its"
                    + " .symtab: a static glibc brings __stack_chk_fail and __*_chk functions along whether or"
                    + " not the program's own code uses them)";
        }
        if (fortify && libc == Libc.MUSL) {
            return "musl has no __*_chk functions to import (fortify headers for musl check inline),"
                    + " so the file cannot show it";
        }
        if (library) {
            return "it imports nothing, or defines " + (fortify ? "the __*_chk functions" : "__stack_chk_fail")
                    + " itself and calls them without importing them (the C library and its loader do),"
                    + " so the file cannot show it";
        }
        return "it has no dynamic symbols to read imports from, so the file cannot show it";
    }
}
