package io.github.scratchimage.image.essentials;

import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.image.LayerSpec;
import io.github.scratchimage.image.layer.Sha256;
import io.github.scratchimage.paths.Sysroot;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The CA bundle essential: one PEM file at {@value #TARGET}, the path Debian, Alpine, Go and
 * OpenSSL-on-Debian read, plus {@code SSL_CERT_FILE} pointing at it for the TLS libraries that
 * look elsewhere by default (OpenSSL built with another OPENSSLDIR, Fedora-built binaries).
 */
public final class CaCertificates {
    public static final String TARGET = "/etc/ssl/certs/ca-certificates.crt";
    public static final String LAYER_NAME = "ca-certificates";
    /** Where distributions keep their bundle, most common first. */
    static final List<String> SYSROOT_BUNDLES = List.of(
            "/etc/ssl/certs/ca-certificates.crt",               // Debian, Ubuntu, Alpine, Arch
            "/etc/pki/tls/certs/ca-bundle.crt",                 // Fedora, RHEL
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // RHEL 7+
            "/etc/ssl/ca-bundle.pem",                           // openSUSE
            "/etc/ssl/cert.pem");                               // Alpine, BSDs

    private CaCertificates() {
    }

    /**
     * The sysroot's bundle, or when it has none the build JDK's default trust store as PEM, with
     * {@code extraPemFiles} appended in order (a company CA). Generated files go to {@code workDir}.
     */
    public static EssentialLayer layer(Path sysroot, List<Path> extraPemFiles, Path workDir)
            throws IOException, EssentialsException {
        StringBuilder bundle = new StringBuilder();
        String origin;
        Optional<Path> sysrootBundle = sysrootBundle(sysroot);
        if (sysrootBundle.isPresent()) {
            bundle.append(Files.readString(sysrootBundle.get(), StandardCharsets.US_ASCII));
            origin = sysrootBundle.get().toString();
        } else {
            List<X509Certificate> jdk = jdkTrustedCertificates();
            jdk.forEach(certificate -> bundle.append(pem(certificate)));
            origin = "the build JDK's default trust store (" + jdk.size() + " certificates; " + sysroot
                    + " has none of " + SYSROOT_BUNDLES + ")";
        }
        for (Path extra : extraPemFiles) {
            String text = Files.readString(extra, StandardCharsets.US_ASCII);
            requireCertificates(extra, text);
            if (bundle.length() > 0 && bundle.charAt(bundle.length() - 1) != '\n') {
                bundle.append('\n');
            }
            bundle.append(text.endsWith("\n") ? text : text + "\n");
            origin += " + " + extra;
        }
        Files.createDirectories(workDir);
        Path file = Files.writeString(workDir.resolve("ca-certificates.crt"), bundle, StandardCharsets.US_ASCII);
        LayerSpec layer = new LayerSpec(LAYER_NAME, List.of(new LayerFile(file, TARGET, "644")));
        return new EssentialLayer(layer, Map.of("SSL_CERT_FILE", TARGET), origin);
    }

    static Optional<Path> sysrootBundle(Path sysroot) throws IOException {
        for (String candidate : SYSROOT_BUNDLES) {
            Optional<Path> resolved = new Sysroot(sysroot).resolve(candidate);
            if (resolved.isPresent() && Files.isRegularFile(resolved.get()) && Files.size(resolved.get()) > 0) {
                return resolved;
            }
        }
        return Optional.empty();
    }

    /** Sorted by the SHA-256 of each certificate: the JDK's order is not promised, the image must be reproducible. */
    static List<X509Certificate> jdkTrustedCertificates() throws IOException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            List<X509Certificate> certificates = new ArrayList<>();
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    certificates.addAll(List.of(x509.getAcceptedIssuers()));
                }
            }
            certificates.sort(Comparator.comparing(CaCertificates::fingerprint));
            return certificates;
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read the build JDK's default trust store", e);
        }
    }

    private static void requireCertificates(Path file, String text) throws EssentialsException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII))) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException | IOException e) {
            throw new EssentialsException(file.toString(), "is not a PEM certificate file (" + e.getMessage() + ")",
                    "give PEM files (-----BEGIN CERTIFICATE-----); convert DER with"
                            + " openssl x509 -inform der -in CA.cer -out CA.pem");
        }
        if (certificates.isEmpty() || !text.contains("-----BEGIN CERTIFICATE-----")) {
            throw new EssentialsException(file.toString(), "holds no PEM certificate",
                    "give PEM files that contain -----BEGIN CERTIFICATE----- blocks");
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a trusted certificate the JDK loaded cannot be encoded", e);
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(Sha256.newDigest().digest(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
