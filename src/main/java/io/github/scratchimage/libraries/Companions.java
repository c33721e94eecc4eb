package io.github.scratchimage.libraries;

import io.github.scratchimage.analysis.GlibcNss;
import io.github.scratchimage.analysis.GlibcVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Libraries glibc dlopens at run time, so no {@code DT_NEEDED} names them and lddtree misses
 * them: {@code libgcc_s.so.1} to unwind for thread cancellation, and the NSS modules plus an
 * {@code nsswitch.conf} for user, group, host and service lookups.
 */
final class Companions {
    static final String LIBGCC_S = "libgcc_s.so.1";
    static final String NSSWITCH_CONF = "/etc/nsswitch.conf";
    static final String NSSWITCH_CONTENT = "passwd: files\ngroup: files\nhosts: files dns\n";

    /** glibc unwinds through libgcc_s for these (pthread_cancel, pthread_exit, backtrace). */
    static final List<String> UNWINDING = List.of("pthread_cancel", "pthread_exit", "backtrace");

    /** One library to add, and the object whose imports asked for it. */
    record Companion(String name, LoadedObject needer) {
    }

    /** What the closure needs on top of DT_NEEDED. */
    record Plan(List<Companion> libraries, List<GeneratedFile> files) {
    }

    private Companions() {
    }

    static Plan plan(List<LoadedObject> closure, Optional<LoadedObject> libc) {
        List<Companion> libraries = new ArrayList<>();
        List<GeneratedFile> files = new ArrayList<>();
        Optional<LoadedObject> unwinder = closure.stream()
                .filter(o -> o.importsAny(UNWINDING) || o.fileName().startsWith("libstdc++.so"))
                .findFirst();
        unwinder.ifPresent(o -> libraries.add(new Companion(LIBGCC_S, o)));

        Optional<LoadedObject> hostLookup = closure.stream().filter(o -> o.importsAny(GlibcNss.HOST_LOOKUPS)).findFirst();
        Optional<LoadedObject> fileLookup = closure.stream().filter(o -> o.importsAny(GlibcNss.FILE_LOOKUPS)).findFirst();
        Optional<LoadedObject> anyLookup = hostLookup.or(() -> fileLookup);
        if (anyLookup.isPresent()) {
            files.add(new GeneratedFile(NSSWITCH_CONF, NSSWITCH_CONTENT, anyLookup.get().imagePath()
                    + " looks up users, groups or hosts through NSS, which reads " + NSSWITCH_CONF));
            // from glibc 2.34 the files and dns modules are inside libc; Debian 12 ships the .so.2 files as empty stubs
            boolean builtIn = libc.flatMap(l -> GlibcVersion.newest(l.versionDefinitions()))
                    .map(GlibcVersion::nssBuiltIn).orElse(false);
            if (!builtIn) {
                libraries.add(new Companion("libnss_files.so.2", anyLookup.get()));
                hostLookup.ifPresent(o -> libraries.add(new Companion("libnss_dns.so.2", o)));
            }
        }
        return new Plan(libraries, files);
    }
}
