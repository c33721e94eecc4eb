package io.github.scratchimage.image.essentials;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.paths.Sysroot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The time zone essential: TZif files from the sysroot's {@value #TARGET_DIR}, all of them or a
 * list, under the same names, so {@code TZ=Europe/Paris} works in glibc, musl and Go.
 *
 * <p>Symlinks ({@code UTC -> Etc/UTC}, about 365 of ~1200 names in tzdata 2025b) become files
 * under the alias name, which the layer stores as hard links to the first file with the same
 * content ({@link LayerTar}), so no zone's bytes are in the layer twice. Only TZif files are taken: {@code tzdata.zi},
 * {@code *.tab}, {@code leapseconds} are for zic and tools, {@code posixrules} is obsolete, and
 * {@code posix/} and {@code right/} are alternate trees (duplicate and leap-second variants).
 * {@code /etc/localtime} is not added, so the default zone stays UTC.
 */
public final class Timezones {
    public static final String TARGET_DIR = "/usr/share/zoneinfo";
    public static final String LAYER_NAME = "timezones";
    private static final byte[] TZIF_MAGIC = "TZif".getBytes(StandardCharsets.US_ASCII);
    private static final List<String> ALTERNATE_TREES = List.of("posix", "right");
    /** Not zones: localtime is the sysroot machine's own setting, posixrules a legacy default for zic. */
    private static final List<String> NOT_ZONES = List.of("localtime", "posixrules");

    private Timezones() {
    }

    /** Every zone of the sysroot when {@code zones} is empty, else exactly those (like {@code Europe/Paris}). */
    public static EssentialLayer layer(Path sysroot, List<String> zones) throws IOException, EssentialsException {
        TreeMap<String, Path> selected = zones.isEmpty() ? all(sysroot) : listed(sysroot, zones);
        if (selected.isEmpty()) {
            throw new EssentialsException(zoneinfo(sysroot), "holds no time zone files",
                    "install tzdata in the sysroot (apt-get install tzdata) or set <sysroot> to one that has it");
        }
        List<LayerFile> files = new ArrayList<>();
        selected.forEach((zone, source) -> files.add(new LayerFile(source, TARGET_DIR + "/" + zone, "644")));
        return new EssentialLayer(new LayerSpec(LAYER_NAME, files), java.util.Map.of(),
                selected.size() + " zones from " + zoneinfo(sysroot));
    }

    private static TreeMap<String, Path> all(Path sysroot) throws IOException, EssentialsException {
        Optional<Path> root = new Sysroot(sysroot).resolve(TARGET_DIR);
        if (root.isEmpty() || !Files.isDirectory(root.get())) {
            throw new EssentialsException(zoneinfo(sysroot), "does not exist",
                    "install tzdata in the sysroot (apt-get install tzdata) or set <sysroot> to one that has it");
        }
        TreeMap<String, Path> zones = new TreeMap<>();
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(root.get())) {
            candidates = walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList();
        }
        for (Path candidate : candidates) {
            String zone = root.get().relativize(candidate).toString().replace('\\', '/');
            if (ALTERNATE_TREES.contains(zone.split("/")[0]) || NOT_ZONES.contains(zone)) {
                continue;
            }
            // Links leaving the tree (localtime -> /etc/localtime) resolve to nothing or to a non-TZif file.
            new Sysroot(sysroot).resolve(TARGET_DIR + "/" + zone).filter(Timezones::isTzif)
                    .ifPresent(source -> zones.put(zone, source));
        }
        return zones;
    }

    private static TreeMap<String, Path> listed(Path sysroot, List<String> names) throws IOException, EssentialsException {
        TreeMap<String, Path> zones = new TreeMap<>();
        for (String zone : names) {
            if (zone.startsWith("/") || Arrays.asList(zone.split("/")).contains("..") || zone.isBlank()) {
                throw new EssentialsException(zone, "is not a time zone name",
                        "name zones as TZ does, relative to " + TARGET_DIR + ": Europe/Paris, UTC");
            }
            Optional<Path> source = new Sysroot(sysroot).resolve(TARGET_DIR + "/" + zone).filter(Timezones::isTzif);
            if (source.isEmpty()) {
                throw new EssentialsException(zone, "is not a time zone in " + zoneinfo(sysroot),
                        "check the spelling (Europe/Paris, America/New_York, UTC) or install tzdata in the sysroot");
            }
            zones.put(zone, source.get());
        }
        return zones;
    }

    /** For messages: {@code /usr/share/zoneinfo} under the sysroot, without the {@code //} of "/" + path. */
    private static String zoneinfo(Path sysroot) {
        return sysroot.resolve(TARGET_DIR.substring(1)).toString();
    }

    private static boolean isTzif(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(TZIF_MAGIC.length), TZIF_MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
