package io.github.scratchimage.libraries;

import io.github.scratchimage.paths.ImagePaths;
import io.github.scratchimage.paths.Sysroot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * musl's {@code load_library} order: {@code LD_LIBRARY_PATH}; the run path of the needer and of
 * each of its loaders (DT_RUNPATH if there is one, else DT_RPATH: musl treats them alike);
 * {@code /etc/ld-musl-<arch>.path}, or {@code /lib:/usr/local/lib:/usr/lib} without it.
 */
final class MuslSearchOrder implements SearchOrder {
    /** Names musl's loader keeps for itself ({@code lib<name>.}...): it is libc, libm, libpthread... */
    private static final List<String> RESERVED = List.of("c.", "pthread.", "rt.", "m.", "dl.", "util.", "xnet.");

    private final Sysroot sysroot;
    private final Architecture architecture;
    private final List<String> libraryPaths;
    private final LoadedObject program;
    private final String arch;
    private List<SearchDirectory> system;

    MuslSearchOrder(Sysroot sysroot, Architecture architecture, List<String> libraryPaths, LoadedObject program,
            String arch) {
        this.sysroot = sysroot;
        this.architecture = architecture;
        this.libraryPaths = libraryPaths;
        this.program = program;
        this.arch = arch;
    }

    @Override
    public List<SearchDirectory> directories(LoadedObject needer) throws IOException {
        List<SearchDirectory> dirs = new ArrayList<>();
        RunPaths.addExpanded(dirs, libraryPaths, program, sysroot, architecture, FoundVia.LIBRARY_PATH);
        for (LoadedObject l = needer; l != null; l = l.loader()) {
            RunPaths.addExpanded(dirs, l.hasRunpath() ? l.runpath() : l.rpath(), l, sysroot, architecture,
                    l.hasRunpath() ? FoundVia.RUNPATH : FoundVia.RPATH);
        }
        dirs.addAll(systemDirectories());
        return dirs;
    }

    private List<SearchDirectory> systemDirectories() throws IOException {
        if (system == null) {
            List<SearchDirectory> dirs = new ArrayList<>();
            for (String dir : MuslPathFile.directories(sysroot, arch).orElse(MuslPathFile.BUILT_IN)) {
                FoundVia via = MuslPathFile.BUILT_IN.contains(ImagePaths.normalize(dir))
                        ? FoundVia.DEFAULT_DIRECTORY : FoundVia.MUSL_PATH_FILE;
                dirs.add(SearchDirectory.inSysroot(sysroot, dir, via));
            }
            system = List.copyOf(dirs);
        }
        return system;
    }

    @Override
    public boolean answeredByInterpreter(String name) {
        return name.startsWith("lib") && RESERVED.stream().anyMatch(r -> name.startsWith(r, 3));
    }

    @Override
    public boolean checksVersions() {
        return false;
    }
}
