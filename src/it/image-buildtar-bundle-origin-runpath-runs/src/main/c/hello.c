const char *greeting(void);
#include <stdio.h>
int main(void) { puts(greeting()); return 0; }
