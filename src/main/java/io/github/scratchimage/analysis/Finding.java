package io.github.scratchimage.analysis;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Something an executable will look for at run time that a {@code FROM scratch} image does not
 * have unless the build adds it: found in its imports, in the strings of its read-only data, or
 * (Go) in the names of the functions compiled into it. Whether the image meets it is decided
 * later, once the image's content is known ({@link SettledFinding}).
 *
 * @param kind what is needed
 * @param what what was seen in the executable, as evidence ({@code "mentions /etc/ssl/certs"},
 *     {@code "imports getpwuid"})
 * @param whyItMattersInScratch what goes wrong in an empty filesystem
 * @param fixOption the plugin configuration that meets it, first the one to try
 * @param source the file the evidence was found in (the executable's file name)
 * @param builtIn what in the executable itself meets the need (Go's embedded {@code time/tzdata}),
 *     when something does
 * @param directory the directory the image must have, for a finding about one
 *     ({@link Kind#CONFIGURED_DIRECTORY})
 */
public record Finding(Kind kind, String what, String whyItMattersInScratch, String fixOption, String source,
        Optional<String> builtIn, Optional<String> directory) {

    public Finding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(whyItMattersInScratch, "whyItMattersInScratch");
        Objects.requireNonNull(fixOption, "fixOption");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(builtIn, "builtIn");
        Objects.requireNonNull(directory, "directory");
    }

    public Finding(Kind kind, String what, String whyItMattersInScratch, String fixOption, String source,
            Optional<String> builtIn) {
        this(kind, what, whyItMattersInScratch, fixOption, source, builtIn, Optional.empty());
    }

    public Finding(Kind kind, String what, String whyItMattersInScratch, String fixOption, String source) {
        this(kind, what, whyItMattersInScratch, fixOption, source, Optional.empty());
    }

    /**
     * The evidence as a log line states it: the advisor's is about the executable ("the executable
     * imports getpwuid"), a configuration file's names itself ("src/main/scratch/etc/app.conf:3 names …").
     */
    public String evidence() {
        return directory.isPresent() ? what : "the executable " + what;
    }

    /** The kind as the POM and the reports spell it: {@code ca_certificates}, {@code dlopen}. */
    public String name() {
        return kind.pomName();
    }

    /** What the executable needs from the image's filesystem (or, for a few, from the runtime). */
    public enum Kind {
        CA_CERTIFICATES(false),
        TIMEZONES(false),
        USERS(false),
        /** glibc that will try to dlopen libnss_* modules. */
        GLIBC_NSS(true),
        /** /etc/hosts and /etc/resolv.conf: container runtimes mount these, nothing to add. */
        NETWORK_FILES(false),
        DLOPEN(true),
        LOCALE(true),
        TMP(false),
        /**
         * A directory the program's configuration names that the image lacks; acknowledged when the
         * runtime mounts it (a volume).
         */
        CONFIGURED_DIRECTORY(true),
        /**
         * Symlinks of the user's content that point at nothing in the finished image; only the user
         * knows whether the program opens them.
         */
        DANGLING_SYMLINKS(true);

        private final boolean acknowledgeable;

        Kind(boolean acknowledgeable) {
            this.acknowledgeable = acknowledgeable;
        }

        /**
         * No essential can meet it, so {@code <acknowledge>} may: what the program loads with
         * dlopen, or which locales it needs, only its author knows.
         */
        public boolean acknowledgeable() {
            return acknowledgeable;
        }

        public String pomName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
