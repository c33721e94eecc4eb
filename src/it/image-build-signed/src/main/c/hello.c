#include <stdio.h>
int main(void) { puts("hello from scratch"); return 0; }
