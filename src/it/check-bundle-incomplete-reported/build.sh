#!/bin/sh
# hello is linked against libgreet v2 (defines GREET_2) and libgone; the directory the plugin
# searches gets libgreet v1 (GREET_1 only) and no libgone: one version mismatch, one missing library.
set -eu
mkdir -p target/build target/lib
gcc -shared -fPIC -Wl,-soname,libgreet.so -Wl,--version-script=src/main/c/greet-2.map \
    -o target/build/libgreet.so src/main/c/greet.c
gcc -shared -fPIC -o target/build/libgone.so src/main/c/gone.c
gcc -Os -o target/hello src/main/c/hello.c -Ltarget/build -lgreet -lgone
gcc -shared -fPIC -Wl,-soname,libgreet.so -Wl,--version-script=src/main/c/greet-1.map \
    -o target/lib/libgreet.so src/main/c/greet.c
