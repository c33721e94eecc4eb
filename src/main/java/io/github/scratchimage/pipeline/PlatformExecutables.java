package io.github.scratchimage.pipeline;

import io.github.scratchimage.analysis.Analyzer;
import io.github.scratchimage.analysis.Platform;
import io.github.scratchimage.analysis.UnsupportedExecutableException;
import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.parameters.PropertyNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code <executables>} grouped by platform: each ELF file names its own ({@code os},
 * {@code architecture}, and for arm the variant), and gives one image of an index. Refused before
 * anything is checked or built: two executables of one platform (an index holds one image per
 * platform), file names that differ (every image takes the one {@code <container>}, so the
 * executable has one path, {@code <appRoot>/<file name>}, in all of them), and a
 * {@code <sysroots>} entry for an architecture no executable has (a typo would silently bundle
 * the build machine's libraries).
 */
final class PlatformExecutables {
    static final String SEVERAL = "<executables> (" + PropertyNames.EXECUTABLES + ")";

    /** One executable, its platform, and its check: the executable itself and its platform's sysroot. */
    record Member(Path executable, Platform platform, CheckRequest check) {
    }

    private PlatformExecutables() {
    }

    /** The request's executables, each with its platform and check, in the order given. */
    static List<Member> of(CheckRequest request) throws ScratchException {
        Map<String, Member> byPlatform = new LinkedHashMap<>();
        for (Path executable : request.executables()) {
            Platform platform = platform(executable);
            Member earlier = byPlatform.get(platform.toString());
            if (earlier != null) {
                throw InvalidInputException.of(SEVERAL, "has two executables for " + platform + ": "
                                + earlier.executable() + " and " + executable + ", and an index holds one image per"
                                + " platform",
                        "keep one of them, or build the other for another platform");
            }
            Path sysroot = request.sysroots().getOrDefault(platform.architecture(), request.sysroot());
            byPlatform.put(platform.toString(), new Member(executable, platform, request.forOne(executable, sysroot)));
        }
        List<Member> members = new ArrayList<>(byPlatform.values());
        requireOneFileName(members, request.appRoot());
        requireKnownArchitectures(members, request.sysroots());
        return members;
    }

    private static void requireOneFileName(List<Member> members, String appRoot) throws InvalidInputException {
        Member first = members.get(0);
        String name = first.executable().getFileName().toString();
        for (Member member : members) {
            String other = member.executable().getFileName().toString();
            if (!other.equals(name)) {
                Path parent = first.executable().toAbsolutePath().getParent();
                Path base = parent.getParent() != null ? parent.getParent() : parent;
                throw InvalidInputException.of(SEVERAL, "names " + first.executable() + " (" + first.platform()
                                + ") and " + member.executable() + " (" + member.platform() + "), whose file names"
                                + " differ, but each image runs the one <container> entrypoint, so the executable"
                                + " has one path in every image, " + appRoot + "/<file name>",
                        "give them one file name, each in a directory of its own, such as "
                                + base.resolve(first.platform().architecture()).resolve(name) + " and "
                                + base.resolve(member.platform().architecture()).resolve(name));
            }
        }
    }

    private static void requireKnownArchitectures(List<Member> members, Map<String, Path> sysroots)
            throws InvalidInputException {
        TreeSet<String> architectures = new TreeSet<>();
        members.forEach(member -> architectures.add(member.platform().architecture()));
        for (String key : new TreeSet<>(sysroots.keySet())) {
            if (!architectures.contains(key)) {
                throw InvalidInputException.of("<sysroots> entry <" + key + ">", "names an architecture no"
                                + " executable in " + SEVERAL + " is built for (they are " + String.join(", ",
                                architectures) + ")",
                        "key each entry by an executable's architecture as its platform spells it, such as"
                                + " <arm64>/usr/aarch64-linux-gnu</arm64>, or remove it");
            }
        }
    }

    /** The platform the ELF header names; the check reads the file again, whole, later. */
    private static Platform platform(Path executable) throws ScratchException {
        if (!Files.isRegularFile(executable)) {
            throw InvalidInputException.of(SEVERAL + " entry " + executable, Files.isDirectory(executable)
                            ? "is a directory, not a file" : "does not exist",
                    "build it before the package phase ends, or correct the entry");
        }
        try {
            return Analyzer.analyze(ElfReader.read(executable)).platform();
        } catch (ElfFormatException | UnsupportedExecutableException e) {
            throw InvalidInputException.of(SEVERAL + " entry " + executable, "is not a native Linux program ("
                    + e.getMessage() + ")", "list native executables only");
        } catch (IOException e) {
            throw new EnvironmentException("Could not read the executable " + executable + ": " + e, e);
        }
    }
}
