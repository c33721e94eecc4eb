package io.github.scratchimage.image.essentials;

import io.github.scratchimage.testing.TestExecutables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A private CA and a leaf certificate it signed, made with openssl: what a company adds to its images. */
public record CompanyCa(Path caPem, String leafPem) {
    static CompanyCa create(Path dir) throws IOException {
        Files.createDirectories(dir);
        String hint = "apt-get install openssl";
        TestExecutables.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
                "-subj", "/CN=Test Company Root CA", "-keyout", dir.resolve("ca.key").toString(),
                "-out", dir.resolve("ca.pem").toString()), hint);
        TestExecutables.run(List.of("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=service.test",
                "-keyout", dir.resolve("leaf.key").toString(), "-out", dir.resolve("leaf.csr").toString()), hint);
        TestExecutables.run(List.of("openssl", "x509", "-req", "-in", dir.resolve("leaf.csr").toString(),
                "-CA", dir.resolve("ca.pem").toString(), "-CAkey", dir.resolve("ca.key").toString(),
                "-CAcreateserial", "-days", "3650", "-out", dir.resolve("leaf.pem").toString()), hint);
        return new CompanyCa(dir.resolve("ca.pem"), Files.readString(dir.resolve("leaf.pem")));
    }
}
