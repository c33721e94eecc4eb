#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* One probe per runtime essential, chosen by argv[1]; user and tmp exit 1 without theirs,
   time then prints UTC instead of CET. */
int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "";
    if (strcmp(what, "time") == 0) {
        time_t t = 1700000000; /* 2023-11-14 22:13:20 UTC */
        struct tm tm;
        char text[64];
        tzset();
        localtime_r(&t, &tm);
        strftime(text, sizeof text, "%Y-%m-%d %H:%M %Z", &tm);
        puts(text);
        return 0;
    }
    if (strcmp(what, "user") == 0) {
        struct passwd *p = getpwuid(getuid());
        if (!p) { puts("no user"); return 1; }
        puts(p->pw_name);
        return 0;
    }
    if (strcmp(what, "tmp") == 0) {
        char name[] = "/tmp/probeXXXXXX";
        int fd = mkstemp(name);
        if (fd < 0) { perror("mkstemp"); return 1; }
        if (write(fd, "x", 1) != 1) { perror("write"); return 1; }
        close(fd);
        unlink(name);
        puts("tmp ok");
        return 0;
    }
    fputs("usage: probe time|user|tmp\n", stderr);
    return 2;
}
