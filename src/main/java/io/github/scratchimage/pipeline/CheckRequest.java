package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.HardeningRequirement;
import io.github.scratchimage.analysis.LinkagePolicy;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.image.essentials.Essentials;
import io.github.scratchimage.parameters.PropertyNames;
import io.github.scratchimage.paths.ImagePaths;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything the check needs, validated when it is made: where to look for the executable, the
 * linkage policy, the sysroot and library search for {@code linkage=bundle}, the essentials'
 * settings, the warning gate, the directory the executable will have in the image (which
 * decides {@code $ORIGIN}), and the {@code <hardening>} every loaded file must have.
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
        Set<HardeningRequirement> hardening) {

    public CheckRequest {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(linkage, "linkage");
        Objects.requireNonNull(sysroot, "sysroot");
        libraryPaths = List.copyOf(libraryPaths);
        extraLibraries = List.copyOf(extraLibraries);
        Objects.requireNonNull(essentials, "essentials");
        Objects.requireNonNull(appRoot, "appRoot");
        hardening = Set.copyOf(hardening);
    }

    /** A request that requires no hardening. */
    public CheckRequest(ExecutableLocator.Search executable, LinkagePolicy linkage, Path sysroot,
            List<String> libraryPaths, List<String> extraLibraries, Essentials.Settings essentials,
            boolean failOnWarnings, String appRoot) {
        this(executable, linkage, sysroot, libraryPaths, extraLibraries, essentials, failOnWarnings, appRoot, Set.of());
    }

    /** {@code <hardening>}: a comma-separated list of {@code pie, nx, relro, full-relro, canary, fortify}. */
    public static Set<HardeningRequirement> hardening(String value) throws InvalidInputException {
        try {
            return HardeningRequirement.parseList(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("<hardening> (" + PropertyNames.HARDENING + ") has " + e.getMessage(), e);
        }
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
