package io.github.scratchimage.libraries;

import io.github.scratchimage.elf.DynamicSection;
import io.github.scratchimage.elf.DynamicSymbol;
import io.github.scratchimage.elf.ElfFile;
import io.github.scratchimage.paths.Sysroot;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An object in the closure, as ld.so's {@code link_map} sees it.
 *
 * @param imagePath  where it is in the image (the executable's requested image path for the program)
 * @param sysroot    the tree it was found in: the sysroot, or this machine's filesystem for
 *                   files found next to an executable that lives outside the sysroot
 * @param pathInRoot the path it was opened as inside {@code sysroot}; {@code $ORIGIN} is its directory
 * @param source     the regular file behind it on this machine, every symlink followed
 * @param elf        its headers
 * @param loader     the object whose {@code DT_NEEDED} loaded it ({@code l_loader}); null for the program
 */
record LoadedObject(String imagePath, Sysroot sysroot, String pathInRoot, Path source, ElfFile elf,
        LoadedObject loader) {

    Optional<DynamicSection> dynamic() {
        return elf.dynamic();
    }

    List<String> rpath() {
        return dynamic().map(DynamicSection::rpath).orElse(List.of());
    }

    List<String> runpath() {
        return dynamic().map(DynamicSection::runpath).orElse(List.of());
    }

    boolean hasRunpath() {
        return !runpath().isEmpty();
    }

    Optional<String> soname() {
        return dynamic().flatMap(DynamicSection::soname);
    }

    List<String> versionDefinitions() {
        return dynamic().map(DynamicSection::versionDefinitions).orElse(List.of());
    }

    boolean imports(String symbol) {
        return dynamic().map(DynamicSection::symbols).orElse(List.of()).stream()
                .anyMatch(s -> !s.defined() && s.name().equals(symbol));
    }

    boolean importsAny(List<String> symbols) {
        return dynamic().map(DynamicSection::symbols).orElse(List.of()).stream()
                .filter(s -> !s.defined()).map(DynamicSymbol::name).anyMatch(symbols::contains);
    }

    String fileName() {
        return imagePath.substring(imagePath.lastIndexOf('/') + 1);
    }
}
