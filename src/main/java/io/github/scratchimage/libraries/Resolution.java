package io.github.scratchimage.libraries;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.ElfFormatException;
import io.github.scratchimage.elf.ElfHeader;
import io.github.scratchimage.elf.ElfReader;
import io.github.scratchimage.elf.VersionNeed;
import io.github.scratchimage.paths.ImagePaths;
import io.github.scratchimage.paths.Sysroot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The state of one {@link LibraryResolver#resolve} call: what is loaded, under which names, what failed. */
final class Resolution {
    /** The needer of extra libraries, which no object of the closure names. */
    static final String EXTRA_LIBRARIES = "extraLibraries";

    private final ResolveRequest request;
    private final Sysroot sysroot;
    private final ElfHeader programHeader;
    private final LoadedObject program;
    private final SearchOrder order;
    private final Optional<String> interpreterPath;
    private final boolean glibc;

    private final Map<String, Entry> files = new LinkedHashMap<>();
    /** Every name an object answers to (as needed, its path, its soname), as ld.so's name match. */
    private final Map<String, LoadedObject> byName = new HashMap<>();
    private final List<LoadedObject> loaded = new ArrayList<>();
    private final Deque<LoadedObject> queue = new ArrayDeque<>();
    private final Map<Path, ElfFile> elfCache = new HashMap<>();
    private final Map<String, UnresolvedLibrary> unresolved = new LinkedHashMap<>();
    private final List<VersionMismatch> mismatches = new ArrayList<>();
    private final List<SkippedCandidate> skipped = new ArrayList<>();
    private final List<GeneratedFile> generated = new ArrayList<>();
    /** The user's files whose image path the sysroot also has, with other bytes: the sysroot's file. */
    private final Map<String, Path> conflictingSysrootFiles = new LinkedHashMap<>();
    private LoadedObject interpreter;

    /**
     * A file of the result while it is being built: its needs grow. {@code inImage}: the user's
     * content already holds it, so it is mapped but not bundled.
     */
    private record Entry(LoadedObject object, Path source, long size, FoundVia via, List<Need> needs,
            boolean inImage) {
    }

    Resolution(ResolveRequest request, ElfFile programElf) {
        this.request = request;
        this.sysroot = new Sysroot(request.sysroot());
        this.programHeader = programElf.header();
        this.program = new LoadedObject(request.executableImagePath(), Sysroot.host(),
                request.executable().toAbsolutePath().normalize().toString(), request.executable(), programElf, null);
        this.interpreterPath = programElf.interpreter();
        Architecture architecture = Architecture.of(programHeader);
        List<String> libraryPaths = request.libraryPaths().stream().flatMap(p -> List.of(p.split(":")).stream())
                .filter(p -> !p.isEmpty()).toList();
        Optional<String> muslArch = interpreterPath.flatMap(MuslPathFile::archOf);
        this.glibc = muslArch.isEmpty();
        this.order = muslArch.isPresent()
                ? new MuslSearchOrder(sysroot, architecture, libraryPaths, program, muslArch.get())
                : new GlibcSearchOrder(sysroot, architecture, libraryPaths, program);
    }

    LibraryTree run() throws IOException {
        loaded.add(program);
        if (interpreterPath.isPresent()) {
            loadInterpreter(interpreterPath.get());
        }
        queue.add(program);
        drainQueue();
        for (String extra : request.extraLibraries()) {
            List<String> files = ExtraLibraries.expand(sysroot, extra);
            if (files.isEmpty()) {
                addUnresolved(extra, EXTRA_LIBRARIES, List.of(ImagePaths.parent(extra)));
            }
            for (String file : files) {
                require(file, program, new Need(EXTRA_LIBRARIES, Reason.EXTRA));
            }
        }
        drainQueue();
        loadImageFiles();
        if (glibc && interpreterPath.isPresent()) { // musl dlopens nothing behind the program's back
            Companions.Plan plan = Companions.plan(loaded, Optional.ofNullable(byName.get("libc.so.6")));
            for (Companions.Companion companion : plan.libraries()) {
                require(companion.name(), companion.needer(), new Need(companion.needer().imagePath(), Reason.COMPANION));
            }
            generated.addAll(plan.files());
            drainQueue();
        }
        if (order.checksVersions()) {
            checkVersions();
        }
        return new LibraryTree(request.executable().toString(), bundledFiles(false), generated,
                List.copyOf(unresolved.values()), mismatches, skipped, bundledFiles(true), conflicts());
    }

    /** Only files the loader maps conflict: each with who needs it, which says who asked for the sysroot's. */
    private List<LibraryTree.ContentConflict> conflicts() {
        List<LibraryTree.ContentConflict> conflicts = new ArrayList<>();
        conflictingSysrootFiles.forEach((imagePath, inSysroot) -> {
            Entry entry = files.get(imagePath);
            if (entry != null) {
                conflicts.add(new LibraryTree.ContentConflict(imagePath, entry.source(), inSysroot, entry.needs()));
            }
        });
        return conflicts;
    }

    /**
     * Every ELF object of the user's content is mapped by someone at run time (an interpreter's
     * extension module, a helper program): its needs are resolved as the program's are, and its
     * {@code PT_INTERP} must be in the image too.
     */
    private void loadImageFiles() throws IOException {
        for (Map.Entry<String, Path> file : new TreeMap<>(request.imageFiles()).entrySet()) {
            if (files.containsKey(file.getKey()) || !ExtraLibraries.isElf(file.getValue())) {
                continue;
            }
            ElfFile elf;
            try {
                elf = read(file.getValue());
            } catch (ElfFormatException e) {
                continue; // ELF magic but no loadable object (a core dump, a truncated file): nothing maps it
            }
            if (elf.dynamic().isEmpty() || ElfCompatibility.mismatch(programHeader, elf.header()).isPresent()) {
                continue; // static, or for another machine: this program's loader never maps it
            }
            LoadedObject object = new LoadedObject(file.getKey(), sysroot, file.getKey(), file.getValue(), elf, null);
            files.put(file.getKey(), new Entry(object, file.getValue(), Files.size(file.getValue()), FoundVia.PATH,
                    new ArrayList<>(), true));
            loaded.add(object);
            object.soname().ifPresent(soname -> byName.putIfAbsent(soname, object));
            Optional<String> ownInterpreter = elf.interpreter();
            if (ownInterpreter.isPresent()) {
                require(ownInterpreter.get(), object, new Need(object.imagePath(), Reason.INTERPRETER));
            }
            queue.add(object);
        }
        drainQueue();
    }

    private void drainQueue() throws IOException {
        while (!queue.isEmpty()) {
            LoadedObject object = queue.removeFirst();
            for (String name : object.elf().needed()) {
                require(name, object, new Need(object.imagePath(), Reason.NEEDED));
            }
        }
    }

    private void loadInterpreter(String path) throws IOException {
        Need need = new Need(program.imagePath(), Reason.INTERPRETER);
        SearchDirectory directory = SearchDirectory.inSysroot(sysroot, ImagePaths.parent(path), FoundVia.PATH);
        Optional<LoadedObject> found = tryCandidate(path, directory, path.substring(path.lastIndexOf('/') + 1), program);
        if (found.isEmpty()) {
            addUnresolved(path, need.needer(), List.of(directory.directory()));
            return;
        }
        interpreter = found.get();
        accept(path, interpreter, FoundVia.PATH, need);
    }

    /** Makes {@code name} available to {@code needer}, as ld.so's {@code _dl_map_object} does. */
    private void require(String name, LoadedObject needer, Need need) throws IOException {
        LoadedObject known = byName.get(name);
        if (known != null) {
            addNeed(known, need);
            return;
        }
        if (interpreter != null && order.answeredByInterpreter(name)) {
            byName.put(name, interpreter);
            addNeed(interpreter, need);
            return;
        }
        if (name.contains("/")) {
            requirePath(name, needer, need);
            return;
        }
        List<String> searched = new ArrayList<>();
        for (SearchDirectory directory : order.directories(needer)) {
            if (searched.contains(directory.directory())) {
                continue; // ld.so tries each directory once per lookup
            }
            searched.add(directory.directory());
            Optional<LoadedObject> found = tryCandidate(ImagePaths.child(directory.directory(), name), directory, name, needer);
            if (found.isPresent()) {
                accept(name, found.get(), directory.via(), need);
                return;
            }
        }
        addUnresolved(name, need.needer(), searched);
    }

    /** A name with a slash is opened as a path ({@code $ORIGIN} expanded), no search. */
    private void requirePath(String name, LoadedObject needer, Need need) throws IOException {
        List<SearchDirectory> directories = new ArrayList<>();
        String last = name.substring(name.lastIndexOf('/') + 1);
        RunPaths.addExpanded(directories, List.of(ImagePaths.parent(name)), needer, sysroot,
                Architecture.of(programHeader), FoundVia.PATH);
        if (!directories.isEmpty()) {
            SearchDirectory directory = directories.get(0);
            Optional<LoadedObject> found = tryCandidate(ImagePaths.child(directory.directory(), last), directory, name, needer);
            if (found.isPresent()) {
                accept(name, found.get(), FoundVia.PATH, need);
                return;
            }
        }
        addUnresolved(name, need.needer(), directories.stream().map(SearchDirectory::directory).toList());
    }

    /** The object at {@code path}, or empty after recording why ld.so would pass over it. */
    private Optional<LoadedObject> tryCandidate(String path, SearchDirectory directory, String name, LoadedObject needer)
            throws IOException {
        String inImage = ImagePaths.normalize(ImagePaths.child(directory.imageDirectory(), path.substring(path.lastIndexOf('/') + 1)));
        Path userFile = request.imageFiles().get(inImage);
        if (userFile != null) {
            return imageFile(inImage, userFile, path, directory, name, needer);
        }
        Sysroot.Lookup lookup = directory.sysroot().lookup(path);
        if (lookup instanceof Sysroot.Lookup.Missing) {
            return Optional.empty();
        }
        if (lookup instanceof Sysroot.Lookup.Loop) {
            skip(name, path, "too many levels of symbolic links (more than " + Sysroot.MAX_SYMLINKS + "): a symlink loop");
            return Optional.empty();
        }
        if (lookup instanceof Sysroot.Lookup.NotAFile notAFile) {
            skip(name, path, "not a regular file (" + notAFile.real() + ")");
            return Optional.empty();
        }
        Sysroot.Lookup.Found found = (Sysroot.Lookup.Found) lookup;
        ElfFile elf;
        try {
            elf = read(found.host());
        } catch (ElfFormatException e) {
            skip(name, path, "not a loadable ELF file: " + e.getMessage());
            return Optional.empty();
        }
        Optional<String> mismatch = ElfCompatibility.mismatch(programHeader, elf.header());
        if (mismatch.isPresent()) {
            skip(name, path, mismatch.get());
            return Optional.empty();
        }
        String imagePath = ImagePaths.normalize(ImagePaths.child(directory.imageDirectory(), path.substring(path.lastIndexOf('/') + 1)));
        Entry existing = files.get(imagePath);
        if (existing != null) {
            return Optional.of(existing.object()); // the same path reached under another name
        }
        return Optional.of(new LoadedObject(imagePath, directory.sysroot(), path, found.host(), elf, needer));
    }

    /**
     * The user's file at {@code imagePath}, which the image's loader finds before anything the
     * sysroot has there; a sysroot file with other bytes at the same path is a conflict (the user
     * may not have meant to replace it).
     */
    private Optional<LoadedObject> imageFile(String imagePath, Path userFile, String path, SearchDirectory directory,
            String name, LoadedObject needer) throws IOException {
        Entry existing = files.get(imagePath);
        if (existing != null) {
            return Optional.of(existing.object());
        }
        ElfFile elf;
        try {
            elf = read(userFile);
        } catch (ElfFormatException e) {
            skip(name, imagePath, "the image's own file is not a loadable ELF file: " + e.getMessage());
            return Optional.empty();
        }
        Optional<String> mismatch = ElfCompatibility.mismatch(programHeader, elf.header());
        if (mismatch.isPresent()) {
            skip(name, imagePath, "the image's own file: " + mismatch.get());
            return Optional.empty();
        }
        if (directory.sysroot().lookup(path) instanceof Sysroot.Lookup.Found found
                && Files.mismatch(found.host(), userFile) != -1) {
            conflictingSysrootFiles.put(imagePath, found.host());
        }
        return Optional.of(new LoadedObject(imagePath, sysroot, imagePath, userFile, elf, needer));
    }

    private ElfFile read(Path host) throws IOException, ElfFormatException {
        ElfFile cached = elfCache.get(host);
        if (cached == null) {
            cached = ElfReader.read(host);
            elfCache.put(host, cached);
        }
        return cached;
    }

    private void accept(String name, LoadedObject object, FoundVia via, Need need) throws IOException {
        byName.put(name, object);
        object.soname().ifPresent(soname -> byName.putIfAbsent(soname, object));
        Entry existing = files.get(object.imagePath());
        if (existing != null) {
            existing.needs().add(need);
            return;
        }
        Path source = object.source();
        List<Need> needs = new ArrayList<>();
        needs.add(need);
        files.put(object.imagePath(), new Entry(object, source, Files.size(source), via, needs,
                request.imageFiles().containsKey(object.imagePath())));
        loaded.add(object);
        queue.add(object);
    }

    private void addNeed(LoadedObject object, Need need) {
        Entry entry = files.get(object.imagePath());
        if (entry != null && !entry.needs().contains(need)) {
            entry.needs().add(need);
        }
    }

    private void addUnresolved(String name, String neededBy, List<String> searched) {
        unresolved.merge(name, new UnresolvedLibrary(name, List.of(neededBy), searched), (old, add) -> {
            List<String> needers = new ArrayList<>(old.neededBy());
            if (!needers.contains(neededBy)) {
                needers.add(neededBy);
            }
            return new UnresolvedLibrary(name, needers, old.searched());
        });
    }

    private void skip(String name, String path, String reason) {
        SkippedCandidate candidate = new SkippedCandidate(name, path, reason);
        if (!skipped.contains(candidate)) {
            skipped.add(candidate);
        }
    }

    /** Every VERNEED of every object against the VERDEF of the library that answered to its file name. */
    private void checkVersions() {
        for (LoadedObject object : loaded) {
            List<VersionNeed> needs = object.dynamic().map(d -> d.versionNeeds()).orElse(List.of());
            for (VersionNeed need : needs) {
                LoadedObject library = byName.get(need.file());
                if (library == null) {
                    continue; // unresolved already, or not loaded: ld.so does not check what it did not load
                }
                for (String version : need.versions()) {
                    if (!library.versionDefinitions().contains(version)) {
                        mismatches.add(new VersionMismatch(object.imagePath(), library.imagePath(), version));
                    }
                }
            }
        }
    }

    /** The files to bundle, or ({@code inImage}) the user's that the loader maps. */
    private List<BundledFile> bundledFiles(boolean inImage) {
        return files.values().stream().filter(e -> e.inImage() == inImage)
                .map(e -> new BundledFile(e.object().imagePath(), e.source(), e.size(), e.via(), e.needs()))
                .toList();
    }
}
