package io.github.scratchimage.elf;

import io.github.scratchimage.testing.TestExecutables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What GNU readelf says about a file, parsed from its text output. readelf is the reference the
 * reader is checked against: it is the tool a user would reach for to verify our error messages.
 * Runs with {@code -W} (and, through TestExecutables.run, {@code LC_ALL=C}) so columns are neither translated nor truncated.
 */
final class Readelf {
    private static final String INSTALL_HINT = "apt-get install binutils";
    private static final Pattern HEADER_FIELD = Pattern.compile("^\\s+([A-Za-z /]+):\\s+(.*)$", Pattern.MULTILINE);
    private static final Pattern PROGRAM_HEADER = Pattern.compile(
            "^\\s+(\\S+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s",
            Pattern.MULTILINE);
    private static final Pattern INTERPRETER = Pattern.compile("\\[Requesting program interpreter: (.*)]");
    private static final Pattern DYNAMIC_STRING = Pattern.compile(
            "^\\s*0x[0-9a-f]+\\s+\\((NEEDED|RPATH|RUNPATH|SONAME)\\)\\s+[^\\[]*\\[(.*)]\\s*$", Pattern.MULTILINE);
    private static final Pattern VERSION_NEED_FILE = Pattern.compile("^\\s*[0-9a-fx]+: Version: \\d+\\s+File: (\\S+)");
    private static final Pattern VERSION_NEED_NAME = Pattern.compile("^\\s*0x[0-9a-f]+:\\s+Name: (\\S+)");
    private static final Pattern BUILD_ID = Pattern.compile("Build ID: ([0-9a-f]+)");
    private static final Pattern SECTION = Pattern.compile(
            "^\\s*\\[\\s*(\\d+)]\\s(.*?)\\s+(\\S+)\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s+([0-9a-f]+)\\s", Pattern.MULTILINE);
    /** Num: Value Size Type Bind Vis [arch-specific visibility extras] Ndx Name */
    private static final Pattern SYMBOL = Pattern.compile(
            "^\\s*\\d+:\\s+[0-9a-f]+\\s+\\S+\\s+(\\S+)\\s+(\\S+)\\s+\\S+\\s+(?:\\[[^\\]]*]\\s+)*(\\S+)\\s?(.*)$",
            Pattern.MULTILINE);

    record Segment(String type, long offset, long virtualAddress, long fileSize, long memorySize) {
    }

    record SectionRow(String name, long offset, long size) {
    }

    record Symbol(String name, String type, String binding, boolean defined) {
    }

    private final Path file;

    Readelf(Path file) {
        this.file = file;
    }

    String headerField(String field) {
        Matcher m = HEADER_FIELD.matcher(run("-h"));
        while (m.find()) {
            if (m.group(1).equals(field)) {
                return m.group(2).trim();
            }
        }
        throw new AssertionError("readelf -h printed no '" + field + "' for " + file);
    }

    List<Segment> segments() {
        String text = run("-l");
        int table = text.indexOf("Program Headers:");
        List<Segment> result = new ArrayList<>();
        if (table < 0) {
            return result;
        }
        String rows = text.substring(table, sectionToSegmentMapping(text));
        Matcher m = PROGRAM_HEADER.matcher(rows);
        while (m.find()) {
            result.add(new Segment(m.group(1), hex(m.group(2)), hex(m.group(3)), hex(m.group(5)), hex(m.group(6))));
        }
        return result;
    }

    private static int sectionToSegmentMapping(String text) {
        int end = text.indexOf("Section to Segment mapping");
        return end < 0 ? text.length() : end;
    }

    Optional<String> interpreter() {
        Matcher m = INTERPRETER.matcher(run("-l"));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    boolean hasDynamicSection() {
        return !run("-d").contains("There is no dynamic section");
    }

    /** The values of one string-valued dynamic tag (NEEDED, RPATH, RUNPATH, SONAME), in order. */
    List<String> dynamicStrings(String tag) {
        Matcher m = DYNAMIC_STRING.matcher(run("-d"));
        List<String> result = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(tag)) {
                result.add(m.group(2));
            }
        }
        return result;
    }

    /** "file: version version ..." for each Elf_Verneed, from the "Version needs section" part of -V. */
    List<String> versionNeeds() {
        String text = run("-V");
        int start = text.indexOf("Version needs section");
        List<String> result = new ArrayList<>();
        if (start < 0) {
            return result;
        }
        for (String line : text.substring(start).split("\n")) {
            Matcher file = VERSION_NEED_FILE.matcher(line);
            Matcher name = VERSION_NEED_NAME.matcher(line);
            if (file.find()) {
                result.add(file.group(1) + ":");
            } else if (name.find() && !result.isEmpty()) {
                result.set(result.size() - 1, result.get(result.size() - 1) + " " + name.group(1));
            }
        }
        return result;
    }

    List<String> buildIds() {
        Matcher m = BUILD_ID.matcher(run("-n"));
        List<String> result = new ArrayList<>();
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }

    List<SectionRow> sections() {
        Matcher m = SECTION.matcher(run("-S"));
        List<SectionRow> result = new ArrayList<>();
        while (m.find()) {
            result.add(new SectionRow(m.group(2).trim(), hex(m.group(5)), hex(m.group(6))));
        }
        return result;
    }

    /** Named dynamic symbols, without the "@VERSION (n)" suffix readelf adds; section symbols left out. */
    List<Symbol> dynamicSymbols() {
        Matcher m = SYMBOL.matcher(run("--dyn-syms"));
        List<Symbol> result = new ArrayList<>();
        while (m.find()) {
            String name = m.group(4).replaceAll("@.*$", "").trim();
            if (name.isEmpty() || m.group(1).equals("SECTION")) {
                continue;
            }
            result.add(new Symbol(name, m.group(1), m.group(2), !m.group(3).equals("UND")));
        }
        return result;
    }

    /** readelf's names for st_info's type nibble (GNU binutils get_symbol_type). */
    static String symbolTypeName(int type) {
        return switch (type) {
            case 0 -> "NOTYPE";
            case 1 -> "OBJECT";
            case 2 -> "FUNC";
            case 3 -> "SECTION";
            case 4 -> "FILE";
            case 5 -> "COMMON";
            case 6 -> "TLS";
            case 10 -> "IFUNC";
            default -> "<type " + type + ">";
        };
    }

    /** readelf's names for st_info's binding nibble. */
    static String bindingName(int binding) {
        return switch (binding) {
            case 0 -> "LOCAL";
            case 1 -> "GLOBAL";
            case 2 -> "WEAK";
            case 10 -> "UNIQUE";
            default -> "<binding " + binding + ">";
        };
    }

    private String run(String option) {
        return TestExecutables.run(List.of("readelf", "-W", option, file.toString()), INSTALL_HINT);
    }

    private static long hex(String digits) {
        return Long.parseUnsignedLong(digits, 16);
    }
}
