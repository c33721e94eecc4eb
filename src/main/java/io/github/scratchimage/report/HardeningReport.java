package io.github.scratchimage.report;

import io.github.scratchimage.analysis.HardeningGap;
import io.github.scratchimage.analysis.HardeningRequirement;
import io.github.scratchimage.analysis.HardeningVerdict;
import io.github.scratchimage.parameters.PropertyNames;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code <hardening>} requirements judged against every file the loader maps: the executable
 * and, under {@code linkage=bundle}, each bundled library. How it reads as a failure, as warning
 * lines for what a file cannot show, and in {@code scratch-check.json}.
 *
 * @param required what {@code <hardening>} asks for; empty when it asks for nothing
 * @param files    each judged file, the executable first; empty when nothing was judged (nothing
 *                 required, or the check failed before)
 */
public record HardeningReport(Set<HardeningRequirement> required, List<JudgedFile> files) {

    /**
     * One file's verdict.
     *
     * @param path    where it is in the image
     * @param source  the file on this machine
     * @param library true for a bundled library, false for the executable
     */
    public record JudgedFile(String path, String source, boolean library, HardeningVerdict verdict) {
        public JudgedFile {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    public HardeningReport {
        required = Set.copyOf(required);
        files = List.copyOf(files);
    }

    /** Nothing required, nothing judged. */
    public static HardeningReport none() {
        return new HardeningReport(Set.of(), List.of());
    }

    public boolean passes() {
        return files.stream().allMatch(f -> f.verdict().passes());
    }

    /** Every missing property per file with the flags that add it, and the fix; empty when every file passes. */
    public Optional<String> failure() {
        if (passes()) {
            return Optional.empty();
        }
        List<String> lines = new ArrayList<>();
        lines.add("<hardening> (" + PropertyNames.HARDENING + ") requires " + words() + ", and "
                + files.stream().filter(f -> !f.verdict().passes()).map(HardeningReport::name)
                        .collect(Collectors.joining(", ")) + " lack" + (failing() == 1 ? "s" : "") + " some:");
        boolean libraryFails = false;
        for (JudgedFile file : files) {
            for (HardeningGap gap : file.verdict().missing()) {
                lines.add("  " + name(file) + ": no " + gap.requirement() + ": " + gap.reason()
                        + (file.library() ? " (a rebuild with " + gap.flags() + " adds it)" : "; add " + gap.flags()));
                libraryFails |= file.library();
            }
        }
        lines.add("Fix: build the executable with the flags named"
                + (libraryFails ? "; a bundled library comes as its package built it, so point <sysroot> ("
                        + PropertyNames.SYSROOT + ") at a root whose library has the property, or drop the"
                        + " requirement" : "")
                + ", or remove what you do not need from <hardening>.");
        return Optional.of(String.join("\n", lines));
    }

    /** One line per property a file cannot show: the requirement may be met, so this warns rather than fails. */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        for (JudgedFile file : files) {
            for (HardeningGap gap : file.verdict().unverified()) {
                lines.add("<hardening> " + gap.requirement() + " cannot be verified for " + name(file) + ": "
                        + gap.reason() + " (" + gap.flags() + " adds it)");
            }
        }
        return lines;
    }

    /** The line a passing judgement logs; empty when nothing was required. */
    public Optional<String> summary() {
        if (required.isEmpty() || files.isEmpty() || !passes()) {
            return Optional.empty();
        }
        long libraries = files.stream().filter(JudgedFile::library).count();
        return Optional.of("<hardening> " + words() + ": met by " + name(files.get(0))
                + (libraries == 0 ? "" : " and its " + libraries + " bundled files")
                + (warnings().isEmpty() ? "" : ", except what the files cannot show (warned above)"));
    }

    /** {@code scratch-check.json}'s {@code hardeningVerdict}. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("required", ordered().stream().map(HardeningRequirement::word).toList());
        m.put("passed", passes());
        List<Map<String, Object>> missing = new ArrayList<>();
        List<Map<String, Object>> unverified = new ArrayList<>();
        for (JudgedFile file : files) {
            file.verdict().missing().forEach(gap -> missing.add(gap(file, gap)));
            file.verdict().unverified().forEach(gap -> unverified.add(gap(file, gap)));
        }
        m.put("judged", files.stream().map(JudgedFile::path).toList());
        m.put("missing", missing);
        m.put("unverified", unverified);
        return m;
    }

    private static Map<String, Object> gap(JudgedFile file, HardeningGap gap) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", file.path());
        m.put("source", file.source());
        m.put("requirement", gap.requirement().word());
        m.put("reason", gap.reason());
        m.put("flags", gap.flags());
        return m;
    }

    private long failing() {
        return files.stream().filter(f -> !f.verdict().passes()).count();
    }

    private List<HardeningRequirement> ordered() {
        return Arrays.stream(HardeningRequirement.values()).filter(required::contains).toList();
    }

    private String words() {
        return ordered().stream().map(HardeningRequirement::word).collect(Collectors.joining(", "));
    }

    /** The executable by its file name, a library by its image path and, when it differs, its source. */
    private static String name(JudgedFile file) {
        if (!file.library()) {
            return file.path().substring(file.path().lastIndexOf('/') + 1);
        }
        return file.path().equals(file.source()) ? file.path() : file.path() + " (from " + file.source() + ")";
    }
}
