package io.github.scratchimage.image.essentials;

import io.github.scratchimage.analysis.ConfigurationPaths;
import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.failure.EnvironmentException;
import io.github.scratchimage.failure.InvalidInputException;
import io.github.scratchimage.failure.ScratchException;
import io.github.scratchimage.image.BuildListener;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.ReservedPaths;
import io.github.scratchimage.image.essentials.EssentialChoice.Essential;
import io.github.scratchimage.parameters.PropertyNames;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The runtime essentials a scratch image lacks ({@code <caCertificates>}, {@code <timezones>},
 * {@code <users>}, {@code <tmp>}): the decisions, and the layers for those that are on.
 */
public final class Essentials {
    /** A whole zoneinfo tree in an archive would otherwise fill the message. */
    private static final int MAX_NAMED = 3;
    private Essentials() {
    }

    /** Settings as the POM gives them; {@code timezones} may also be a comma-separated list of zones. */
    public record Settings(String caCertificates, List<File> extraCertificates, String timezones, String users, String tmp) {
    }

    /** Settings as the POM gives them, each value checked now, before anything is read or built. */
    public static Settings settings(String caCertificates, List<File> extraCertificates, String timezones,
            String users, String tmp) throws InvalidInputException {
        Settings settings = new Settings(caCertificates, extraCertificates, timezones, users, tmp);
        decide(settings, List.of());
        return settings;
    }

    public static List<EssentialChoice> decide(Settings s, List<Finding> findings) throws InvalidInputException {
        return List.of(
                EssentialChoice.decide(Essential.CA_CERTIFICATES, s.caCertificates(), findings),
                EssentialChoice.decide(Essential.TIMEZONES, isZoneList(s.timezones()) ? "true" : s.timezones(),
                        findings),
                EssentialChoice.decide(Essential.USERS, s.users(), findings),
                EssentialChoice.decide(Essential.TMP, s.tmp(), findings));
    }

    /**
     * A layer of the user's own files (a rootfs archive, the extra directories), named for
     * messages. {@code scanned}: its text files are the program's own configuration (the extra
     * directories, not a whole root filesystem), so a path in them is evidence of what it uses.
     */
    public record UserContent(LayerSpec layer, String description, boolean scanned) {
        public UserContent(LayerSpec layer, String description) {
            this(layer, description, false);
        }
    }

    /** The essentials' layers, and the choices as they ended: one that stepped aside is no longer included. */
    public record Outcome(List<EssentialLayer> layers, List<EssentialChoice> choices) {
    }

    /**
     * The layers of the essentials that are on. When the user's content brings an essential's
     * files, an {@code auto} essential steps aside (logged, and for users the image's user is
     * checked against the user's /etc/passwd) and a {@code true} one fails naming both.
     */
    public static Outcome layers(Settings s, List<EssentialChoice> choices, Path sysroot, Path workDir,
            String imageUser, List<UserContent> userContent, BuildListener log)
            throws ScratchException {
        List<EssentialLayer> layers = new ArrayList<>();
        List<EssentialChoice> ended = new ArrayList<>();
        Optional<Path> ownPasswd = lastFile(userContent, "/etc/passwd");
        try {
            for (EssentialChoice decided : choices) {
                // a user named in <container><user> is resolved through /etc/passwd at run time:
                // under auto, one the essential defines turns it on when nothing else provides the file
                EssentialChoice choice = decided.essential() == Essential.USERS && decided.auto() && !decided.included()
                        && ownPasswd.isEmpty() && Users.definesEveryName(imageUser)
                        ? decided.forImageUser(imageUser) : decided;
                if (choice.essential() == Essential.TMP && choice.auto() && !choice.included()) {
                    Optional<String> named = tmpNamedIn(userContent);
                    if (named.isPresent()) {
                        choice = choice.turnedOnBy(named.get());
                    }
                }
                if (!choice.included()) {
                    if (choice.essential() == Essential.USERS) {
                        checkWithoutTheEssential(choice, imageUser, userContent);
                    }
                    ended.add(choice);
                    continue;
                }
                EssentialLayer layer = switch (choice.essential()) {
                    case CA_CERTIFICATES -> CaCertificates.layer(sysroot,
                            s.extraCertificates().stream().map(File::toPath).toList(), workDir.resolve("ca"));
                    case TIMEZONES -> Timezones.layer(sysroot, zones(s.timezones()));
                    case USERS -> Users.layer(workDir.resolve("users"));
                    case TMP -> Tmp.layer();
                };
                Optional<String> provided = providedBy(layer.layer(), userContent);
                if (provided.isPresent()) {
                    stepAside(choice, s, provided.get(), imageUser, userContent, log);
                    ended.add(choice.steppedAside(provided.get()));
                    continue;
                }
                if (choice.essential() == Essential.USERS) {
                    Users.check(imageUser);
                }
                layers.add(layer);
                ended.add(choice);
            }
        } catch (IOException e) {
            throw new EnvironmentException("Could not prepare the runtime essentials: " + e.getMessage(), e);
        }
        return new Outcome(List.copyOf(layers), List.copyOf(ended));
    }

