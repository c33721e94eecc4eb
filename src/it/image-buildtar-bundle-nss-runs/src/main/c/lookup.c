#include <arpa/inet.h>
#include <netdb.h>
#include <pwd.h>
#include <stdio.h>
#include <sys/socket.h>

/* Both lookups go through NSS: glibc reads /etc/nsswitch.conf, then /etc/passwd and /etc/hosts. */
int main(void) {
    struct passwd *pw = getpwuid(0);
    printf("uid 0 is %s\n", pw ? pw->pw_name : "(not found)");

    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM};
    struct addrinfo *result;
    int rc = getaddrinfo("localhost", NULL, &hints, &result);
    if (rc != 0) {
        printf("localhost: %s\n", gai_strerror(rc));
        return 1;
    }
    char address[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &((struct sockaddr_in *) result->ai_addr)->sin_addr, address, sizeof address);
    printf("localhost is %s\n", address);
    freeaddrinfo(result);
    return pw ? 0 : 1;
}
