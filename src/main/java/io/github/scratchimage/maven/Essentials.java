package io.github.scratchimage.maven;

import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.analysis.Finding.Kind;
import io.github.scratchimage.image.CaCertificates;
import io.github.scratchimage.image.EssentialLayer;
import io.github.scratchimage.image.EssentialsException;
import io.github.scratchimage.image.Timezones;
import io.github.scratchimage.image.Tmp;
import io.github.scratchimage.image.Users;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The runtime essentials a scratch image lacks ({@code <caCertificates>}, {@code <timezones>},
 * {@code <users>}, {@code <tmp>}): the decisions, and the layers for those that are on.
 */
final class Essentials {
    private Essentials() {
    }

    /** Settings as the POM gives them; {@code timezones} may also be a comma-separated list of zones. */
    record Settings(String caCertificates, List<File> extraCertificates, String timezones, String users, String tmp) {
    }

    static List<EssentialChoice> decide(Settings s, List<Finding> findings) throws MojoFailureException {
        List<EssentialChoice> choices = new ArrayList<>();
        choices.add(EssentialChoice.decide("caCertificates", s.caCertificates(), findings, List.of(Kind.CA_CERTIFICATES)));
        choices.add(EssentialChoice.decide("timezones", isZoneList(s.timezones()) ? "true" : s.timezones(), findings,
                List.of(Kind.TIMEZONES)));
        choices.add(EssentialChoice.decide("users", s.users(), findings, List.of(Kind.USERS, Kind.GLIBC_NSS)));
        choices.add(EssentialChoice.decide("tmp", s.tmp(), findings, List.of(Kind.TMP)));
        return choices;
    }

    static List<EssentialLayer> layers(Settings s, List<EssentialChoice> choices, Path sysroot, Path workDir,
            String imageUser) throws MojoExecutionException, MojoFailureException {
        List<EssentialLayer> layers = new ArrayList<>();
        try {
            for (EssentialChoice choice : choices) {
                if (!choice.included()) {
                    continue;
                }
                switch (choice.parameter()) {
                    case "caCertificates" -> layers.add(CaCertificates.layer(sysroot,
                            s.extraCertificates().stream().map(File::toPath).toList(), workDir.resolve("ca")));
                    case "timezones" -> layers.add(Timezones.layer(sysroot, zones(s.timezones())));
                    case "users" -> {
                        Users.check(imageUser);
                        layers.add(Users.layer(workDir.resolve("users")));
                    }
                    case "tmp" -> layers.add(Tmp.layer());
                    default -> throw new IllegalStateException(choice.parameter());
                }
            }
        } catch (EssentialsException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not prepare the runtime essentials: " + e.getMessage(), e);
        }
        return layers;
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
