package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.BinaryAnalysis;
import io.github.scratchimage.analysis.Finding.Kind;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.SettledFinding;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.essentials.CaCertificates;
import io.github.scratchimage.image.essentials.EssentialChoice.Essential;
import io.github.scratchimage.image.essentials.EssentialChoice;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.image.essentials.Timezones;
import io.github.scratchimage.image.essentials.Tmp;
import io.github.scratchimage.libraries.BundledFile;
import io.github.scratchimage.libraries.LibraryTree;
import io.github.scratchimage.parameters.PropertyNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Settles each finding against what the image will hold: an essential that is on, the user's own
 * file at the path the program reads, a library {@code linkage=bundle} adds, data built into the
 * program, or the container runtime; else {@code <acknowledge>} for the kinds no essential can
 * meet; else it stays unmet, a warning. The {@code check} goal settles against the essentials'
 * settings alone (no content is read), the image goals against the content they assembled.
 */
final class Settlement {
    /** The bundles crypto/x509, OpenSSL-based clients and the essential use. */
    private static final List<String> CA_BUNDLES = List.of(CaCertificates.TARGET, "/etc/pki/tls/certs/ca-bundle.crt",
            "/etc/ssl/cert.pem", "/etc/pki/tls/cacert.pem", "/etc/ssl/ca-bundle.pem",
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem");
    private static final String NSSWITCH_CONF = "/etc/nsswitch.conf";

    private Settlement() {
    }

    static List<SettledFinding> settle(CheckRequest request, BinaryAnalysis analysis, List<Finding> findings,
            List<EssentialChoice> essentials, List<Essentials.UserContent> content, Optional<LibraryTree> libraries) {
        List<SettledFinding> settled = new ArrayList<>();
        for (Finding finding : findings) {
            SettledFinding s = settle(request, analysis, finding, essentials, content, libraries)
                    .map(by -> SettledFinding.satisfied(finding, by))
                    .orElseGet(() -> request.acknowledged().contains(finding.kind())
                            ? new SettledFinding(finding, SettledFinding.Status.ACKNOWLEDGED, "acknowledged by"
                                    + " <acknowledge> (" + PropertyNames.ACKNOWLEDGE + ")")
                            : SettledFinding.unsatisfied(finding));
            settled.add(s);
        }
        return List.copyOf(settled);
    }

    private static Optional<String> settle(CheckRequest request, BinaryAnalysis analysis, Finding finding,
            List<EssentialChoice> essentials, List<Essentials.UserContent> content, Optional<LibraryTree> libraries) {
        // glibc's built-in NSS sources meet the need only while no nsswitch.conf names other ones
        if (finding.builtIn().isPresent() && finding.kind() != Kind.GLIBC_NSS) {
            return Optional.of("the executable itself: " + finding.builtIn().get());
        }
        return switch (finding.kind()) {
            case CA_CERTIFICATES -> essential(essentials, Essential.CA_CERTIFICATES)
                    .or(() -> file(content, CA_BUNDLES::contains));
            case TIMEZONES -> essential(essentials, Essential.TIMEZONES)
                    .or(() -> file(content, p -> p.startsWith(Timezones.TARGET_DIR + "/")));
            case USERS -> essential(essentials, Essential.USERS).or(() -> file(content, "/etc/passwd"::equals));
            case TMP -> essential(essentials, Essential.TMP)
                    .or(() -> entry(content, f -> f.target().equals(Tmp.TARGET) || f.target().startsWith("/tmp/")));
            case NETWORK_FILES -> Optional.of("the container runtime, which mounts /etc/hosts and /etc/resolv.conf");
            case GLIBC_NSS -> glibcNss(analysis, finding, content, libraries);
            case DLOPEN -> libraries.isPresent() && !request.extraLibraries().isEmpty()
                    ? Optional.of("<extraLibraries>, which bundles " + String.join(", ", request.extraLibraries()))
                    : Optional.empty();
            case LOCALE -> file(content, p -> p.startsWith("/usr/lib/locale/") || p.contains("/gconv/"));
            case CONFIGURED_DIRECTORY -> finding.directory().flatMap(directory ->
                    ConfiguredDirectories.providedBy(directory, request, content, essentials, libraries));
            case DANGLING_SYMLINKS -> Optional.empty(); // found in the finished image: nothing there meets it
        };
    }

    /**
     * Static glibc 2.34+ has the files and dns sources built in and uses them when there is no
     * nsswitch.conf (the advisor says so as the finding's {@code builtIn}, from the glibc release);
     * under {@code linkage=bundle} the bundle adds an nsswitch.conf naming only those, and the
     * modules where libc lacks them.
     */
    private static Optional<String> glibcNss(BinaryAnalysis analysis, Finding finding,
            List<Essentials.UserContent> content, Optional<LibraryTree> libraries) {
        Optional<String> own = file(content, NSSWITCH_CONF::equals);
        if (own.isPresent()) {
            return Optional.empty();
        }
        if (libraries.isPresent() && libraries.get().generatedFiles().stream()
                .anyMatch(f -> f.imagePath().equals(NSSWITCH_CONF))) {
            List<String> modules = libraries.get().files().stream().map(BundledFile::fileName)
                    .filter(name -> name.startsWith("libnss_")).toList();
            return Optional.of("<linkage>bundle</linkage>, which adds " + NSSWITCH_CONF + " (files and dns)"
                    + (modules.isEmpty() ? ", which the bundled libc has built in" : " and " + String.join(", ", modules)));
        }
        if (analysis.linkage().startsFromScratch() && finding.builtIn().isPresent()) {
            return Optional.of("the executable itself: " + finding.builtIn().get() + "; the image has no "
                    + NSSWITCH_CONF + ", so no other module is loaded");
        }
        return Optional.empty();
    }

    private static Optional<String> essential(List<EssentialChoice> essentials, Essential essential) {
        return essentials.stream().filter(c -> c.essential() == essential && c.included()).findFirst()
                .map(c -> "<" + c.parameter() + "> (" + c.reason() + ")");
    }

    private static Optional<String> file(List<Essentials.UserContent> content, Predicate<String> path) {
        return entry(content, f -> !f.directory() && path.test(f.target()));
    }

    /** The topmost layer's entry wins in the image, so it is the one named. */
    private static Optional<String> entry(List<Essentials.UserContent> content, Predicate<LayerFile> matches) {
        Optional<String> found = Optional.empty();
        for (Essentials.UserContent layer : content) {
            for (LayerFile file : layer.layer().files()) {
                if (matches.test(file)) {
                    found = Optional.of(layer.description() + " (" + file.target() + ")");
                    break;
                }
            }
        }
        return found;
    }
}
