package io.github.scratchimage.maven;

import io.github.scratchimage.analysis.Finding;
import io.github.scratchimage.image.CaCertificates;
import io.github.scratchimage.image.EssentialLayer;
import io.github.scratchimage.image.EssentialsException;
import io.github.scratchimage.image.Timezones;
import io.github.scratchimage.image.Tmp;
import io.github.scratchimage.image.Users;
import io.github.scratchimage.maven.EssentialChoice.Essential;
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
        return List.of(
                EssentialChoice.decide(Essential.CA_CERTIFICATES, s.caCertificates(), findings),
                EssentialChoice.decide(Essential.TIMEZONES, isZoneList(s.timezones()) ? "true" : s.timezones(),
                        findings),
                EssentialChoice.decide(Essential.USERS, s.users(), findings),
                EssentialChoice.decide(Essential.TMP, s.tmp(), findings));
    }

    static List<EssentialLayer> layers(Settings s, List<EssentialChoice> choices, Path sysroot, Path workDir,
            String imageUser) throws MojoExecutionException, MojoFailureException {
        List<EssentialLayer> layers = new ArrayList<>();
        try {
            for (EssentialChoice choice : choices) {
                if (!choice.included()) {
                    continue;
                }
                switch (choice.essential()) {
                    case CA_CERTIFICATES -> layers.add(CaCertificates.layer(sysroot,
                            s.extraCertificates().stream().map(File::toPath).toList(), workDir.resolve("ca")));
                    case TIMEZONES -> layers.add(Timezones.layer(sysroot, zones(s.timezones())));
                    case USERS -> {
                        Users.check(imageUser);
                        layers.add(Users.layer(workDir.resolve("users")));
                    }
                    case TMP -> layers.add(Tmp.layer());
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
