package io.github.scratchimage.analysis.golang;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.elf.ElfReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** What Go's own tools say about a binary, the reference the reader is compared with. */
final class GoTools {
    private GoTools() {
    }

    /**
     * The text symbols {@code go tool nm} lists, spelled as the pclntab spells them: assembly
     * functions without the {@code .abi0} symbol suffix, generic instantiations with their type
     * arguments as {@code [...]}. The two markers {@code runtime.text} and {@code runtime.etext}
     * are not functions, and neither are the C start files' ({@code _init}, {@code frame_dummy}) in
     * an externally linked file: Go names are package-qualified, so they hold a dot.
     */
    static Set<String> nmFunctions(Path binary) {
        Set<String> names = new TreeSet<>();
        for (String line : GoPrograms.go("tool", "nm", binary.toString()).split("\n")) {
            String[] fields = line.strip().split(" ", 3);
            if (fields.length == 3 && (fields[1].equals("T") || fields[1].equals("t")) && fields[2].contains(".")) {
                String name = fields[2].endsWith(".abi0") ? fields[2].substring(0, fields[2].length() - 5) : fields[2];
                int open = name.indexOf('[');
                int close = name.lastIndexOf(']');
                if (open >= 0 && close > open) {
                    name = name.substring(0, open) + "[...]" + name.substring(close + 1);
                }
                names.add(name);
            }
        }
        names.removeAll(Set.of("runtime.text", "runtime.etext"));
        return names;
    }

    /**
     * The names with the middle dot the compiler uses in generated names
     * ({@code type..eq.T·1}) spelled as {@code go tool nm} prints it, a full stop.
     */
    static Set<String> asNmPrintsThem(Set<String> functions) {
        Set<String> names = new TreeSet<>();
        functions.forEach(name -> names.add(name.replace('\u00b7', '.')));
        return names;
    }

    /** {@code go version -m}: the records after the first line, each split at its tabs. */
    record VersionM(String goVersion, List<List<String>> records) {
        List<List<String>> of(String kind) {
            return records.stream().filter(r -> r.get(0).equals(kind)).map(r -> r.subList(1, r.size())).toList();
        }

        /** The build settings; the values as printed, possibly quoted. */
        Map<String, String> rawBuildSettings() {
            Map<String, String> settings = new LinkedHashMap<>();
            for (List<String> r : of("build")) {
                int equals = r.get(0).indexOf('=');
                settings.put(r.get(0).substring(0, equals), r.get(0).substring(equals + 1));
            }
            return settings;
        }
    }

    static VersionM versionM(Path binary) {
        String[] lines = GoPrograms.go("version", "-m", binary.toString()).split("\n");
        String goVersion = lines[0].substring(lines[0].indexOf(": ") + 2).strip();
        List<List<String>> records = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            List<String> fields = new ArrayList<>(List.of(lines[i].substring(1).split("\t", -1)));
            while (!fields.isEmpty() && fields.get(fields.size() - 1).isEmpty()) {
                fields.remove(fields.size() - 1); // an empty sum is printed as a trailing tab
            }
            if (!fields.isEmpty()) {
                records.add(fields);
            }
        }
        return new VersionM(goVersion, records);
    }

    static ElfFile elf(Path binary) {
        try {
            return ElfReader.read(binary);
        } catch (IOException | ElfFormatException e) {
            throw new AssertionError(binary + " is not readable as ELF", e);
        }
    }
}
