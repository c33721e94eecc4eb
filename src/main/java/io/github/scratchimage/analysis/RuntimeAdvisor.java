package io.github.scratchimage.analysis;

import io.github.scratchimage.analysis.Finding.Kind;
import io.github.scratchimage.analysis.ReadOnlyStrings.Needle;
import io.github.scratchimage.analysis.golang.GoBinary;
import io.github.scratchimage.analysis.golang.GoRuntimeNeeds;
import io.github.scratchimage.elf.DynamicSection;
import io.github.scratchimage.elf.DynamicSymbol;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.FileBytes;
import io.github.scratchimage.parameters.PropertyNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Says what an executable will look for in its filesystem at run time, from the ELF alone: the
 * functions it imports (dynamic executables) and the paths in its read-only data (every
 * executable; for a static one it is the only evidence), or, for Go, the function names of its
 * {@code .gopclntab} ({@link GoRuntimeNeeds}), which survive stripping; data a Go program embeds
 * ({@code time/tzdata}) is the finding's {@link Finding#builtIn()}. A scratch image has none of these files,
 * so each finding names the plugin option that adds them.
 *
 * <p>Evidence is deliberately narrow: a static glibc "hello" already carries strings such as
 * {@code dlopen}, {@code /usr/share/locale} and {@code /var/tmp} from libc's own start-up code,
 * so those prove nothing and are not used; only strings that appear when the program really uses
 * the feature count (measured on gcc and musl static builds, see RuntimeAdvisorTest).
 */
public final class RuntimeAdvisor {
    private static final List<Rule> RULES = List.of(
            new Rule(Kind.CA_CERTIFICATES,
                    List.of(Needle.path("/etc/ssl"), Needle.path("/etc/pki"), Needle.path("/usr/lib/ssl"),
                            Needle.contains("SSL_CERT_FILE"), Needle.contains("SSL_CERT_DIR"),
                            Needle.contains("ca-certificates.crt"), Needle.contains("ca-bundle.crt")),
                    Set.of("SSL_CTX_set_default_verify_paths", "X509_STORE_set_default_paths",
                            "X509_STORE_set_default_paths_ex",
                            "SSL_CTX_load_verify_locations", "gnutls_certificate_set_x509_system_trust"),
                    "TLS clients verify servers against a CA bundle file; a scratch image has none, so every"
                            + " HTTPS connection fails with an unknown-issuer error",
                    "<caCertificates>true</caCertificates> (adds /etc/ssl/certs/ca-certificates.crt and"
                            + " SSL_CERT_FILE)"),
            new Rule(Kind.TIMEZONES,
                    List.of(Needle.path("/usr/share/zoneinfo"), Needle.path("/etc/localtime"),
                            Needle.contains("TZif")),
                    Set.of("tzset", "localtime", "localtime_r", "mktime", "timelocal"),
                    "local time is read from /usr/share/zoneinfo (selected by TZ or /etc/localtime); without"
                            + " it every zone silently becomes UTC",
                    "<timezones>true</timezones> (every zone of the sysroot; TZ=Europe/Paris then works), or only"
                            + " the zones it uses: <timezones>Europe/Paris,UTC</timezones>"),
            new Rule(Kind.USERS,
                    List.of(Needle.path("/etc/passwd"), Needle.path("/etc/group")),
                    Set.of("getpwnam", "getpwuid", "getpwnam_r", "getpwuid_r", "getgrnam", "getgrgid",
                            "getgrnam_r", "getgrgid_r", "getlogin", "getlogin_r", "initgroups", "getgrouplist"),
                    "user and group lookups read /etc/passwd and /etc/group; without them getpwuid() returns"
                            + " NULL and programs that need a user name or home directory fail",
                    "<users>true</users> (root 0, nonroot 65532, nobody 65534)"),
            new Rule(Kind.NETWORK_FILES,
                    List.of(Needle.path("/etc/hosts"), Needle.path("/etc/resolv.conf")),
                    Set.of("getaddrinfo", "gethostbyname", "gethostbyname_r", "gethostbyname2", "res_init",
                            "res_ninit"),
                    "name resolution reads /etc/hosts and /etc/resolv.conf; docker, podman and Kubernetes"
                            + " mount both into every container, so nothing needs to be in the image",
                    "nothing to add: the container runtime provides /etc/hosts and /etc/resolv.conf"),
            new Rule(Kind.DLOPEN,
                    List.of(),
                    Set.of("dlopen", "dlmopen"),
                    "the program loads shared libraries by name at run time; a scratch image contains only"
                            + " what the plan adds, so the load fails when it happens, not at start",
                    "<acknowledge><kind>dlopen</kind></acknowledge> (-D" + PropertyNames.ACKNOWLEDGE + "=dlopen)"
                            + " when the load is optional or your <rootfsArchives>/<extraDirectories> bring the"
                            + " libraries; under <linkage>bundle</linkage>, name them in <extraLibraries>"),
            // Imports only: every static glibc executable carries locale-archive and gconv-modules
            // strings (its stdio start-up code), used or not, so strings prove nothing here.
            new Rule(Kind.LOCALE,
                    List.of(),
                    Set.of("setlocale", "newlocale", "iconv_open", "bindtextdomain"),
                    "locales and character-set converters are files (/usr/lib/locale, gconv modules); without"
                            + " them only the C/POSIX locale exists and iconv_open fails for most charsets",
                    "<acknowledge><kind>locale</kind></acknowledge> (-D" + PropertyNames.ACKNOWLEDGE + "=locale)"
                            + " when the C locale is enough (C.UTF-8 is built into glibc 2.35+ and musl); or add"
                            + " /usr/lib/locale and the gconv modules through <rootfsArchives>/<extraDirectories>"),
            new Rule(Kind.TMP,
                    List.of(Needle.path("/tmp")),
                    Set.of("mkstemp", "mkstemps", "mkostemp", "mkostemps", "mkdtemp", "tmpfile", "tmpfile64",
                            "tmpnam", "tempnam", "mkstemp64"),
                    "temporary files go to /tmp, which a scratch image does not have: creating one fails"
                            + " with ENOENT",
                    "<tmp>true</tmp> (an empty /tmp with mode 1777)"));

