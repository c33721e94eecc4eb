package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.HardeningRequirement;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.paths.ImagePaths;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the check needs, validated when it is made: where to look for the executable, the
 * linkage policy, the sysroot and library search for {@code linkage=bundle}, the essentials'
 * settings, the warning gate and the finding kinds acknowledged, the directory the executable will
 * have in the image (which decides {@code $ORIGIN}), and the {@code <hardening>} every loaded file
 * must have. With {@code <executables>}, {@code executables} holds them (one image each, by the
 * platform each is built for) and {@code sysroots} each platform's sysroot by architecture
 * ({@code <sysroots>}); {@link PlatformExecutables} turns the request into one per executable.
 */
public record CheckRequest(
        ExecutableLocator.Search executable,
        LinkagePolicy linkage,
        Path sysroot,
        List<String> libraryPaths,
        List<String> extraLibraries,
        Essentials.Settings essentials,
        boolean failOnWarnings,
        String appRoot,
        Set<Finding.Kind> acknowledged,
        Set<HardeningRequirement> hardening,
        List<Path> executables,
        Map<String, Path> sysroots) {

    public CheckRequest {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(linkage, "linkage");
        Objects.requireNonNull(sysroot, "sysroot");
        libraryPaths = List.copyOf(libraryPaths);
        extraLibraries = List.copyOf(extraLibraries);
        Objects.requireNonNull(essentials, "essentials");
        Objects.requireNonNull(appRoot, "appRoot");
        acknowledged = Set.copyOf(acknowledged);
        hardening = Set.copyOf(hardening);
        executables = List.copyOf(executables);
        sysroots = Map.copyOf(sysroots);
    }

    /** One executable ({@code <executable>} or the project's), no {@code <executables>}. */
    public CheckRequest(ExecutableLocator.Search executable, LinkagePolicy linkage, Path sysroot,
            List<String> libraryPaths, List<String> extraLibraries, Essentials.Settings essentials,
            boolean failOnWarnings, String appRoot, Set<Finding.Kind> acknowledged, Set<HardeningRequirement> hardening) {
        this(executable, linkage, sysroot, libraryPaths, extraLibraries, essentials, failOnWarnings, appRoot,
                acknowledged, hardening, List.of(), Map.of());
    }

    /** Nothing acknowledged, no hardening required. */
    public CheckRequest(ExecutableLocator.Search executable, LinkagePolicy linkage, Path sysroot,
            List<String> libraryPaths, List<String> extraLibraries, Essentials.Settings essentials,
            boolean failOnWarnings, String appRoot) {
        this(executable, linkage, sysroot, libraryPaths, extraLibraries, essentials, failOnWarnings, appRoot, Set.of(),
                Set.of());
    }

    /** This request with {@code <acknowledge>} set. */
    public CheckRequest acknowledging(Set<Finding.Kind> kinds) {
        return new CheckRequest(executable, linkage, sysroot, libraryPaths, extraLibraries, essentials, failOnWarnings,
                appRoot, kinds, hardening, executables, sysroots);
    }

    /** This request with {@code <hardening>} set. */
    public CheckRequest requiring(Set<HardeningRequirement> required) {
        return new CheckRequest(executable, linkage, sysroot, libraryPaths, extraLibraries, essentials, failOnWarnings,
                appRoot, acknowledged, required, executables, sysroots);
    }

    /** This request with {@code <executables>} and {@code <sysroots>} set: one image per executable. */
    public CheckRequest forPlatforms(List<Path> several, Map<String, Path> platformSysroots) {
        return new CheckRequest(executable, linkage, sysroot, libraryPaths, extraLibraries, essentials, failOnWarnings,
                appRoot, acknowledged, hardening, several, platformSysroots);
    }

    /** This request for one of its {@code <executables>}, with that platform's sysroot. */
    CheckRequest forOne(Path one, Path platformSysroot) {
        ExecutableLocator.Search search = new ExecutableLocator.Search(Optional.of(one), executable.mainArtifact(),
                executable.buildDirectory(), executable.artifactId(), executable.finalName());
        return new CheckRequest(search, linkage, platformSysroot, libraryPaths, extraLibraries, essentials,
                failOnWarnings, appRoot, acknowledged, hardening, List.of(), Map.of());
    }

    /**
     * {@code <executable>} or {@code <executables>}: the list, empty when only {@code <executable>}
     * (or neither) is set; both at once is an error.
     */
    public static List<Path> executables(Optional<Path> executable, List<Path> executables) throws InvalidInputException {
        if (executable.isPresent() && !executables.isEmpty()) {
            throw InvalidInputException.of("<executable> (" + PropertyNames.EXECUTABLE + ") and " + PlatformExecutables.SEVERAL,
                    "are both set (" + executable.get() + "; " + executables + ")",
                    "use <executable> for one image, or list every executable in <executables> for one image per"
                            + " platform and remove <executable>");
        }
        return List.copyOf(executables);
    }

    /** {@code <hardening>}: a comma-separated list of {@code pie, nx, relro, full-relro, canary, fortify}. */
    public static Set<HardeningRequirement> hardening(String value) throws InvalidInputException {
        try {
            return HardeningRequirement.parseList(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("<hardening> (" + PropertyNames.HARDENING + ") has " + e.getMessage(), e);
        }
    }

    /**
     * {@code <acknowledge>}: finding kinds ({@code dlopen}, {@code locale}, {@code glibc_nss}) that no
     * essential can meet and that the user has checked, so they no longer fail {@code <failOnWarnings>}.
     * A kind an essential meets is refused: that essential is the fix.
     */
    public static Set<Finding.Kind> acknowledged(List<String> values) throws InvalidInputException {
        Set<Finding.Kind> kinds = EnumSet.noneOf(Finding.Kind.class);
        String allowed = Arrays.stream(Finding.Kind.values()).filter(Finding.Kind::acknowledgeable)
                .map(Finding.Kind::pomName).collect(Collectors.joining(", "));
        for (String value : values == null ? List.<String>of() : values) {
            for (String part : value.split(",")) {
                String v = part.trim();
                if (v.isEmpty()) {
                    continue;
                }
                Finding.Kind kind = Arrays.stream(Finding.Kind.values())
                        .filter(k -> k.pomName().equalsIgnoreCase(v)).findFirst()
                        .orElseThrow(() -> new InvalidInputException("<acknowledge> (" + PropertyNames.ACKNOWLEDGE
                                + ") names '" + v + "', which is not a finding kind: use " + allowed));
                if (kind == Finding.Kind.NETWORK_FILES) {
                    throw new InvalidInputException("<acknowledge> (" + PropertyNames.ACKNOWLEDGE + ") names " + v
                            + ", which is always met (the container runtime mounts /etc/hosts and"
                            + " /etc/resolv.conf): remove it; only " + allowed + " can be acknowledged");
                }
                if (!kind.acknowledgeable()) {
                    throw new InvalidInputException("<acknowledge> (" + PropertyNames.ACKNOWLEDGE + ") names " + v
                            + ", which the image can meet: use the Fix the build log gives for it (an essential"
                            + " such as <" + essentialFor(kind) + ">true</" + essentialFor(kind) + "> or your own"
                            + " files) instead; only " + allowed + " can be acknowledged");
                }
                kinds.add(kind);
            }
        }
        return kinds;
    }

    private static String essentialFor(Finding.Kind kind) {
        return switch (kind) {
            case CA_CERTIFICATES -> "caCertificates";
            case TIMEZONES -> "timezones";
            case TMP -> "tmp";
            default -> "users";
        };
    }

    /** Where the executable goes in the image: {@code <appRoot>/<file name>}, one spelling. */
    public String executableImagePath(Path executable) {
        return ImagePaths.inDirectory(appRoot, executable.getFileName().toString());
    }

    /** {@code <linkage>}: {@code static}, {@code bundle} or {@code any}, in any case. */
    public static LinkagePolicy linkagePolicy(String value) throws InvalidInputException {
        String v = value == null ? "static" : value.trim();
        try {
            return LinkagePolicy.valueOf(v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(LinkagePolicy.values()).map(p -> p.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            throw new InvalidInputException("<linkage> (" + PropertyNames.LINKAGE + ") is '" + v
                    + "'; it must be one of " + allowed);
        }
    }

    /** {@code <container><appRoot>}: an absolute path in the image. */
    public static String appRoot(String value) throws InvalidInputException {
        String v = value == null || value.isBlank() ? ImagePaths.DEFAULT_APP_ROOT : value.trim();
        if (!v.startsWith("/")) {
            throw new InvalidInputException("<container><appRoot> is '" + v + "': it must be an absolute path in the"
                    + " image, such as " + ImagePaths.DEFAULT_APP_ROOT);
        }
        return ImagePaths.normalize(v);
    }
}
