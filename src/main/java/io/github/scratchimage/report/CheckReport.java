package io.github.scratchimage.report;

import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.analysis.DebugInfo;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.Hardening;
import io.github.scratchimage.analysis.Linkage;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.analysis.SettledFinding;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.essentials.EssentialChoice;
import io.github.scratchimage.libraries.BundledFile;
import io.github.scratchimage.libraries.GeneratedFile;
import io.github.scratchimage.libraries.LibraryTree;
import io.github.scratchimage.libraries.Need;
import io.github.scratchimage.parameters.PropertyNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the check's result reads for people (one log line, one failure message) and for tools (JSON). */
public final class CheckReport {
    private CheckReport() {
    }

    public static String summary(BinaryAnalysis a) {
        DebugInfo d = a.debugInfo();
        String stripped = d.stripped() ? "stripped"
                : "not stripped (strip would save " + Sizes.human(d.strippableBytes()) + ")";
        return fileName(a) + ": " + linkageName(a.linkage())
                + a.interpreter().map(i -> " (interpreter " + i + ")").orElse("")
                + ", " + a.platform() + " (" + a.machine() + ", " + a.elfClass() + ", " + a.byteOrder() + ")"
                + ", libc " + a.libc().name().toLowerCase()
                + a.minimumGlibc().map(v -> " >= " + v).orElse("")
                + (a.go() ? ", Go" : "")
                + ", " + Sizes.human(a.size()) + ", " + stripped;
    }

    /** The policy failure, naming the interpreter, every needed library and the fix. */
    public static String linkageFailure(BinaryAnalysis a) {
        String fix = a.go()
                ? "build it with CGO_ENABLED=0 (a pure-Go static binary), or set <linkage>bundle</linkage>"
                : "link it statically (gcc -static, CGO_ENABLED=0, native-image --static --libc=musl)"
                        + " or set <linkage>bundle</linkage> (-D" + PropertyNames.LINKAGE + "=bundle)";
        List<String> needed = a.needed();
        return fileName(a) + " is dynamically linked ("
                + a.interpreter().map(i -> "interpreter " + i).orElse("no interpreter")
                + (needed.isEmpty() ? "" : ", needs " + String.join(", ", needed))
                + "), so it cannot start in a scratch image: " + fix;
    }

