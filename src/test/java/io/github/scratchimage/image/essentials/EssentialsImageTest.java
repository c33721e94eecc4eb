package io.github.scratchimage.image.essentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scratchimage.image.ImageResult;
import io.github.scratchimage.image.LayerFile;
import io.github.scratchimage.testing.OciArchive;
import io.github.scratchimage.testing.RuntimeProbes;
import io.github.scratchimage.testing.TestExecutables;
import io.github.scratchimage.testing.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each essential in a real image, run in a chroot, next to the same program in an image without
 * it: the second run fails, which proves the first run's success comes from the essential.
 */
public class EssentialsImageTest {
    private static final Path HOST = Path.of("/");
    @TempDir
    Path work;
    private EssentialImages images;

    @BeforeEach
    void setUp() {
        images = new EssentialImages(work);
    }

    @Test
    void timezonesLetTzSelectAZoneAndItsAbbreviation() throws Exception {
        for (Toolchain toolchain : List.of(Toolchain.GCC_STATIC, Toolchain.MUSL_STATIC)) {
            Path probe = RuntimeProbes.compile(toolchain, RuntimeProbes.LOCAL_TIME);
            EssentialLayer zones = Timezones.layer(HOST, List.of("Europe/Paris", "Etc/UTC", "UTC"));

            Path with = images.rootfs(probe, List.of(zones));
            Path without = images.rootfs(probe, List.of());

            assertThat(EssentialImages.run(with, null, Map.of("TZ", "Europe/Paris"))).isEqualTo("2023-11-14 23:13 CET\n");
            assertThat(EssentialImages.run(with, null, Map.of("TZ", "UTC"))).isEqualTo("2023-11-14 22:13 UTC\n");
            assertThat(EssentialImages.run(without, null, Map.of("TZ", "Europe/Paris")))
                    .as(toolchain + " without zoneinfo falls back to UTC").startsWith("2023-11-14 22:13").doesNotContain("CET");
        }
    }

    @Test
    void usersLetTheNonrootUserFindItsName() throws Exception {
        for (Toolchain toolchain : List.of(Toolchain.GCC_STATIC, Toolchain.MUSL_STATIC)) {
            Path probe = RuntimeProbes.compile(toolchain, RuntimeProbes.USER_NAME);

            Path with = images.rootfs(probe, List.of(Users.layer(work.resolve("users"))));
            Path without = images.rootfs(probe, List.of());

            assertThat(EssentialImages.run(with, "65532:65532", Map.of())).isEqualTo("nonroot\n");
            assertThat(EssentialImages.run(with, "0:0", Map.of())).isEqualTo("root\n");
            assertThat(EssentialImages.run(with, "65534:65534", Map.of())).isEqualTo("nobody\n");
            assertThatThrownBy(() -> EssentialImages.run(without, "65532:65532", Map.of()))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("no user");
        }
        assertThat(Files.readString(work.resolve("users/passwd"))).isEqualTo("""
                root:x:0:0:root:/root:/sbin/nologin
                nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
                nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
                """);
    }

