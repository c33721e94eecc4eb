#include <stdio.h>

int main(void) {
    puts("Hello from a FROM scratch image!");
    return 0;
}
