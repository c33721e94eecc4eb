package io.github.scratchimage.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReservedPathsTest {
    private final ReservedPaths reserved = ReservedPaths.of(List.of("/app/hello", "/tmp", "/etc/passwd"));

    private Optional<String> problem(String path, boolean directory) {
        return reserved.conflict(path, directory).map(ReservedPaths.Conflict::problem);
    }

    @Test
    void theSamePathIsAConflictUnlessItIsADirectoryOnlyImpliedByReservedFiles() {
        assertThat(problem("/app/hello", false)).contains("would replace /app/hello");
        assertThat(problem("/tmp", true)).contains("would replace /tmp");
        assertThat(ReservedPaths.of(List.of("/app", "/app/hello")).conflict("/app", true)).isEmpty();
    }

    @Test
    void aFileWhereAReservedPathNeedsADirectoryIsAConflict() {
        assertThat(problem("/app", false)).contains("would turn a directory of /app/hello into a file");
        assertThat(problem("/app", true)).isEmpty();
        assertThat(problem("/etc", true)).isEmpty();
        assertThat(problem("/ap", false)).isEmpty();
        assertThat(problem("/app-data", false)).isEmpty();
    }

    @Test
    void anythingInsideAReservedPathIsAConflictBecauseItsLayerWouldImplyTheDirectoryAgain() {
        assertThat(problem("/tmp/cache", true)).contains("would write inside /tmp");
        assertThat(problem("/tmp/cache/x", false)).contains("would write inside /tmp");
        assertThat(problem("/app/hello/x", false)).contains("would write inside /app/hello");
        assertThat(problem("/tmpfile", false)).isEmpty();
    }

    @Test
    void conflictsNameEachLayerAndEntry() {
        LayerSpec ok = new LayerSpec("ok", List.of(new LayerFile(Path.of("/x"), "/etc/hosts", "644")));
        LayerSpec bad = new LayerSpec("bad", List.of(LayerFile.directory("/etc", "755"),
                new LayerFile(Path.of("/x"), "/etc/passwd", "644"), LayerFile.directory("/tmp", "755")));

        List<ReservedPaths.LayerConflict> conflicts = reserved.conflicts(List.of(ok, bad));

        assertThat(conflicts).extracting(ReservedPaths.LayerConflict::path).containsExactly("/etc/passwd", "/tmp");
        assertThat(conflicts.get(0).layer()).isSameAs(bad);
        assertThat(conflicts.get(0).conflict().reserved()).isEqualTo("/etc/passwd");
        assertThat(reserved.conflicts(List.of(ok))).isEmpty();
    }
}
