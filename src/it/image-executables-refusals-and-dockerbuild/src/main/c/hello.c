#include <stdio.h>

#if defined(__x86_64__)
#define ARCH "amd64"
#elif defined(__aarch64__)
#define ARCH "arm64"
#elif defined(__arm__)
#define ARCH "arm"
#else
#define ARCH "unknown"
#endif

int main(void) {
    printf("hello from %s\n", ARCH);
    return 0;
}