    /** Dynamic glibc loads libnss_* for these; a static glibc executable still tries to dlopen them. */
    private static final List<Needle> NSS_EVIDENCE =
            List.of(Needle.path("/etc/nsswitch.conf"), Needle.contains("libnss_"));
    private RuntimeAdvisor() {
    }

    /**
     * The findings for {@code executable}, which {@code elf} and {@code analysis} describe; in a
     * fixed order (the order of {@link Kind}), at most one per kind.
     */
    public static List<Finding> advise(Path executable, ElfFile elf, BinaryAnalysis analysis) throws IOException {
        FileBytes bytes = FileBytes.map(executable);
        return advise(bytes, elf, analysis, GoBinary.read(bytes, elf));
    }

    /** For a caller that has read the Go tables already ({@code goBinary}, empty when not Go): not read again. */
    public static List<Finding> advise(FileBytes executable, ElfFile elf, BinaryAnalysis analysis,
            Optional<GoBinary> goBinary) {
        return advise(executable, elf, analysis, goBinary, Optional.empty());
    }

    /**
     * With the glibc release the program runs with ({@code glibc}, when known), which decides
     * whether NSS lookups need {@code libnss_*} modules: not from 2.34, where files and dns are
     * part of libc.
     */
    public static List<Finding> advise(FileBytes executable, ElfFile elf, BinaryAnalysis analysis,
            Optional<GoBinary> goBinary, Optional<GlibcVersion> glibc) {
        String source = executable.path().getFileName().toString();
        Set<String> imports = imports(elf);
        Optional<GoRuntimeNeeds> go = goBinary.filter(GoBinary::functionNamesRead).map(GoRuntimeNeeds::of);
        List<Needle> needles = new ArrayList<>(NSS_EVIDENCE);
        RULES.forEach(rule -> needles.addAll(rule.strings()));
        // Go packs its string literals without separators, so the path scan proves nothing there:
        // the functions compiled in do (and a cgo program's imports still count).
        Set<Needle> strings = go.isPresent() ? Set.of() : ReadOnlyStrings.find(executable, elf, needles);

        List<Finding> findings = new ArrayList<>();
        for (Rule rule : RULES) {
            Set<String> evidence = new LinkedHashSet<>();
            go.ifPresent(needs -> goEvidence(needs, rule.kind(), evidence));
            rule.symbols().stream().filter(imports::contains).sorted().forEach(s -> evidence.add("imports " + s));
            rule.strings().stream().filter(strings::contains).forEach(n -> evidence.add("mentions " + n.text()));
            if (!evidence.isEmpty()) {
                Optional<String> builtIn = go.flatMap(needs -> goBuiltIn(needs, rule.kind()));
                findings.add(new Finding(rule.kind(), String.join(", ", evidence),
                        go.isPresent() ? GO_WHY.getOrDefault(rule.kind(), rule.why()) : rule.why(),
                        go.isPresent() && rule.kind() == Kind.TIMEZONES
                                ? rule.fix() + "; or embed them in the program: import _ \"time/tzdata\""
                                : rule.fix(),
                        source, builtIn));
            }
        }
        glibcNss(analysis, imports, strings, source, glibc).ifPresent(findings::add);
        findings.sort(Comparator.comparing(Finding::kind));
        return List.copyOf(findings);
    }

