#include <gnu/libc-version.h>
#include <stdio.h>
/* The version comes from the libc.so.6 loaded at run time: the sysroot's, bundled into the image. */
int main(void) { printf("hello from arm64 glibc %s\n", gnu_get_libc_version()); return 0; }
