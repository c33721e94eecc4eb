package io.github.scratchimage.analysis;

import java.util.Objects;

/**
 * Something an executable will look for at run time that a {@code FROM scratch} image does not
 * have unless the build adds it: found in its imports or in the strings of its read-only data.
 *
 * @param kind what is needed
 * @param what what was seen in the executable, as evidence ({@code "mentions /etc/ssl/certs"},
 *     {@code "imports getpwuid"})
 * @param whyItMattersInScratch what goes wrong in an empty filesystem
 * @param fixOption the plugin configuration that provides it, or what to do instead
 */
public record Finding(Kind kind, String what, String whyItMattersInScratch, String fixOption) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(whyItMattersInScratch, "whyItMattersInScratch");
        Objects.requireNonNull(fixOption, "fixOption");
    }

    /** A warning asks the user to act; the others only say what the container runtime provides. */
    public boolean warning() {
        return kind.warning;
    }

    /** What the executable needs from the image's filesystem (or, for a few, from the runtime). */
    public enum Kind {
        CA_CERTIFICATES(true),
        TIMEZONES(true),
        USERS(true),
        /** A static glibc executable that will try to dlopen libnss_* modules. */
        GLIBC_NSS(true),
        /** /etc/hosts and /etc/resolv.conf: container runtimes mount these, nothing to add. */
        NETWORK_FILES(false),
        DLOPEN(true),
        LOCALE(true),
        TMP(true);

        private final boolean warning;

        Kind(boolean warning) {
            this.warning = warning;
        }
    }
}
