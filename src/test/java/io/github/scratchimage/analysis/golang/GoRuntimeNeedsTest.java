package io.github.scratchimage.analysis.golang;

import static io.github.scratchimage.analysis.golang.GoPrograms.HELLO;
import static io.github.scratchimage.analysis.golang.GoPrograms.NEEDS;
import static io.github.scratchimage.analysis.golang.GoPrograms.STRIP;
import static io.github.scratchimage.analysis.golang.GoPrograms.TZDATA;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.golang.GoRuntimeNeeds.Need;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The needs real go1.19 programs prove, stripped and not. */
class GoRuntimeNeedsTest {
    @TempDir
    Path temp;

    @Test
    void eachCallIsFoundWithTheFunctionAsEvidence() {
        for (List<String> flags : List.of(List.<String>of(), List.of(STRIP))) {
            GoRuntimeNeeds needs = needs(GoPrograms.build("needs", NEEDS, flags, Map.of()));

            assertThat(needs.functionNamesRead()).isTrue();
            assertThat(needs.needs()).as("%s", flags).containsExactlyInAnyOrder(Need.values());
            assertThat(needs.evidence().get(Need.TIMEZONES)).containsExactly("time.LoadLocation");
            assertThat(needs.evidence().get(Need.CA_CERTIFICATES)).contains("crypto/x509.SystemCertPool",
                    "crypto/x509.loadSystemRoots");
            assertThat(needs.evidence().get(Need.USERS)).contains("os/user.Lookup", "os/user.lookupUser",
                    "os/user.readColonFile");
            assertThat(needs.evidence().get(Need.TMP)).containsExactly("os.CreateTemp", "os.TempDir");
            assertThat(needs.evidence().get(Need.RESOLVER)).containsExactly("net.dnsReadConfig",
                    "net.parseNSSConfFile", "net.readHosts");
            assertThat(needs.embedded()).isEmpty();
        }
    }

    @Test
    void helloNeedsNothing() {
        for (List<String> flags : List.of(List.<String>of(), List.of(STRIP))) {
            GoRuntimeNeeds needs = needs(GoPrograms.build("hello", HELLO, flags, Map.of()));
            assertThat(needs.functionNamesRead()).isTrue();
            assertThat(needs.evidence()).as("%s", flags).isEmpty();
            assertThat(needs.needs()).isEmpty();
        }
    }

    /**
     * log.Println formats a local time, which brings time.loadLocation and time.loadTzinfo (for
     * TZ) into every such program: only a call to time.LoadLocation proves that zones are needed.
     */
    @Test
    void printingALocalTimeIsNoZoneLookup() {
        Path log = GoPrograms.build("log", """
                package main

                import "log"

                func main() { log.Println("started") }
                """, STRIP);
        assertThat(read(log).functions()).contains("time.loadLocation", "time.loadTzinfo", "time.initLocal");
        assertThat(needs(log).needs()).isEmpty();
    }

    /** Functions small enough to be inlined leave no symbol, but the pclntab keeps their names. */
    @Test
    void inlinedCallsCount() {
        Path binary = GoPrograms.build("more", """
                package main

                import (
                	"fmt"
                	"io/ioutil"
                	"os"
                	"os/user"
                )

                func main() {
                	fmt.Println(user.LookupGroup("root"))
                	fmt.Println(os.MkdirTemp("", "x"))
                	fmt.Println(ioutil.TempFile("", "x"))
                }
                """);
        assertThat(GoTools.nmFunctions(binary)).doesNotContain("os/user.LookupGroup", "io/ioutil.TempFile");
        GoRuntimeNeeds needs = needs(binary);
        assertThat(needs.needs()).containsExactlyInAnyOrder(Need.USERS, Need.TMP);
        assertThat(needs.evidence().get(Need.USERS)).contains("os/user.LookupGroup", "os/user.lookupGroup");
        assertThat(needs.evidence().get(Need.TMP)).contains("os.MkdirTemp", "io/ioutil.TempFile", "os.TempDir");
    }

    @Test
    void embeddedTimeZoneDataMeetsTheNeed() {
        for (List<String> flags : List.of(List.<String>of(), List.of(STRIP))) {
            GoRuntimeNeeds needs = needs(GoPrograms.build("tzdata", TZDATA, flags, Map.of()));
            assertThat(needs.evidence()).containsOnlyKeys(Need.TIMEZONES);
            assertThat(needs.embedded().get(Need.TIMEZONES)).contains("time/tzdata.loadFromEmbeddedTZData");
            assertThat(needs.needs()).isEmpty();
        }
    }

    /**
     * golang.org/x/crypto/x509roots/fallback needs Go 1.20 and the network; a local module of the
     * same import path stands in for it (its code runs in an init function, as the real one's),
     * which checks that the package's functions are recognised wherever they come from.
     */
    @Test
    void embeddedCaRootsMeetTheNeed() {
        Path binary = GoPrograms.build("fallback", Map.of(
                "app/go.mod", """
                        module example.com/fallback

                        go 1.19

                        require golang.org/x/crypto v0.0.0

                        replace golang.org/x/crypto => ../crypto
                        """,
                "app/main.go", """
                        package main

                        import (
                        	"crypto/x509"
                        	"fmt"

                        	_ "golang.org/x/crypto/x509roots/fallback"
                        )

                        func main() { fmt.Println(x509.SystemCertPool()) }
                        """,
                "crypto/go.mod", "module golang.org/x/crypto\n\ngo 1.19\n",
                "crypto/x509roots/fallback/fallback.go", """
                        package fallback

                        import (
                        	"crypto/x509"
                        	"os"
                        )

                        var Roots *x509.CertPool

                        func init() {
                        	Roots = x509.NewCertPool()
                        	Roots.AppendCertsFromPEM([]byte(os.Getenv("EMBEDDED_PEM")))
                        }
                        """), "app", List.of(STRIP), Map.of());
        GoRuntimeNeeds needs = needs(binary);
        assertThat(needs.evidence()).containsKey(Need.CA_CERTIFICATES);
        assertThat(needs.embedded().get(Need.CA_CERTIFICATES))
                .contains("golang.org/x/crypto/x509roots/fallback.init.0");
        assertThat(needs.needs()).doesNotContain(Need.CA_CERTIFICATES);
    }

    @Test
    void unreadableFunctionsProveNothing() throws IOException {
        Path stripped = GoPrograms.build("needs", NEEDS, STRIP);
        Path go115 = TestFiles.copy(stripped, temp.resolve("go115"));
        TestFiles.writeU32(go115, GoTools.elf(stripped).section(".gopclntab").orElseThrow().offset(), 0xfffffffbL);

        GoRuntimeNeeds needs = needs(go115);
        assertThat(needs.functionNamesRead()).isFalse();
        assertThat(needs.needs()).isEmpty();
        assertThat(needs.evidence()).isEmpty();
    }

    @Test
    void resultsAreImmutable() {
        GoRuntimeNeeds needs = needs(GoPrograms.build("needs", NEEDS, STRIP));
        assertThat(needs.evidence()).isUnmodifiable();
        assertThat(needs.evidence().get(Need.TMP)).isUnmodifiable();
        assertThat(needs.needs()).isUnmodifiable();
        assertThat(EnumSet.copyOf(needs.needs())).isEqualTo(EnumSet.allOf(Need.class));
    }

    private static GoBinary read(Path binary) {
        try {
            return GoBinary.read(binary, GoTools.elf(binary)).orElseThrow();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static GoRuntimeNeeds needs(Path binary) {
        return GoRuntimeNeeds.of(read(binary));
    }
}
