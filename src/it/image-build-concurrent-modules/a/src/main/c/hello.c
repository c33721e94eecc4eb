#include <stdio.h>
int main(void) { puts("module a"); return 0; }
