#include <pwd.h>
#include <stdio.h>
#include <unistd.h>

static int print_file(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); return 1; }
    int c;
    while ((c = getc(f)) != EOF) putchar(c);
    fclose(f);
    return 0;
}

/* Looks itself up in /etc/passwd (so the advisor asks for <users>) and prints two config files. */
int main(void) {
    struct passwd *pw = getpwuid(getuid());
    printf("user %s\n", pw ? pw->pw_name : "(unknown)");
    int failed = print_file("/etc/app/greeting.conf") | print_file("/opt/app/app/app.conf");
    return failed || !pw;
}
