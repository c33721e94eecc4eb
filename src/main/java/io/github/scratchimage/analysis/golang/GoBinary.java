package io.github.scratchimage.analysis.golang;

import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.elf.FileBytes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a Go executable says about itself without being run: the toolchain and modules it was
 * built from ({@code .go.buildinfo}, see {@link BuildInfo}) and the names of every function
 * compiled or inlined into it (the pclntab, see {@link PclnTable}). Both survive
 * {@code -ldflags=-s -w}; they are found by section name, and by their magic bytes in the loaded
 * segments when no section names them but the file is Go or has no section headers at all.
 *
 * <p>A table that is there but cannot be read (a Go 1.15 or older layout, bytes that contradict
 * themselves) is a line of {@link #notUnderstood()}: the rest of the file is still reported.
 * {@link #functionNamesRead()} says whether {@link #functions()} is the whole set or nothing is
 * known. Every length and offset is checked against the file, so any bytes give a result or
 * empty; only reading the file can fail.
 *
 * @param goVersion     the toolchain, {@code go1.19.8}
 * @param mainPackage   the import path of the main package ({@code command-line-arguments} for a
 *                      build of files rather than a package)
 * @param buildSettings {@code CGO_ENABLED}, {@code GOARCH}, {@code -ldflags}, ... in recorded order
 */
public record GoBinary(
        Optional<String> goVersion,
        Optional<String> mainPackage,
        Optional<GoModule> mainModule,
        List<GoModule> dependencies,
        Map<String, String> buildSettings,
        boolean functionNamesRead,
        Set<String> functions,
        List<String> notUnderstood) {

    public GoBinary {
        dependencies = List.copyOf(dependencies);
        buildSettings = Collections.unmodifiableMap(new LinkedHashMap<>(buildSettings));
        functions = Set.copyOf(functions);
        notUnderstood = List.copyOf(notUnderstood);
    }

    /** Empty when the file holds neither a pclntab nor build information: not a Go program. */
    public static Optional<GoBinary> read(Path file, ElfFile elf) throws IOException {
        return read(FileBytes.map(file), elf);
    }

    /** From the mapping the ELF model was read from, so the tables cost no second read. */
    public static Optional<GoBinary> read(FileBytes file, ElfFile elf) throws IOException {
        List<String> notes = new ArrayList<>();
        boolean go = false;
        Optional<Set<String>> functions = Optional.empty();
        Optional<BuildInfo> buildInfo = Optional.empty();
        // Searching the segments costs a read of the whole file. It is needed where no section
        // headers say what is where, or where one Go table has a section and the other does not
        // (an externally linked PIE); a file with sections but neither is not Go, and most
        // executables the plugin sees are exactly that.
        boolean noSections = elf.sections().isEmpty();
        boolean pclntabSection = PclnTable.SECTION_NAMES.stream().anyMatch(name -> elf.section(name).isPresent());
        boolean buildInfoSection = elf.section(BuildInfo.SECTION).isPresent();
        GoFile bytes = new GoFile(file, elf);
        try {
            functions = PclnTable.read(bytes, elf, noSections || buildInfoSection);
            go = functions.isPresent();
        } catch (NotUnderstood e) {
            go = true;
            notes.add(e.getMessage());
        }
        try {
            buildInfo = BuildInfo.read(bytes, elf, noSections || pclntabSection);
            go |= buildInfo.isPresent();
        } catch (NotUnderstood e) {
            go = true;
            notes.add(e.getMessage());
        }
        if (!go) {
            return Optional.empty();
        }
        if (functions.isEmpty() && notes.isEmpty()) {
            notes.add("no pclntab found: the functions, and so the run-time needs, of this program are unknown");
        }
        ModInfo modInfo = ModInfo.parse(buildInfo.map(BuildInfo::modInfo).orElse(""));
        notes.addAll(modInfo.notUnderstood());
        return Optional.of(new GoBinary(
                buildInfo.map(BuildInfo::goVersion),
                modInfo.mainPackage(),
                modInfo.mainModule(),
                modInfo.dependencies(),
                modInfo.buildSettings(),
                functions.isPresent(),
                functions.orElse(Set.of()),
                notes));
    }

    public Optional<String> buildSetting(String key) {
        return Optional.ofNullable(buildSettings.get(key));
    }
}
