package io.github.scratchimage.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.signing.OpenSsl;
import io.github.scratchimage.signing.SigningKey;
import io.github.scratchimage.signing.SigningKeyException;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the signing key's passphrase comes from: settings.xml first, then the environment; never the POM. */
class SigningParametersTest {
    private static final String PASSPHRASE = "s3cret passphrase";

    @TempDir
    Path dir;

    private File encrypted;
    private SigningKey expected;

    @BeforeEach
    void keys() throws Exception {
        Path plain = dir.resolve("plain.pem");
        OpenSsl.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", plain.toString());
        Path key = dir.resolve("encrypted.pem");
        OpenSsl.run("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", plain.toString(), "-out", key.toString(),
                "-passout", OpenSsl.passphraseFile(dir, PASSPHRASE));
        encrypted = key.toFile();
        expected = SigningKey.load(plain, Optional.empty());
    }

    private static SigningConfiguration signing(File keyFile, String serverId) {
        SigningConfiguration signing = new SigningConfiguration();
        signing.keyFile = keyFile;
        signing.serverId = serverId;
        return signing;
    }

    private static Settings server(String id, String passphrase, String password) {
        Server server = new Server();
        server.setId(id);
        server.setPassphrase(passphrase);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    private Optional<SigningKey> load(SigningParameters parameters, Settings settings, Map<String, String> env)
            throws Exception {
        return parameters.load(settings, null, env);
    }

    @Test
    void noKeyFileMeansAnUnsignedPush() throws Exception {
        assertThat(load(new SigningParameters(null, null), new Settings(), Map.of())).isEmpty();
        assertThat(load(new SigningParameters(new SigningConfiguration(), null), new Settings(), Map.of())).isEmpty();
    }

    @Test
    void passphraseOfTheDefaultServerDecryptsAndWinsOverTheEnvironment() throws Exception {
        Optional<SigningKey> key = load(new SigningParameters(signing(encrypted, null), null),
                server("scratch.signing", PASSPHRASE, null), Map.of("SCRATCH_SIGNING_PASSPHRASE", "wrong"));
        assertThat(key.orElseThrow().publicKey()).isEqualTo(expected.publicKey());
    }

    @Test
    void passwordServesWhenTheServerHasNoPassphrase() throws Exception {
        assertThat(load(new SigningParameters(signing(encrypted, "release-key"), null),
                server("release-key", null, PASSPHRASE), Map.of()).orElseThrow().publicKey())
                .isEqualTo(expected.publicKey());
    }

    @Test
    void environmentServesWithoutAServer() throws Exception {
        assertThat(load(new SigningParameters(null, encrypted), new Settings(),
                Map.of("SCRATCH_SIGNING_PASSPHRASE", PASSPHRASE)).orElseThrow().publicKey())
                .isEqualTo(expected.publicKey());
    }

    @Test
    void propertyKeyFileWinsOverThePom() throws Exception {
        File missing = dir.resolve("not-there.pem").toFile();
        assertThat(load(new SigningParameters(signing(missing, null), encrypted), new Settings(),
                Map.of("SCRATCH_SIGNING_PASSPHRASE", PASSPHRASE))).isPresent();
    }

    @Test
    void missingPassphraseNamesTheFileAndTheServerToSetWithoutTheStackOfCauses() {
        assertThatThrownBy(() -> load(new SigningParameters(signing(encrypted, "release-key"), null),
                server("scratch.signing", PASSPHRASE, null), Map.of()))
                .isInstanceOf(SigningKeyException.class)
                .hasMessage(encrypted + ": it is an encrypted private key and no passphrase was given; give its"
                        + " passphrase as <passphrase> (or <password>) of the <server> with <id>release-key</id> in"
                        + " settings.xml, or the environment variable SCRATCH_SIGNING_PASSPHRASE")
                .hasNoCause();
    }

    @Test
    void wrongPassphraseIsNamedWithoutTheSecret() {
        assertThatThrownBy(() -> load(new SigningParameters(signing(encrypted, null), null),
                server("scratch.signing", "not it", null), Map.of()))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageStartingWith(encrypted + ": the passphrase given does not decrypt it; check the passphrase in")
                .message().doesNotContain("not it");
    }
}
