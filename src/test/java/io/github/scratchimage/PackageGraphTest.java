package io.github.scratchimage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph written in docs/architecture.md is the graph of the code: every import
 * between the plugin's packages is an edge the document lists, every listed edge is used, and
 * the two rules it states hold (elf needs only the JDK; only maven sees Maven).
 */
class PackageGraphTest {
    private static final String BASE = "io.github.scratchimage.";
    private static final Path SOURCES = Path.of("src/main/java/io/github/scratchimage");
    private static final Path DOCUMENT = Path.of("docs/architecture.md");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?((?:[a-z]\\w*\\.)*[a-z]\\w*)\\.[A-Z][\\w.*]*;",
            Pattern.MULTILINE);
    /** A row of the document's table: | `package` | `a`, `b` | what it owns |. */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z.]+)` \\|([^|]*)\\|", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("`([a-z.]+)`");

    @Test
    void everyImportBetweenPackagesIsAnEdgeTheDocumentLists() {
        Map<String, Set<String>> documented = documentedEdges();
        Map<String, Set<String>> actual = actualEdges();
        assertThat(actual.keySet()).as("packages in the code that docs/architecture.md does not list")
                .isSubsetOf(documented.keySet());
        for (Map.Entry<String, Set<String>> entry : actual.entrySet()) {
            assertThat(entry.getValue()).as("%s may only use what docs/architecture.md lists", entry.getKey())
                    .isSubsetOf(documented.get(entry.getKey()));
        }
        for (Map.Entry<String, Set<String>> entry : documented.entrySet()) {
            assertThat(actual.getOrDefault(entry.getKey(), Set.of()))
                    .as("edges docs/architecture.md lists for %s that the code no longer has", entry.getKey())
                    .containsAll(entry.getValue());
        }
    }

    @Test
    void elfNeedsOnlyTheJdkAndOnlyMavenSeesMaven() {
        forEachSource((pkg, imports) -> {
            if (pkg.equals("elf")) {
                assertThat(imports).as("elf imports").allMatch(i -> i.startsWith("java.") || i.startsWith(BASE + "elf"));
            }
            if (!pkg.equals("maven")) {
                assertThat(imports).as("%s imports", pkg).noneMatch(i -> i.startsWith("org.apache.maven"));
            }
        });
    }

    private static Map<String, Set<String>> documentedEdges() {
        Map<String, Set<String>> edges = new TreeMap<>();
        try {
            Matcher row = ROW.matcher(Files.readString(DOCUMENT));
            while (row.find()) {
                Set<String> uses = new TreeSet<>();
                Matcher name = NAME.matcher(row.group(2));
                while (name.find()) {
                    uses.add(name.group(1));
                }
                edges.put(row.group(1), uses);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(edges).as("package rows in " + DOCUMENT).isNotEmpty();
        return edges;
    }

    private static Map<String, Set<String>> actualEdges() {
        Map<String, Set<String>> edges = new TreeMap<>();
        forEachSource((pkg, imports) -> {
            Set<String> uses = edges.computeIfAbsent(pkg, p -> new TreeSet<>());
            imports.stream().filter(i -> i.startsWith(BASE)).map(i -> i.substring(BASE.length()))
                    .filter(p -> !p.equals(pkg)).forEach(uses::add);
        });
        return edges;
    }

    private interface SourceVisitor {
        void visit(String pkg, Set<String> imports);
    }

    private static void forEachSource(SourceVisitor visitor) {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                Set<String> imports = new TreeSet<>();
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    imports.add(matcher.group(1));
                }
                visitor.visit(pkg, imports);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
