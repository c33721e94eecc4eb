#include <stdio.h>

/* 1 GiB of read-only data: the executable is over 1 GiB, its gzip about 1 MB. */
static const volatile unsigned char blob[1024 * 1024 * 1024] = {1};

int main(void) {
    /* volatile: the compiler may not fold the reads, so the array stays in the executable. */
    printf("big hello %d%d\n", blob[0], blob[sizeof blob - 1]);
    return 0;
}
