package io.github.scratchimage.libraries;

import io.github.scratchimage.paths.ImagePaths;
import io.github.scratchimage.paths.Sysroot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * glibc's {@code _dl_map_object} order: {@code DT_RPATH} of the needer and then of each of its
 * loaders up to the program, unless the needer has {@code DT_RUNPATH} (and an object's RPATH is
 * ignored when it has a RUNPATH itself); {@code LD_LIBRARY_PATH}; the needer's own
 * {@code DT_RUNPATH}; the ld.so cache (here: the directories of {@code /etc/ld.so.conf}); the
 * default directories.
 */
final class GlibcSearchOrder implements SearchOrder {
    private final Sysroot sysroot;
    private final Architecture architecture;
    private final List<String> libraryPaths;
    private final LoadedObject program;
    private List<SearchDirectory> system;

    GlibcSearchOrder(Sysroot sysroot, Architecture architecture, List<String> libraryPaths, LoadedObject program) {
        this.sysroot = sysroot;
        this.architecture = architecture;
        this.libraryPaths = libraryPaths;
        this.program = program;
    }

    @Override
    public List<SearchDirectory> directories(LoadedObject needer) throws IOException {
        List<SearchDirectory> dirs = new ArrayList<>();
        if (!needer.hasRunpath()) {
            for (LoadedObject l = needer; l != null; l = l.loader()) {
                if (!l.hasRunpath()) {
                    RunPaths.addExpanded(dirs, l.rpath(), l, sysroot, architecture, FoundVia.RPATH);
                }
            }
        }
        RunPaths.addExpanded(dirs, libraryPaths, program, sysroot, architecture, FoundVia.LIBRARY_PATH);
        RunPaths.addExpanded(dirs, needer.runpath(), needer, sysroot, architecture, FoundVia.RUNPATH);
        dirs.addAll(systemDirectories());
        return dirs;
    }

    /** ld.so.conf, then the defaults; a configured directory that is also a default counts as default. */
    private List<SearchDirectory> systemDirectories() throws IOException {
        if (system == null) {
            List<String> defaults = architecture.glibcDefaultDirectories();
            List<SearchDirectory> dirs = new ArrayList<>();
            for (String dir : LdSoConf.directories(sysroot)) {
                FoundVia via = defaults.contains(ImagePaths.normalize(dir)) ? FoundVia.DEFAULT_DIRECTORY : FoundVia.LD_SO_CONF;
                dirs.add(SearchDirectory.inSysroot(sysroot, dir, via));
            }
            for (String dir : defaults) {
                dirs.add(SearchDirectory.inSysroot(sysroot, dir, FoundVia.DEFAULT_DIRECTORY));
            }
            system = List.copyOf(dirs);
        }
        return system;
    }

    @Override
    public boolean answeredByInterpreter(String name) {
        return false; // glibc's loader answers only to its soname, which the resolver registers
    }

    @Override
    public boolean checksVersions() {
        return true;
    }
}
