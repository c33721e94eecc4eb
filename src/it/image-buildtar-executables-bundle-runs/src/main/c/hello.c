#include <gnu/libc-version.h>
#include <stdio.h>

#if defined(__x86_64__)
#define ARCH "amd64"
#elif defined(__aarch64__)
#define ARCH "arm64"
#else
#define ARCH "unknown"
#endif

/* The version comes from the libc.so.6 loaded at run time: each platform's own, bundled into its image. */
int main(void) { printf("hello from %s glibc %s\n", ARCH, gnu_get_libc_version()); return 0; }
