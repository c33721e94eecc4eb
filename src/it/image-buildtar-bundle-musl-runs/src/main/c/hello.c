#include <stdio.h>
int main(void) { puts("hello from musl"); return 0; }
