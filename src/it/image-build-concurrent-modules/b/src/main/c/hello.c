#include <stdio.h>
int main(void) { puts("module b"); return 0; }
