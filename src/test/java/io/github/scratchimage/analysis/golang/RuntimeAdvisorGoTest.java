package io.github.scratchimage.analysis.golang;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.scratchimage.analysis.Analyzer;
import io.github.scratchimage.analysis.Finding.Kind;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.RuntimeAdvisor;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.image.essentials.EssentialChoice;
import io.github.scratchimage.image.essentials.Essentials;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The advisor on real CGO_ENABLED=0 Go programs: the pclntab's function names are the evidence. */
class RuntimeAdvisorGoTest {
    /** Looks up a zone, the system roots and a user: what most Go services do. */
    static final String ZONES_ROOTS_USERS = """
            package main

            import (
            	"crypto/x509"
            	"fmt"
            	"os"
            	"os/user"
            	"time"
            )

            func main() {
            	loc, err := time.LoadLocation(os.Getenv("TZ"))
            	if err != nil {
            		fmt.Println("zone:", err)
            		os.Exit(1)
            	}
            	fmt.Println(time.Unix(1700000000, 0).In(loc).Format("2006-01-02 15:04 MST"))
            	pool, err := x509.SystemCertPool()
            	if err != nil || len(pool.Subjects()) == 0 {
            		fmt.Println("roots: none", err)
            		os.Exit(1)
            	}
            	fmt.Println("roots: ok")
            	u, err := user.Current()
            	if err != nil {
            		fmt.Println("user:", err)
            		os.Exit(1)
            	}
            	fmt.Println("user", u.Username)
            }
            """;

    private static List<Finding> advise(Path binary) throws Exception {
        ElfFile elf = GoTools.elf(binary);
        return RuntimeAdvisor.advise(binary, elf, Analyzer.analyze(elf));
    }

    @Test
    void zonesRootsAndUsersAreFoundStrippedOrNot() throws Exception {
        for (List<String> flags : List.of(List.<String>of(), List.of(GoPrograms.STRIP))) {
            List<Finding> findings = advise(GoPrograms.build("zones-roots-users", ZONES_ROOTS_USERS, flags,
                    java.util.Map.of()));

            assertThat(findings).as("%s", flags).extracting(Finding::kind)
                    .containsExactly(Kind.CA_CERTIFICATES, Kind.TIMEZONES, Kind.USERS);
            assertThat(findings.get(0).what()).contains("crypto/x509.SystemCertPool").contains(".gopclntab");
            assertThat(findings.get(1).what()).isEqualTo("has time.LoadLocation (Go function names in its .gopclntab)");
            assertThat(findings.get(1).whyItMattersInScratch()).contains("unknown time zone");
            assertThat(findings.get(1).fixOption()).startsWith("<timezones>true</timezones>")
                    .contains("import _ \"time/tzdata\"");
            assertThat(findings.get(2).what()).contains("os/user.Current");
            assertThat(findings).allSatisfy(f -> assertThat(f.builtIn()).isEmpty());
        }
    }

    @Test
    void everyNeedIsFoundAndTheResolverIsTheRuntimes() throws Exception {
        List<Finding> findings = advise(GoPrograms.build("needs", GoPrograms.NEEDS, GoPrograms.STRIP));
        assertThat(findings).extracting(Finding::kind).containsExactly(Kind.CA_CERTIFICATES, Kind.TIMEZONES,
                Kind.USERS, Kind.NETWORK_FILES, Kind.TMP);
        assertThat(findings.get(3).what()).contains("net.dnsReadConfig");
        assertThat(findings.get(4).what()).contains("os.CreateTemp");
    }

    /** A program that embeds time/tzdata needs no zoneinfo: the finding is met by the program itself. */
    @Test
    void embeddedTzdataMeetsTheNeed() throws Exception {
        List<Finding> findings = advise(GoPrograms.build("tzdata", GoPrograms.TZDATA, GoPrograms.STRIP));
        assertThat(findings).extracting(Finding::kind).containsExactly(Kind.TIMEZONES);
        assertThat(findings.get(0).builtIn()).hasValueSatisfying(b -> assertThat(b).startsWith(
                "it embeds time/tzdata (time/tzdata."));
        EssentialChoice timezones = Essentials.decide(Essentials.settings("auto", List.of(), "auto", "auto", "auto"),
                findings).get(1);
        assertThat(timezones.parameter()).isEqualTo("timezones");
        assertThat(timezones.included()).as("auto stays off: the program has the zones").isFalse();
    }

    /** Without a call that reads them, no file is needed, whatever Go's packed strings hold. */
    @Test
    void helloNeedsNothing() throws Exception {
        assertThat(advise(GoPrograms.build("hello", GoPrograms.HELLO, GoPrograms.STRIP))).isEmpty();
    }
}