    /** Which of the user's content gives the essential's paths, as "rootfs archive x.tar has /etc/group, /etc/passwd". */
    private static Optional<String> providedBy(LayerSpec essential, List<UserContent> userContent) {
        ReservedPaths paths = ReservedPaths.of(essential);
        for (UserContent content : userContent) {
            List<ReservedPaths.LayerConflict> conflicts = paths.conflicts(List.of(content.layer()));
            if (!conflicts.isEmpty()) {
                // sorted: an archive's order is its directory's readdir order, which differs between machines
                List<String> named = conflicts.stream().sorted(Comparator.comparing(ReservedPaths.LayerConflict::path))
                        .limit(MAX_NAMED).map(c -> c.path()
                        + (c.path().equals(c.conflict().reserved()) ? "" : " (" + c.conflict().problem() + ")")).toList();
                return Optional.of(content.description() + " has " + String.join(", ", named)
                        + (conflicts.size() > MAX_NAMED ? " and " + (conflicts.size() - MAX_NAMED) + " more" : ""));
            }
        }
        return Optional.empty();
    }

    private static void stepAside(EssentialChoice choice, Settings s, String provided, String imageUser,
            List<UserContent> userContent, BuildListener log) throws InvalidInputException, IOException {
        String parameter = "<" + choice.parameter() + ">";
        boolean extraCertificates = choice.essential() == Essential.CA_CERTIFICATES
                && !s.extraCertificates().isEmpty();
        if (extraCertificates) {
            throw new InvalidInputException(provided + ", but <extraCertificates> go into the bundle " + parameter
                    + " writes there: remove the bundle from your content, or append your PEM files to it and drop"
                    + " <extraCertificates>");
        }
        if (!choice.auto()) {
            throw new InvalidInputException(provided + ", but " + parameter + " is true and adds it too: remove it"
                    + " from there, or set " + parameter + " to auto (yours is used) or false");
        }
        log.log(BuildListener.Level.LIFECYCLE, "Leaving out " + parameter + " (" + choice.reason() + "): " + provided
                + ", so the image uses that instead");
        if (choice.essential() == Essential.USERS) {
            Optional<Path> passwd = lastFile(userContent, "/etc/passwd");
            Optional<Path> group = lastFile(userContent, "/etc/group");
            Users.check(imageUser, passwd.isPresent() ? Files.readString(passwd.get()) : "",
                    group.isPresent() ? Optional.of(Files.readString(group.get())) : Optional.empty(),
                    passwd.isPresent() ? "the /etc/passwd your content provides" : "/etc/passwd: your content provides"
                            + " none, and <users> stepped aside");
        }
    }

    /**
     * {@code <users>} adds no accounts: a user or group given by name must be in the user's own
     * {@code /etc/passwd} (and {@code /etc/group}); numeric ids need no file.
     */
    private static void checkWithoutTheEssential(EssentialChoice choice, String imageUser,
            List<UserContent> userContent) throws InvalidInputException, IOException {
        Optional<Path> passwd = lastFile(userContent, "/etc/passwd");
        if (passwd.isPresent()) {
            Optional<Path> group = lastFile(userContent, "/etc/group");
            Users.check(imageUser, Files.readString(passwd.get()),
                    group.isPresent() ? Optional.of(Files.readString(group.get())) : Optional.empty(),
                    "the /etc/passwd your content provides");
            return;
        }
        Optional<String> name = Users.firstName(imageUser);
        if (name.isPresent()) {
            String parameter = "<" + choice.parameter() + "> (" + PropertyNames.USERS + ")";
            String fix = Users.definesEveryName(imageUser)
                    ? "set " + parameter + " to true or auto, which defines it, or give a numeric uid:gid"
                    : "add an /etc/passwd (and /etc/group) that defines " + name.get() + " through <extraDirectories> or"
                            + " <rootfsArchives>, give a numeric uid:gid such as 65532:65532, or use an account "
                            + parameter + " defines (root, nonroot, nobody)";
            throw new EssentialsException(imageUser, "<container><user> names " + name.get() + ", which only an"
                    + " /etc/passwd in the image can resolve, and the image has none (" + choice.reason() + ")", fix);
        }
    }

    /**
     * The first text file of the scanned content that names a path under /tmp (read as
     * {@link ConfigurationPaths} reads configuration: comments and URLs do not count), as
     * {@code "<extraDirectories> file /opt/app.conf names /tmp/cache"}.
     */
    private static Optional<String> tmpNamedIn(List<UserContent> userContent) throws IOException {
        for (UserContent content : userContent) {
            if (!content.scanned()) {
                continue;
            }
            for (LayerFile file : content.layer().files()) {
                if (file.directory() || file.symlink() || !Files.isRegularFile(file.source())) {
                    continue;
                }
                Optional<String> tmp = ConfigurationPaths.read(file.source()).stream().map(ConfigurationPaths.NamedPath::path)
                        .filter(p -> p.equals(Tmp.TARGET) || p.startsWith(Tmp.TARGET + "/")).findFirst();
                if (tmp.isPresent()) {
                    return Optional.of(content.description() + " file " + file.target() + " names " + tmp.get());
                }
            }
        }
        return Optional.empty();
    }

    /** The file the image ends up with at {@code target}: the topmost layer's. */
    private static Optional<Path> lastFile(List<UserContent> userContent, String target) {
        Optional<Path> found = Optional.empty();
        for (UserContent content : userContent) {
            for (LayerFile file : content.layer().files()) {
                if (file.target().equals(target) && !file.directory()) {
                    found = Optional.ofNullable(file.source()); // a link to nothing the build can read
                }
            }
        }
        return found;
    }

    private static boolean isZoneList(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        return !v.isEmpty() && !v.equals("auto") && !v.equals("true") && !v.equals("false");
    }

    private static List<String> zones(String value) {
        if (!isZoneList(value)) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(z -> !z.isEmpty()).toList();
    }
}
