package io.github.scratchimage.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.github.scratchimage.testing.TestExecutables;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeyTest {
    private static final String PASSPHRASE = "correct horse battery staple";
    private static final String GENPKEY_P256 = "ec_paramgen_curve:P-256";

    @TempDir
    Path dir;

    private Path plainKey() {
        Path key = dir.resolve("plain.pem");
        OpenSsl.run("genpkey", "-algorithm", "EC", "-pkeyopt", GENPKEY_P256, "-out", key.toString());
        return key;
    }

    private Path encryptedWithPkcs8(Path plain, String passphrase) {
        Path key = dir.resolve("pkcs8-encrypted.pem");
        OpenSsl.run("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.toString(), "-out", key.toString(),
                "-passout", OpenSsl.passphraseFile(dir, passphrase));
        return key;
    }

    private Path encryptedWithGenpkey(String passphrase) {
        Path key = dir.resolve("genpkey-encrypted.pem");
        OpenSsl.run("genpkey", "-algorithm", "EC", "-pkeyopt", GENPKEY_P256, "-aes-256-cbc",
                "-pass", OpenSsl.passphraseFile(dir, passphrase), "-out", key.toString());
        return key;
    }

    /** The public key openssl derives from the private key file, as a PEM text. */
    private String opensslPublicKey(Path key, String passphrase) throws Exception {
        Path pub = Files.createTempFile(dir, "pub", ".pem");
        OpenSsl.run("ec", "-in", key.toString(), "-pubout", "-out", pub.toString(),
                "-passin", OpenSsl.passphraseFile(dir, passphrase));
        return Files.readString(pub);
    }

    /** Checks {@code base64Signature} of {@code payload} with openssl against the given public key. */
    private TestExecutables.Outcome opensslVerify(String publicKeyPem, byte[] payload, String base64Signature)
            throws Exception {
        Path pub = Files.writeString(Files.createTempFile(dir, "pub", ".pem"), publicKeyPem);
        Path data = Files.write(Files.createTempFile(dir, "payload", ".json"), payload);
        Path signature = Files.write(Files.createTempFile(dir, "sig", ".der"),
                Base64.getDecoder().decode(base64Signature));
        return OpenSsl.outcome("dgst", "-sha256", "-verify", pub.toString(), "-signature", signature.toString(),
                data.toString());
    }

    private static SigningKeyException failure(Path key, Optional<char[]> passphrase) {
        try {
            SigningKey loaded = SigningKey.load(key, passphrase);
            return fail("expected " + key + " to be refused, but it loaded as " + loaded);
        } catch (SigningKeyException e) {
            return e;
        }
    }

    private void assertSignsVerifiably(SigningKey key, String opensslPublicKey) throws Exception {
        assertThat(key.publicKeyPem()).isEqualTo(opensslPublicKey);
        byte[] payload = SimpleSigning.payload("registry.example.com/team/app",
                "sha256:" + "ab".repeat(32));
        TestExecutables.Outcome verified = opensslVerify(opensslPublicKey, payload, key.sign(payload));
        assertThat(verified.output()).contains("Verified OK");
        assertThat(verified.exitCode()).isZero();

        byte[] tampered = payload.clone();
        tampered[tampered.length - 2] ^= 1;
        TestExecutables.Outcome rejected = opensslVerify(opensslPublicKey, tampered, key.sign(payload));
        assertThat(rejected.exitCode()).isNotZero();
        assertThat(rejected.output()).contains("Verification failure");
    }

    @Test
    void plainKeySignsWhatOpensslVerifiesWithItsOwnPublicKey() throws Exception {
        Path plain = plainKey();

        SigningKey key = SigningKey.load(plain, Optional.empty());

        assertSignsVerifiably(key, opensslPublicKey(plain, ""));
    }

    @Test
    void keyEncryptedByOpensslPkcs8Decrypts() throws Exception {
        Path plain = plainKey();
        Path encrypted = encryptedWithPkcs8(plain, PASSPHRASE);
        assertThat(Files.readString(encrypted)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        SigningKey key = SigningKey.load(encrypted, Optional.of(PASSPHRASE.toCharArray()));

        assertSignsVerifiably(key, opensslPublicKey(plain, ""));
        assertThat(key.toString()).contains(encrypted.toString()).doesNotContain(PASSPHRASE);
    }

    @Test
    void keyEncryptedByOpensslGenpkeyDecryptsWithANonAsciiPassphrase() throws Exception {
        String passphrase = "pässwörd € ünïcödé";
        Path encrypted = encryptedWithGenpkey(passphrase);

        SigningKey key = SigningKey.load(encrypted, Optional.of(passphrase.toCharArray()));

        assertSignsVerifiably(key, opensslPublicKey(encrypted, passphrase));
    }

    @Test
    void derivesThePublicKeyWhenTheFileDoesNotCarryIt() throws Exception {
        // The JDK writes PKCS#8 EC keys without the optional public point that openssl includes.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] der = generator.generateKeyPair().getPrivate().getEncoded();
        Path jdkKey = Files.writeString(dir.resolve("jdk.pem"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n");
        assertThat(Pkcs8.readP256(der).publicPoint())
                .as("the JDK's key carries no public point, so the derivation is what is tested")
                .isEmpty();

        SigningKey key = SigningKey.load(jdkKey, Optional.empty());

        assertSignsVerifiably(key, opensslPublicKey(jdkKey, ""));
    }

    @Test
    void encryptedKeyWithoutPassphraseNamesWhereThePassphraseComesFrom() {
        Path encrypted = encryptedWithGenpkey(PASSPHRASE);

        SigningKeyException e = failure(encrypted, Optional.empty());

        assertThat(e.getMessage())
                .contains(encrypted.toString(), "encrypted", "no passphrase", "settings.xml",
                        "<id>scratch.signing</id>", "<passphrase>", "<password>", "SCRATCH_SIGNING_PASSPHRASE")
                .doesNotContain(PASSPHRASE);
    }

    @Test
    void wrongPassphraseIsReportedWithoutEitherPassphrase() {
        Path encrypted = encryptedWithPkcs8(plainKey(), PASSPHRASE);
        String wrong = "not the passphrase at all";

        SigningKeyException e = failure(encrypted, Optional.of(wrong.toCharArray()));

        assertThat(e.getMessage())
                .contains(encrypted.toString(), "does not decrypt", "SCRATCH_SIGNING_PASSPHRASE")
                .doesNotContain(PASSPHRASE)
                .doesNotContain(wrong);
        assertThat(e.getCause()).isNull();
    }

    @Test
    void wrongPassphraseThatHappensToGiveValidPaddingIsStillAWrongPassphrase() throws Exception {
        Path encrypted = encryptedWithPkcs8(plainKey(), PASSPHRASE);
        byte[] der = Base64.getMimeDecoder().decode(Files.readString(encrypted)
                .replaceAll("-----[A-Z ]+-----", ""));
        String lucky = null;
        // Roughly one wrong passphrase in 256 decrypts to garbage that ends in valid padding.
        for (int i = 0; i < 5000 && lucky == null; i++) {
            try {
                Pbes2.decrypt(der, ("wrong-" + i).toCharArray());
                lucky = "wrong-" + i;
            } catch (Pbes2.WrongPassphraseException e) {
                // the common case: bad padding
            }
        }
        assertThat(lucky).as("a wrong passphrase with valid padding in 5000 tries").isNotNull();

        assertThat(failure(encrypted, Optional.of(lucky.toCharArray())).getMessage())
                .contains("does not decrypt")
                .doesNotContain(lucky);
    }

    @Test
    void p384KeyIsRefusedNamingItsCurve() {
        Path key = dir.resolve("p384.pem");
        OpenSsl.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", key.toString());

        assertThatThrownBy(() -> SigningKey.load(key, Optional.empty()))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("EC key on P-384 (secp384r1)")
                .hasMessageContaining("P-256")
                .hasMessageContaining("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
    }

    @Test
    void encryptedP384KeyIsRefusedNamingItsCurveAfterDecrypting() {
        Path plain = dir.resolve("p384.pem");
        OpenSsl.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", plain.toString());
        Path encrypted = encryptedWithPkcs8(plain, PASSPHRASE);

        assertThatThrownBy(() -> SigningKey.load(encrypted, Optional.of(PASSPHRASE.toCharArray())))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining("P-384")
                .hasMessageNotContaining(PASSPHRASE);
    }

    @Test
    void rsaKeyIsRefused() {
        Path key = dir.resolve("rsa.pem");
        OpenSsl.run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key.toString());

        assertThatThrownBy(() -> SigningKey.load(key, Optional.empty()))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("an RSA key")
                .hasMessageContaining("ECDSA P-256");
    }

    @Test
    void traditionalEcKeyIsRefusedWithAConversionThatWorks() throws Exception {
        Path sec1 = dir.resolve("sec1.pem");
        OpenSsl.run("ecparam", "-genkey", "-name", "prime256v1", "-noout", "-out", sec1.toString());
        assertThat(Files.readString(sec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");

        SigningKeyException e = failure(sec1, Optional.empty());
        assertThat(e.getMessage()).contains(sec1.toString(), "SEC1", "not PKCS#8",
                "openssl pkcs8 -topk8 -v2 aes-256-cbc -in <this file> -out <new file>");

        Path converted = dir.resolve("converted.pem");
        OpenSsl.run("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", sec1.toString(), "-out", converted.toString(),
                "-passout", OpenSsl.passphraseFile(dir, PASSPHRASE));
        assertSignsVerifiably(SigningKey.load(converted, Optional.of(PASSPHRASE.toCharArray())),
                opensslPublicKey(sec1, ""));
    }

    @Test
    void keyEncryptedWithLegacyPbes1IsRefusedWithAReencryptCommand() {
        Path key = dir.resolve("pbes1.pem");
        OpenSsl.run("pkcs8", "-topk8", "-v1", "PBE-SHA1-3DES", "-in", plainKey().toString(), "-out", key.toString(),
                "-passout", OpenSsl.passphraseFile(dir, PASSPHRASE));

        assertThatThrownBy(() -> SigningKey.load(key, Optional.of(PASSPHRASE.toCharArray())))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("PBES1")
                .hasMessageContaining("openssl pkcs8 -topk8 -v2 aes-256-cbc")
                .hasMessageNotContaining(PASSPHRASE);
    }

    @Test
    void keyEncryptedWithScryptIsRefusedNamingScrypt() {
        Path key = dir.resolve("scrypt.pem");
        OpenSsl.run("pkcs8", "-topk8", "-scrypt", "-in", plainKey().toString(), "-out", key.toString(),
                "-passout", OpenSsl.passphraseFile(dir, PASSPHRASE));

        assertThatThrownBy(() -> SigningKey.load(key, Optional.of(PASSPHRASE.toCharArray())))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining("scrypt")
                .hasMessageContaining("openssl pkcs8 -topk8 -v2 aes-256-cbc");
    }

    @Test
    void publicKeyFileIsRefusedAsNotThePrivateKey() throws Exception {
        Path pub = Files.writeString(dir.resolve("cosign.pub"), opensslPublicKey(plainKey(), ""));

        assertThatThrownBy(() -> SigningKey.load(pub, Optional.empty()))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining(pub.toString())
                .hasMessageContaining("public key, not the private key");
    }

    @Test
    void fileThatIsNotPemIsRefused() throws Exception {
        Path notPem = Files.writeString(dir.resolve("key.txt"), "just some text\n");
        Path der = dir.resolve("key.der");
        OpenSsl.run("pkcs8", "-topk8", "-nocrypt", "-in", plainKey().toString(), "-outform", "DER",
                "-out", der.toString());

        for (Path file : new Path[] {notPem, der}) {
            assertThatThrownBy(() -> SigningKey.load(file, Optional.empty()))
                    .isInstanceOf(SigningKeyException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("not a PEM file")
                    .hasMessageContaining("BEGIN ENCRYPTED PRIVATE KEY");
        }
    }

    @Test
    void damagedPemBodyIsRefusedAsDamaged() throws Exception {
        Path damaged = Files.writeString(dir.resolve("damaged.pem"),
                "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> SigningKey.load(damaged, Optional.empty()))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining(damaged.toString())
                .hasMessageContaining("not a well-formed PKCS#8 key");
    }

    @Test
    void missingFileAndDirectoryAreRefusedNamingThePath() {
        Path missing = dir.resolve("no-such-key.pem");

        assertThatThrownBy(() -> SigningKey.load(missing, Optional.empty()))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> SigningKey.load(dir, Optional.empty()))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("is a directory");
    }

    @Test
    void signaturesAreDerEcdsaOfTheExactPayload() throws Exception {
        SigningKey key = SigningKey.load(plainKey(), Optional.empty());
        byte[] payload = "anything".getBytes(StandardCharsets.UTF_8);

        byte[] der = Base64.getDecoder().decode(key.sign(payload));

        assertThat(der[0]).as("DER SEQUENCE of r and s, as cosign and containers/image expect").isEqualTo((byte) 0x30);
        assertThat(der.length).isBetween(8, 72);
    }
}
