#include <dlfcn.h>
#include <locale.h>
#include <stdio.h>

/* Loads an optional plugin and honours the locale: no essential can provide either, so the
   author acknowledges both once checked. */
int main(int argc, char **argv) {
    setlocale(LC_ALL, "");
    void *plugin = argc > 1 ? dlopen(argv[1], RTLD_NOW) : NULL;
    printf("plugin %s\n", plugin ? "loaded" : "none");
    return 0;
}
