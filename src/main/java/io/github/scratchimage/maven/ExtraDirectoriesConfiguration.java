package io.github.scratchimage.maven;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <extraDirectories>}, with jib-maven-plugin's names: {@code <paths>} of directories (each a
 * plain {@code <path>dir</path>} or {@code <path><from>…</from><into>…</into><includes>…</includes>
 * <excludes>…</excludes></path>}) and {@code <permissions>} ({@code <permission><file>/opt/run.sh
 * </file><mode>755</mode></permission>}, where {@code file} may be a glob).
 */
public class ExtraDirectoriesConfiguration {
    /** Unset: {@code src/main/scratch} when it exists. */
    List<ExtraDirectoryPath> paths;
    List<PermissionConfiguration> permissions = new ArrayList<>();

    /** One {@code <path>}. */
    public static class ExtraDirectoryPath {
        File from;
        /** Where in the image; default {@code /}. */
        String into = "/";
        /** Java globs relative to {@code from}, as a list or comma-separated. */
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();

        /** {@code <path>src/main/jib</path>}: Maven calls this for a value without child elements. */
        public void set(File from) {
            this.from = from;
        }
    }

    /** One {@code <permission>}: an absolute image path or glob, and an octal mode. */
    public static class PermissionConfiguration {
        String file;
        String mode;
    }
}
