#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

/* A TLS client as programs usually write one: OpenSSL's default trust paths (which honour
   SSL_CERT_FILE), the peer's chain and host name verified. Connects to 127.0.0.1:argv[1]. */
int main(int argc, char **argv) {
    if (argc < 2) { fputs("usage: tls-client PORT\n", stderr); return 2; }
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *) &address, sizeof address) != 0) { perror("connect"); return 2; }

    SSL_CTX *context = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_default_verify_paths(context);
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, NULL);
    SSL *ssl = SSL_new(context);
    SSL_set_fd(ssl, fd);
    SSL_set_tlsext_host_name(ssl, "localhost");
    SSL_set1_host(ssl, "localhost");
    if (SSL_connect(ssl) != 1) {
        printf("not verified: %s (%s)\n", X509_verify_cert_error_string(SSL_get_verify_result(ssl)),
               ERR_error_string(ERR_get_error(), NULL));
        return 1;
    }
    printf("verified %s\n", SSL_get_version(ssl));
    SSL_shutdown(ssl);
    close(fd);
    return 0;
}
