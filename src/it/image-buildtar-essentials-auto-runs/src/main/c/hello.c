#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Needs /etc/passwd (getpwuid) and a writable /tmp: the advisor should ask for both. */
int main(void) {
    struct passwd *pw = getpwuid(getuid());
    printf("user %s\n", pw ? pw->pw_name : "(unknown)");
    char path[] = "/tmp/scratch-XXXXXX";
    int fd = mkstemp(path);
    printf("tmp %s\n", fd >= 0 ? "writable" : "missing");
    return fd >= 0 && pw ? 0 : 1;
}
