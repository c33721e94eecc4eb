package io.github.scratchimage.analysis.golang;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The module information text of the build information, one tab-separated record a line
 * ({@code runtime/debug.BuildInfo.String}): {@code path} (the main package), {@code mod} (the main
 * module), {@code dep} (a dependency: path, version and, when known, sum), {@code =>} (the
 * replacement of the dependency before it) and {@code build} ({@code key=value}; a key or value
 * with spaces, tabs or quotes is a Go quoted string). Unknown records are skipped, as the go
 * command skips them: newer toolchains may add some.
 */
record ModInfo(Optional<String> mainPackage, Optional<GoModule> mainModule, List<GoModule> dependencies,
        Map<String, String> buildSettings, List<String> notUnderstood) {
    /** One malformed file should not produce thousands of lines of complaint. */
    static final int MAX_NOTES = 5;

    static ModInfo parse(String text) {
        Optional<String> mainPackage = Optional.empty();
        Optional<GoModule> mainModule = Optional.empty();
        List<GoModule> dependencies = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String problem = null;
            if (line.startsWith("path\t")) {
                mainPackage = Optional.of(line.substring(5));
            } else if (line.startsWith("mod\t")) {
                Optional<GoModule> module = module(line.substring(4));
                mainModule = module.isPresent() ? module : mainModule;
                problem = module.isEmpty() ? "a mod record needs a path and a version" : null;
            } else if (line.startsWith("dep\t")) {
                Optional<GoModule> module = module(line.substring(4));
                module.ifPresent(dependencies::add);
                problem = module.isEmpty() ? "a dep record needs a path and a version" : null;
            } else if (line.startsWith("=>\t")) {
                Optional<GoModule> module = module(line.substring(3));
                if (module.isEmpty()) {
                    problem = "a => record needs a path and a version";
                } else if (dependencies.isEmpty()) {
                    problem = "a => record comes before any dep record";
                } else {
                    int last = dependencies.size() - 1;
                    dependencies.set(last, dependencies.get(last).replacedBy(module.get()));
                }
            } else if (line.startsWith("build\t")) {
                problem = setting(line.substring(6), settings);
            }
            if (problem != null && notes.size() < MAX_NOTES) {
                notes.add("module information line " + number + ": " + problem + " (" + shorten(line) + ")");
            }
        }
        return new ModInfo(mainPackage, mainModule, List.copyOf(dependencies),
                Collections.unmodifiableMap(settings), List.copyOf(notes));
    }

    private static Optional<GoModule> module(String fields) {
        String[] parts = fields.split("\t", -1);
        if ((parts.length != 2 && parts.length != 3) || parts[0].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new GoModule(parts[0], parts[1], parts.length == 3 ? parts[2] : "", Optional.empty()));
    }

    /** Adds the {@code key=value} setting; the problem when it is malformed, else null. */
    private static String setting(String keyValue, Map<String, String> settings) {
        if (keyValue.isEmpty() || keyValue.charAt(0) == '=') {
            return "a build record needs key=value";
        }
        String key;
        String rawValue;
        char first = keyValue.charAt(0);
        if (first == '"' || first == '`') {
            int end = GoQuoted.end(keyValue, 0);
            Optional<String> unquoted = end < 0 ? Optional.empty() : GoQuoted.unquote(keyValue.substring(0, end));
            if (unquoted.isEmpty() || end >= keyValue.length() || keyValue.charAt(end) != '=') {
                return "a quoted build setting key must be followed by =";
            }
            key = unquoted.get();
            rawValue = keyValue.substring(end + 1);
        } else {
            int equals = keyValue.indexOf('=');
            if (equals < 0) {
                return "a build record needs key=value";
            }
            key = keyValue.substring(0, equals);
            rawValue = keyValue.substring(equals + 1);
        }
        String value = rawValue;
        if (!rawValue.isEmpty() && (rawValue.charAt(0) == '"' || rawValue.charAt(0) == '`')) {
            Optional<String> unquoted = GoQuoted.unquote(rawValue);
            if (unquoted.isEmpty()) {
                return "the value of " + key + " is not a valid Go quoted string";
            }
            value = unquoted.get();
        }
        settings.put(key, value);
        return null;
    }

    private static String shorten(String line) {
        String printable = line.replace('\t', ' ');
        return printable.length() <= 120 ? printable : printable.substring(0, 120) + "...";
    }
}