    /** {@code scratch-check.json}: every field derived from the one result, written once per build. */
    public static Map<String, Object> json(BinaryAnalysis a, LinkagePolicy policy, boolean passed,
            List<SettledFinding> findingList, List<EssentialChoice> essentialList, Optional<LibraryTree> libraries) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", a.file());
        m.put("size", a.size());
        m.put("passed", passed);
        m.put("policy", policy);
        m.put("linkage", a.linkage());
        m.put("platform", a.platform().toString());
        m.put("architecture", a.platform().architecture());
        m.put("variant", a.platform().variant());
        m.put("machine", a.machine());
        m.put("elfClass", a.elfClass());
        m.put("byteOrder", a.byteOrder());
        m.put("interpreter", a.interpreter());
        m.put("needed", a.needed());
        m.put("rpath", a.rpath());
        m.put("runpath", a.runpath());
        m.put("libc", a.libc());
        m.put("minimumGlibc", a.minimumGlibc());
        DebugInfo d = a.debugInfo();
        Map<String, Object> debug = new LinkedHashMap<>();
        debug.put("stripped", d.stripped());
        debug.put("debugBytes", d.debugBytes());
        debug.put("symbolTableBytes", d.symbolTableBytes());
        m.put("debugInfo", debug);
        m.put("go", a.go());
        m.put("buildId", a.buildId());
        Hardening h = a.hardening();
        Map<String, Object> hardening = new LinkedHashMap<>();
        hardening.put("pie", h.pie());
        hardening.put("nonExecutableStack", h.nonExecutableStack());
        hardening.put("relro", h.relro());
        hardening.put("stackCanary", h.stackCanary());
        hardening.put("fortify", h.fortify());
        m.put("hardening", hardening);
        m.put("findings", findings(findingList));
        m.put("essentials", essentials(essentialList));
        libraries.ifPresent(tree -> {
            m.put("bundled", bundled(tree));
            m.put("imageElfFiles", imageElfFiles(tree));
            putProblems(tree, m);
        });
        return m;
    }

    /** The closure shipped under {@code linkage=bundle}, as {@code scratch-check.json} and {@code scratch-image.json} list it. */
    public static List<Map<String, Object>> bundled(LibraryTree tree) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (BundledFile file : tree.files()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", file.imagePath());
            m.put("source", file.source().toString());
            m.put("size", file.size());
            m.put("neededBy", file.neededBy().stream().map(Need::needer).distinct().toList());
            m.put("reason", file.reason());
            files.add(m);
        }
        for (GeneratedFile file : tree.generatedFiles()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", file.imagePath());
            m.put("generated", file.why());
            files.add(m);
        }
        return files;
    }

    /** The user's ELF files whose libraries were resolved: not bundled, already in the image. */
    private static List<Map<String, Object>> imageElfFiles(LibraryTree tree) {
        return tree.fromImage().stream().map(file -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", file.imagePath());
            m.put("neededBy", file.neededBy().stream().map(Need::needer).distinct().toList());
            return m;
        }).toList();
    }

    /** What stands in the way of a complete image; empty lists when nothing does. */
    private static void putProblems(LibraryTree tree, Map<String, Object> report) {
        report.put("unresolved", tree.unresolved().stream().map(u -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", u.name());
            m.put("neededBy", u.neededBy());
            m.put("searched", u.searched());
            return m;
        }).toList());
        report.put("versionMismatches", tree.versionMismatches().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("object", v.object());
            m.put("library", v.library());
            m.put("version", v.version());
            return m;
        }).toList());
        report.put("conflicts", tree.conflicts().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", c.imagePath());
            m.put("inImage", c.inImage().toString());
            m.put("inSysroot", c.inSysroot().toString());
            return m;
        }).toList());
        // a candidate passed over (another architecture, not ELF) often explains an "unresolved"
        report.put("skippedCandidates", tree.skippedCandidates().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("path", c.path());
            m.put("reason", c.reason());
            return m;
        }).toList());
    }

    /** Every finding: what proves it and where, and whether and how the image meets it. */
    private static List<Map<String, Object>> findings(List<SettledFinding> findings) {
        return findings.stream().map(s -> {
            Finding f = s.finding();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind());
            m.put("evidence", f.what());
            m.put("source", f.source());
            m.put("status", s.status());
            m.put("satisfied", s.status() == SettledFinding.Status.SATISFIED);
            m.put("satisfiedBy", s.how().isEmpty() ? Optional.empty() : Optional.of(s.how()));
            m.put("warning", s.warning());
            m.put("why", f.whyItMattersInScratch());
            m.put("fix", f.fixOption());
            return m;
        }).toList();
    }

    private static List<Map<String, Object>> essentials(List<EssentialChoice> choices) {
        return choices.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("parameter", c.parameter());
            m.put("included", c.included());
            m.put("reason", c.reason());
            return m;
        }).toList();
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    /**
     * One WARN line per unmet finding, with its fix; one line per acknowledged one; one line for all
     * that the image meets; then the essentials.
     */
    public static void logFindings(List<SettledFinding> findings, List<EssentialChoice> essentials, BuildListener log) {
        // one entry per kind: under linkage=bundle the executable and its libraries may prove the same need
        Map<String, String> met = new LinkedHashMap<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (SettledFinding s : findings) {
            Finding f = s.finding();
            switch (s.status()) {
                case UNSATISFIED -> log.log(BuildListener.Level.WARN, f.name() + ": " + f.evidence() + ". "
                        + sentence(f.whyItMattersInScratch()) + " Fix: " + f.fixOption());
                case ACKNOWLEDGED -> log.log(BuildListener.Level.LIFECYCLE, f.name() + ": " + f.evidence()
                        + "; " + s.how() + ", so it does not count as a warning");
                case SATISFIED -> {
                    met.putIfAbsent(f.name(), s.how());
                    sources.computeIfAbsent(f.name(), k -> new ArrayList<>()).add(f.source());
                }
            }
        }
        if (!met.isEmpty()) {
            log.log(BuildListener.Level.LIFECYCLE, "Runtime needs the image meets: " + met.entrySet().stream()
                    .map(e -> e.getKey() + (sources.get(e.getKey()).size() > 1
                            ? " (of " + String.join(", ", sources.get(e.getKey())) + ")" : "") + " (by " + e.getValue() + ")")
                    .collect(Collectors.joining(", ")));
        }
        // one line per included essential; the rest, usually all four, share one line per reason
        Map<String, List<String>> excludedByReason = new LinkedHashMap<>();
        for (EssentialChoice c : essentials) {
            if (c.included()) {
                log.log(BuildListener.Level.LIFECYCLE, "<" + c.parameter() + ">: included (" + c.reason() + ")");
            } else {
                excludedByReason.computeIfAbsent(c.reason(), r -> new ArrayList<>()).add("<" + c.parameter() + ">");
            }
        }
        excludedByReason.forEach((reason, parameters) ->
                log.log(BuildListener.Level.LIFECYCLE, String.join(", ", parameters) + ": not included (" + reason + ")"));
    }

    /** The gate's refusal: every unmet finding, with what proves it and its fix. */
    public static String findingsFailure(BinaryAnalysis a, List<SettledFinding> findings) {
        return fileName(a) + " will look for things a scratch image does not have, and <failOnWarnings> ("
                + PropertyNames.FAIL_ON_WARNINGS + ") is true: " + findings.stream().filter(SettledFinding::warning)
                        .map(SettledFinding::finding)
                        .map(f -> f.name() + " (" + f.what() + "; fix: " + f.fixOption() + ")")
                        .collect(Collectors.joining(", "));
    }

    private static String linkageName(Linkage linkage) {
        return switch (linkage) {
            case STATIC -> "statically linked";
            case STATIC_PIE -> "statically linked (static-pie)";
            case DYNAMIC -> "dynamically linked";
        };
    }

    private static String fileName(BinaryAnalysis a) {
        return Path.of(a.file()).getFileName().toString();
    }
}