    /**
     * The findings a library that {@code linkage=bundle} puts into the image proves through its
     * imports ({@code libssl.so.3} imports {@code X509_STORE_set_default_paths_ex}, so TLS
     * verification reads the CA bundle). Only the kinds an essential meets count: libraries import
     * dlopen and locale functions for features the program may never use.
     *
     * @param name the library's file name, the finding's source
     */
    public static List<Finding> adviseBundled(String name, ElfFile library) {
        return adviseLibrary("bundles " + name, name, library);
    }

    /**
     * What an ELF file of the user's content imports ({@code imagePath} in the image, from
     * {@code origin}, such as {@code rootfs archive python.tar}): whoever maps it at run time
     * needs the same files as for a bundled library.
     */
    public static List<Finding> adviseImageFile(String imagePath, String origin, ElfFile file) {
        return adviseLibrary("maps " + imagePath + " from " + origin, imagePath + " (" + origin + ")", file);
    }

    private static List<Finding> adviseLibrary(String what, String name, ElfFile library) {
        Set<String> imports = imports(library);
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : RULES) {
            if (rule.kind().acknowledgeable() || rule.kind() == Kind.NETWORK_FILES) {
                continue;
            }
            List<String> used = rule.symbols().stream().filter(imports::contains).sorted().toList();
            if (!used.isEmpty()) {
                findings.add(new Finding(rule.kind(), what + ", which imports " + String.join(", ", used),
                        rule.why(), rule.fix(), name));
            }
        }
        return List.copyOf(findings);
    }

    /** What Go's standard library does without the files, where it differs from libc. */
    private static final Map<Kind, String> GO_WHY = Map.of(
            Kind.TIMEZONES, "time.LoadLocation reads /usr/share/zoneinfo (or $ZONEINFO); without it every named"
                    + " zone fails with \"unknown time zone\"",
            Kind.CA_CERTIFICATES, "crypto/x509 reads the system roots from /etc/ssl/certs/ca-certificates.crt and"
                    + " the other usual bundles (or $SSL_CERT_FILE); without them every TLS verification fails"
                    + " with \"certificate signed by unknown authority\"",
            Kind.USERS, "os/user reads /etc/passwd and /etc/group; without them user.Lookup fails and"
                    + " user.Current needs $USER",
            Kind.TMP, "os.TempDir is $TMPDIR or /tmp, which a scratch image does not have: os.CreateTemp"
                    + " fails with ENOENT",
            Kind.NETWORK_FILES, "the resolver reads /etc/resolv.conf, /etc/hosts and /etc/nsswitch.conf; docker,"
                    + " podman and Kubernetes mount the first two into every container, and without"
                    + " nsswitch.conf Go uses files then dns");

    private static final Map<Kind, GoRuntimeNeeds.Need> GO_NEEDS = Map.of(
            Kind.TIMEZONES, GoRuntimeNeeds.Need.TIMEZONES,
            Kind.CA_CERTIFICATES, GoRuntimeNeeds.Need.CA_CERTIFICATES,
            Kind.USERS, GoRuntimeNeeds.Need.USERS,
            Kind.TMP, GoRuntimeNeeds.Need.TMP,
            Kind.NETWORK_FILES, GoRuntimeNeeds.Need.RESOLVER);
    /** A Go program proves a need with a handful of functions; the first few make the point. */
    private static final int GO_NAMES_SHOWN = 3;

    private static void goEvidence(GoRuntimeNeeds needs, Kind kind, Set<String> evidence) {
        GoRuntimeNeeds.Need need = GO_NEEDS.get(kind);
        List<String> functions = need == null ? List.of() : needs.evidence().getOrDefault(need, List.of());
        if (!functions.isEmpty()) {
            evidence.add("has " + String.join(", ", functions.subList(0, Math.min(GO_NAMES_SHOWN, functions.size())))
                    + (functions.size() > GO_NAMES_SHOWN ? " and " + (functions.size() - GO_NAMES_SHOWN) + " more" : "")
                    + " (Go function names in its .gopclntab)");
        }
    }

    private static Optional<String> goBuiltIn(GoRuntimeNeeds needs, Kind kind) {
        GoRuntimeNeeds.Need need = GO_NEEDS.get(kind);
        List<String> functions = need == null ? List.of() : needs.embedded().getOrDefault(need, List.of());
        if (functions.isEmpty()) {
            return Optional.empty();
        }
        String what = need == GoRuntimeNeeds.Need.TIMEZONES ? "it embeds time/tzdata"
                : "it embeds fallback roots (golang.org/x/crypto/x509roots/fallback)";
        return Optional.of(what + " (" + functions.get(0) + ")");
    }

    private static Optional<Finding> glibcNss(BinaryAnalysis analysis, Set<String> imports,
            Set<Needle> strings, String source, Optional<GlibcVersion> glibc) {
        if (analysis.libc() != Libc.GLIBC) {
            return Optional.empty();
        }
        Set<String> evidence = new LinkedHashSet<>();
        GlibcNss.ALL.stream().filter(imports::contains).sorted().forEach(s -> evidence.add("imports " + s));
        NSS_EVIDENCE.stream().filter(strings::contains).forEach(n -> evidence.add("mentions " + n.text()));
        if (evidence.isEmpty()) {
            return Optional.empty();
        }
        Optional<GlibcVersion> builtIn = glibc.filter(GlibcVersion::nssBuiltIn);
        Optional<GlibcVersion> modular = glibc.filter(v -> !v.nssBuiltIn());
        String release = glibc.map(v -> "glibc " + v).orElse("its glibc");
        String acknowledge = "<acknowledge><kind>glibc_nss</kind></acknowledge> (-D" + PropertyNames.ACKNOWLEDGE
                + "=glibc_nss)";
        String why;
        String fix;
        if (analysis.linkage().startsFromScratch()) {
            String sources = builtIn.map(v -> "; " + release + " has files and dns built in and uses them when the"
                    + " image has no /etc/nsswitch.conf").orElse("");
            why = modular.isPresent()
                    ? "this is a static " + release + " executable that resolves users or host names: before glibc"
                            + " 2.34 even the files and dns sources are modules, libnss_files.so.2 and"
                            + " libnss_dns.so.2, which glibc dlopens at run time; a scratch image has neither, so"
                            + " every lookup fails"
                    : "this is a static glibc executable that resolves users or host names: glibc will still try"
                            + " to dlopen NSS modules (libnss_*.so.2) at run time for any source /etc/nsswitch.conf"
                            + " names besides files and dns, and those must come from the same glibc version it was"
                            + " linked with" + sources + (glibc.isEmpty() ? "; which glibc it was linked with is"
                            + " unknown (the sysroot has no libc.so.6), and before 2.34 files and dns are modules too"
                            : "");
            fix = modular.isPresent()
                    ? "link with musl (musl-gcc -static, native-image --static --libc=musl) or glibc 2.34+; or add "
                            + release + "'s libnss_files.so.2 (and libnss_dns.so.2) through <extraDirectories> or"
                            + " <rootfsArchives>, then " + acknowledge
                    : acknowledge + " when your /etc/nsswitch.conf names only files and dns (built into glibc"
                            + " 2.34+)" + (glibc.isEmpty() ? " and it was linked with glibc 2.34+" : "")
                            + ", or leave /etc/nsswitch.conf out of your content; or link with musl"
                            + " (musl-gcc -static, native-image --static --libc=musl)";
        } else {
            why = builtIn.isPresent()
                    ? release + " resolves files and dns itself, but dlopens libnss_* modules for any other source"
                            + " /etc/nsswitch.conf names; no DT_NEEDED names them, so bundling the needed libraries"
                            + " does not bring them"
                    : "glibc dlopens libnss_* modules named by /etc/nsswitch.conf for user and host lookups; they"
                            + " are not in DT_NEEDED, so bundling the needed libraries does not bring them";
            String bundle = builtIn.map(v -> "adds an /etc/nsswitch.conf naming files and dns, which " + release
                            + " has built in")
                    .or(() -> modular.map(v -> "adds /etc/nsswitch.conf and " + release
                            + "'s libnss_files.so.2 and libnss_dns.so.2"))
                    .orElse("adds /etc/nsswitch.conf and, before glibc 2.34, libnss_files.so.2 and libnss_dns.so.2");
            fix = "<linkage>bundle</linkage> (-D" + PropertyNames.LINKAGE + "=bundle: " + bundle + "), or "
                    + acknowledge + " when your content brings " + (builtIn.isPresent()
                            ? "the modules its /etc/nsswitch.conf names" : "them");
        }
        return Optional.of(new Finding(Kind.GLIBC_NSS, String.join(", ", evidence), why, fix, source,
                builtIn.filter(v -> analysis.linkage().startsFromScratch())
                        .map(v -> "glibc " + v + "'s built-in files and dns sources")));
    }

    private static Set<String> imports(ElfFile elf) {
        return elf.dynamic().map(DynamicSection::symbols).orElse(List.of()).stream()
                .filter(s -> !s.defined())
                .map(DynamicSymbol::name)
                .collect(Collectors.toSet());
    }

    private record Rule(Kind kind, List<Needle> strings, Set<String> symbols, String why, String fix) {
    }
}
