package io.github.scratchimage.analysis;

import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A glibc release, as its symbol versions name it ({@code GLIBC_2.36}): libc.so.6 defines one
 * version per release up to its own, so the newest it defines is its release; an executable needs
 * the versions of the functions it links, so the newest it needs is the oldest glibc it runs on.
 */
public record GlibcVersion(int major, int minor) implements Comparable<GlibcVersion> {
    /** From glibc 2.34 the files and dns NSS sources are part of libc itself, not libnss_*.so.2 modules. */
    public static final GlibcVersion NSS_BUILT_IN = new GlibcVersion(2, 34);

    private static final Pattern NAME = Pattern.compile("GLIBC_(\\d{1,4})\\.(\\d{1,4})(?:\\.\\d{1,4})?");

    /** The newest {@code GLIBC_x.y} among {@code versionNames}; empty when there is none. */
    public static Optional<GlibcVersion> newest(Collection<String> versionNames) {
        Optional<GlibcVersion> newest = Optional.empty();
        for (String name : versionNames) {
            Matcher m = NAME.matcher(name);
            if (m.matches()) {
                GlibcVersion v = new GlibcVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                if (newest.isEmpty() || v.compareTo(newest.get()) > 0) {
                    newest = Optional.of(v);
                }
            }
        }
        return newest;
    }

    /** Whether lookups through files and dns work without any libnss_* module or nsswitch.conf. */
    public boolean nssBuiltIn() {
        return compareTo(NSS_BUILT_IN) >= 0;
    }

    @Override
    public int compareTo(GlibcVersion other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
