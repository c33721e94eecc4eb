package io.github.scratchimage.testing;

import java.nio.file.Path;
import java.util.List;

/**
 * Static C programs that each need one runtime essential, and one that needs none. Each exits
 * non-zero (or prints something else) when its essential is missing, so a test that runs them in
 * an image without it proves the test could fail.
 */
public final class RuntimeProbes {
    /** Prints 1700000000 (2023-11-14 22:13:20 UTC) in local time; with TZ=Europe/Paris: "2023-11-14 23:13 CET". */
    public static final String LOCAL_TIME = """
            #include <stdio.h>
            #include <time.h>
            int main(void) {
              time_t t = 1700000000; struct tm tm; char text[64];
              tzset(); localtime_r(&t, &tm);
              strftime(text, sizeof text, "%Y-%m-%d %H:%M %Z", &tm);
              puts(text); return 0;
            }
            """;
    /** Prints the name of the current user; "no user" and exit 1 without /etc/passwd. */
    public static final String USER_NAME = """
            #include <stdio.h>
            #include <pwd.h>
            #include <unistd.h>
            int main(void) {
              struct passwd *p = getpwuid(getuid());
              if (!p) { puts("no user"); return 1; }
              puts(p->pw_name); return 0;
            }
            """;
    /** Creates, writes and removes a file in /tmp. */
    public static final String TEMP_FILE = """
            #include <stdio.h>
            #include <stdlib.h>
            #include <unistd.h>
            int main(void) {
              char name[] = "/tmp/probeXXXXXX";
              int fd = mkstemp(name);
              if (fd < 0) { perror("mkstemp"); return 1; }
              if (write(fd, "x", 1) != 1) { perror("write"); return 1; }
              close(fd); unlink(name); puts("tmp ok"); return 0;
            }
            """;
    /**
     * Verifies the PEM certificate in argv[1] against the default trust paths of OpenSSL
     * (statically linked), which honour SSL_CERT_FILE: the real check a TLS client makes, offline.
     */
    public static final String VERIFY_CERTIFICATE = """
            #include <stdio.h>
            #include <openssl/pem.h>
            #include <openssl/x509.h>
            #include <openssl/x509_vfy.h>
            int main(int argc, char **argv) {
              if (argc < 2) { puts("usage: verify PEM"); return 2; }
              X509_STORE *store = X509_STORE_new();
              X509_STORE_set_default_paths(store);
              BIO *bio = BIO_new_mem_buf(argv[1], -1);
              X509 *leaf = PEM_read_bio_X509(bio, NULL, NULL, NULL);
              if (!leaf) { puts("not a certificate"); return 2; }
              X509_STORE_CTX *ctx = X509_STORE_CTX_new();
              X509_STORE_CTX_init(ctx, store, leaf, NULL);
              if (X509_verify_cert(ctx) == 1) { puts("verified"); return 0; }
              printf("not verified: %s\\n", X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx)));
              return 1;
            }
            """;
    /** Needs nothing: no libc stdio, no lookups, one write(2). */
    public static final String WRITE_ONLY = """
            #include <unistd.h>
            int main(void) { write(1, "hi\\n", 3); return 0; }
            """;

    private RuntimeProbes() {
    }

    public static Path compile(Toolchain toolchain, String source) {
        return TestExecutables.compile(toolchain, source, List.of("-O2"));
    }

    public static Path verifyCertificate() {
        return TestExecutables.compile(Toolchain.GCC_STATIC, VERIFY_CERTIFICATE, List.of("-O2"),
                List.of("-lcrypto", "-lpthread", "-ldl"));
    }
}
