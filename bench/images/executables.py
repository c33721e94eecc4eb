"""Static executables of a chosen size whose bytes compress like real programs.

Random bytes would not compress and zeros would compress to nothing; both would make gzip time
and image size meaningless. So the executable is a static C program whose read-only data is
gcc's own compiler binaries (cc1, cc1plus, lto1: real x86-64 code and data), cut to length.
Compiling 60 MB of generated C would take gcc over twenty minutes on two cores; this takes a second.
Each variant differs in one fixed-width string, so every variant has the same size, a different
digest, and is a valid program that runs.
"""
import os
import subprocess
from pathlib import Path

import shell

MAIN_C = r"""
#include <stdio.h>
extern const unsigned char bench_padding[], bench_padding_end[];
static const char variant[] = VARIANT;
int main(void) {
    printf("bench-app %s, %lu bytes of padding\n", variant,
           (unsigned long)(bench_padding_end - bench_padding));
    return 0;
}
"""

PADDING_S = """
.section .rodata.bench_padding,"a"
.globl bench_padding, bench_padding_end
bench_padding:
.incbin "padding.bin"
bench_padding_end:
.section .note.GNU-stack,"",@progbits
"""

VARIANT_WIDTH = 16


def padding_sources():
    sources = []
    for program in ("cc1", "cc1plus", "lto1"):
        path = Path(shell.output(["gcc", f"-print-prog-name={program}"]).strip())
        if path.is_absolute() and path.is_file():
            sources.append(path)
    if not sources:
        raise SystemExit("gcc -print-prog-name=cc1 names no file: apt-get install gcc")
    return sources


class Executables:
    """Variants of one size under directory; the first call measures and fixes the padding."""

    def __init__(self, directory: Path, size: int):
        self.directory = directory
        self.size = size
        self.directory.mkdir(parents=True, exist_ok=True)
        (directory / "main.c").write_text(MAIN_C)
        (directory / "padding.S").write_text(PADDING_S)
        self.actual_size = None
        self._fit_padding()

    def variant(self, tag: str) -> Path:
        """A new executable of this size, different from every variant with another tag."""
        label = tag[:VARIANT_WIDTH].ljust(VARIANT_WIDTH, "-")
        target = self.directory / f"bench-app-{label}"
        shell.run(["gcc", "-static", "-O2", f'-DVARIANT="{label}"', "-o", target,
                   "main.c", "padding.o"], self.directory / "gcc.log", cwd=self.directory)
        size = target.stat().st_size
        if self.actual_size is not None and size != self.actual_size:
            raise RuntimeError(f"{target} is {size} bytes, other variants {self.actual_size}")
        self.actual_size = size
        return target

    def _fit_padding(self):
        # The C part, libc and section alignment add a size known only after linking: link with
        # no padding, then with the difference, and correct once for alignment.
        self._assemble(0)
        base = self.variant("probe").stat().st_size
        padding = max(0, self.size - base)
        self._assemble(padding)
        self.actual_size = None
        linked = self.variant("probe").stat().st_size
        if linked != self.size and padding > 0:
            self._assemble(max(0, padding - (linked - self.size)))
            self.actual_size = None
            self.variant("probe")
        probe = self.directory / ("bench-app-" + "probe".ljust(VARIANT_WIDTH, "-"))
        said = subprocess.run([str(probe)], capture_output=True, text=True, check=True).stdout
        if not said.startswith("bench-app probe"):
            raise RuntimeError(f"{probe} printed {said!r}")
        probe.unlink()

    def _assemble(self, length: int):
        with open(self.directory / "padding.bin", "wb") as out:
            remaining = length
            while remaining > 0:
                for source in padding_sources():
                    with open(source, "rb") as data:
                        while remaining > 0:
                            chunk = data.read(min(remaining, 1 << 20))
                            if not chunk:
                                break
                            out.write(chunk)
                            remaining -= len(chunk)
                    if remaining == 0:
                        break
        shell.run(["gcc", "-c", "-o", "padding.o", "padding.S"], self.directory / "gcc.log",
                  cwd=self.directory)
        os.unlink(self.directory / "padding.bin")
