const char *greeting(void);
const char *farewell(void);
#include <stdio.h>
int main(void) { printf("%s, %s\n", greeting(), farewell()); return 0; }
