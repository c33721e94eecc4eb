package io.github.scratchimage.analysis.golang;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The files a Go program will look for at run time, proven by the functions compiled or inlined
 * into it: Go's linker drops every function nothing can reach, so a function's presence means some
 * code path calls it. Go packs its string literals without separators, so the path scan used for
 * C proves nothing here; function names do.
 *
 * <p>The names were measured with {@code go tool nm} on go1.19.8 builds (see GoRuntimeNeedsTest),
 * and they are the functions that read the files, or the exported entry points to them, not their
 * helpers: {@code time.loadLocation} and {@code time.loadTzinfo} are in every program that prints
 * a local time ({@code log.Println} has them, for {@code TZ}), so only {@code time.LoadLocation},
 * which a program calls to get a named zone, counts for time zones.
 *
 * <p>{@link #embedded()}: the program carries the data itself ({@code import _ "time/tzdata"}, or
 * {@code golang.org/x/crypto/x509roots/fallback} and {@code x509.SetFallbackRoots}), so the need
 * is met without files and {@link #needs()} leaves it out.
 *
 * @param evidence          per need, the functions that prove it, sorted
 * @param embedded          per need, the functions that prove its data is built in, sorted
 * @param functionNamesRead false when the binary's function names could not be read: then nothing
 *                          is proven either way
 */
public record GoRuntimeNeeds(Map<Need, List<String>> evidence, Map<Need, List<String>> embedded,
        boolean functionNamesRead) {

    /** A kind of file a Go program reads, and where the standard library looks for it on Linux. */
    public enum Need {
        TIMEZONES("/usr/share/zoneinfo (or ZONEINFO)"),
        CA_CERTIFICATES("/etc/ssl/certs/ca-certificates.crt and the other bundles crypto/x509 tries"
                + " (or SSL_CERT_FILE)"),
        USERS("/etc/passwd and /etc/group"),
        TMP("a writable /tmp (or TMPDIR)"),
        RESOLVER("/etc/resolv.conf, /etc/hosts and /etc/nsswitch.conf");

        private final String files;

        Need(String files) {
            this.files = files;
        }

        public String files() {
            return files;
        }
    }

    private static final Map<Need, Predicate<String>> PROOF = Map.of(
            Need.TIMEZONES, Set.of("time.LoadLocation")::contains,
            Need.CA_CERTIFICATES, Set.of("crypto/x509.SystemCertPool", "crypto/x509.systemRootsPool",
                    "crypto/x509.initSystemRoots", "crypto/x509.loadSystemRoots")::contains,
            // Pure Go (CGO_ENABLED=0 or osusergo) parses the files itself; with cgo the same
            // functions call getpwnam_r and friends, which read the same files through libc.
            Need.USERS, Set.of("os/user.Current", "os/user.Lookup", "os/user.LookupId", "os/user.LookupGroup",
                    "os/user.LookupGroupId", "os/user.(*User).GroupIds", "os/user.current", "os/user.lookupUser",
                    "os/user.lookupUserId", "os/user.lookupGroup", "os/user.lookupGroupId", "os/user.listGroups",
                    "os/user.readColonFile")::contains,
            Need.TMP, Set.of("os.TempDir", "os.CreateTemp", "os.MkdirTemp", "io/ioutil.TempFile",
                    "io/ioutil.TempDir")::contains,
            // The functions that read /etc/resolv.conf, /etc/hosts and /etc/nsswitch.conf. A server
            // that only listens has them too: net.Listen resolves its address through the same code.
            Need.RESOLVER, Set.of("net.dnsReadConfig", "net.readHosts", "net.parseNSSConfFile")::contains);

    private static final Map<Need, Predicate<String>> BUILT_IN = Map.of(
            Need.TIMEZONES, name -> name.startsWith("time/tzdata."),
            Need.CA_CERTIFICATES, name -> name.startsWith("golang.org/x/crypto/x509roots/fallback.")
                    || name.equals("crypto/x509.SetFallbackRoots"));

    public GoRuntimeNeeds {
        evidence = copy(evidence);
        embedded = copy(embedded);
    }

    public static GoRuntimeNeeds of(GoBinary binary) {
        return new GoRuntimeNeeds(matching(binary.functions(), PROOF), matching(binary.functions(), BUILT_IN),
                binary.functionNamesRead());
    }

    /** The needs the image has to meet: proven, and not built into the program. */
    public Set<Need> needs() {
        Set<Need> needs = EnumSet.noneOf(Need.class);
        needs.addAll(evidence.keySet());
        needs.removeAll(embedded.keySet());
        return Collections.unmodifiableSet(needs);
    }

    private static Map<Need, List<String>> matching(Set<String> functions, Map<Need, Predicate<String>> rules) {
        Map<Need, List<String>> found = new EnumMap<>(Need.class);
        rules.forEach((need, rule) -> {
            List<String> names = functions.stream().filter(rule).sorted().toList();
            if (!names.isEmpty()) {
                found.put(need, names);
            }
        });
        return found;
    }

    private static Map<Need, List<String>> copy(Map<Need, List<String>> map) {
        Map<Need, List<String>> copy = new EnumMap<>(Need.class);
        map.forEach((need, names) -> copy.put(need, List.copyOf(names)));
        return Collections.unmodifiableMap(copy);
    }
}
