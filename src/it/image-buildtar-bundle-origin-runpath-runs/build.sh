#!/bin/sh
# The layout of an installed program that finds its own library without LD_LIBRARY_PATH:
# bin/hello with RUNPATH $ORIGIN/../lib, and lib/libgreet.so.
set -eu
mkdir -p target/dist/bin target/dist/lib
gcc -shared -fPIC -o target/dist/lib/libgreet.so src/main/c/greet.c
gcc -Os -o target/dist/bin/hello src/main/c/hello.c -Ltarget/dist/lib -lgreet \
    -Wl,--enable-new-dtags -Wl,-rpath,'$ORIGIN/../lib'