    @Test
    void tmpIsAStickyWorldWritableDirectoryTheNonrootUserCanUse() throws Exception {
        Path probe = RuntimeProbes.compile(Toolchain.MUSL_STATIC, RuntimeProbes.TEMP_FILE);

        Path with = images.rootfs(probe, List.of(Tmp.layer()));
        ImageResult result = images.lastResult;
        Path without = images.rootfs(probe, List.of());

        TarArchiveEntry tmp = OciArchive.read(work.resolve("image-1/image.tar"))
                .layerEntries(result.layers().get(0).digest()).get("tmp/");
        assertThat(tmp.isDirectory()).isTrue();
        assertThat(Integer.toOctalString(tmp.getMode() & 07777)).isEqualTo("1777");
        assertThat(TestExecutables.run(List.of("stat", "-c", "%a", with.resolve("tmp").toString()), "coreutils"))
                .isEqualTo("1777\n");
        System.out.printf("tmp layer: %d bytes compressed%n", result.layers().get(0).compressedSize());
        assertThat(EssentialImages.run(with, "65532:65532", Map.of())).isEqualTo("tmp ok\n");
        assertThatThrownBy(() -> EssentialImages.run(without, "65532:65532", Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("mkstemp: No such file or directory");
    }

    @Test
    void caBundleWithACompanyCaVerifiesACertificateThatCaSigned() throws Exception {
        CompanyCa ca = CompanyCa.create(work.resolve("pki"));
        Path probe = RuntimeProbes.verifyCertificate();
        EssentialLayer bundle = CaCertificates.layer(HOST, List.of(ca.caPem()), work.resolve("ca"));

        Path with = images.rootfs(probe, List.of(bundle));
        Path without = images.rootfs(probe, List.of());

        assertThat(bundle.environment()).containsExactly(Map.entry("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt"));
        assertThat(bundle.origin()).startsWith("/etc/ssl/certs/ca-certificates.crt");
        assertThat(EssentialImages.run(with, "65532:65532", bundle.environment(), ca.leafPem())).isEqualTo("verified\n");
        assertThatThrownBy(() -> EssentialImages.run(without, "65532:65532", bundle.environment(), ca.leafPem()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not verified");
        assertThat(Files.readString(with.resolve("etc/ssl/certs/ca-certificates.crt")))
                .startsWith(Files.readString(Path.of("/etc/ssl/certs/ca-certificates.crt")))
                .endsWith(Files.readString(ca.caPem()));
    }

    @Test
    void withoutASysrootBundleTheJdkTrustStoreIsWrittenAsPem() throws Exception {
        CompanyCa ca = CompanyCa.create(work.resolve("pki"));
        Path emptySysroot = Files.createDirectories(work.resolve("empty-sysroot"));

        EssentialLayer bundle = CaCertificates.layer(emptySysroot, List.of(ca.caPem()), work.resolve("ca"));
        Path with = images.rootfs(RuntimeProbes.verifyCertificate(), List.of(bundle));

        String pem = Files.readString(work.resolve("ca/ca-certificates.crt"));
        int jdkCount = CaCertificates.jdkTrustedCertificates().size();
        assertThat(jdkCount).isGreaterThan(50);
        assertThat(pem.split("-----BEGIN CERTIFICATE-----", -1)).hasSize(jdkCount + 2);
        assertThat(bundle.origin()).contains("JDK");
        assertThat(EssentialImages.run(with, null, bundle.environment(), ca.leafPem())).isEqualTo("verified\n");
        // The same bundle twice: byte-identical, the image stays reproducible.
        CaCertificates.layer(emptySysroot, List.of(ca.caPem()), work.resolve("ca-again"));
        assertThat(Files.readString(work.resolve("ca-again/ca-certificates.crt"))).isEqualTo(pem);
    }

    @Test
    void aFileThatIsNotPemIsRefusedWithItsName() throws Exception {
        Path notPem = Files.writeString(work.resolve("company.cer"), "not a certificate");
        assertThatThrownBy(() -> CaCertificates.layer(HOST, List.of(notPem), work.resolve("ca")))
                .isInstanceOf(EssentialsException.class).hasMessageContaining("company.cer");
    }

    @Test
    void allZonesBecomeFilesWithAliasesStoredOnceAndTheLayerSizeIsMeasured() throws Exception {
        EssentialLayer all = Timezones.layer(HOST, List.of());
        EssentialLayer one = Timezones.layer(HOST, List.of("Europe/Paris"));
        Path probe = RuntimeProbes.compile(Toolchain.MUSL_STATIC, RuntimeProbes.LOCAL_TIME);

        Path rootfs = images.rootfs(probe, List.of(all));
        long allSize = images.lastResult.layers().get(0).compressedSize();
        images.rootfs(probe, List.of(one));
        long oneSize = images.lastResult.layers().get(0).compressedSize();

        List<String> targets = all.layer().files().stream().map(LayerFile::target).toList();
        assertThat(targets).contains("/usr/share/zoneinfo/UTC", "/usr/share/zoneinfo/Etc/UTC",
                "/usr/share/zoneinfo/Europe/Paris").doesNotContain("/usr/share/zoneinfo/localtime",
                "/usr/share/zoneinfo/tzdata.zi", "/usr/share/zoneinfo/posixrules");
        assertThat(targets).noneMatch(t -> t.startsWith("/usr/share/zoneinfo/posix/") || t.startsWith("/usr/share/zoneinfo/right/"));
        assertThat(Files.isSymbolicLink(rootfs.resolve("usr/share/zoneinfo/UTC"))).isFalse();
        assertThat(Files.readAllBytes(rootfs.resolve("usr/share/zoneinfo/UTC")))
                .isEqualTo(Files.readAllBytes(Path.of("/usr/share/zoneinfo/Etc/UTC")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rootfs.resolve("usr/share/zoneinfo/UTC"))))
                .isEqualTo("rw-r--r--");
        System.out.printf("timezones layer: all %d zones %d bytes compressed; Europe/Paris alone %d bytes%n",
                targets.size(), allSize, oneSize);
        // Aliases are hard links in the layer: without them (every alias a copy) it was 223,686 bytes.
        assertThat(allSize).isLessThan(160_000);
    }

    @Test
    void theImageUserMustBeAnAccountTheUsersEssentialDefines() throws Exception {
        for (String user : List.of("65532:65532", "nonroot", "0", "root", "root:root", "nobody:65534", "65532")) {
            Users.check(user);
        }
        for (String user : List.of("1000", "app", "65532:1000", "a:b:c", ":65532", "")) {
            assertThatThrownBy(() -> Users.check(user)).as(user).isInstanceOf(EssentialsException.class);
        }
    }
}
