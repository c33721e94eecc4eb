package io.github.scratchimage.image.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageIndexTest {
    private static final String A = "sha256:" + "a".repeat(64);
    private static final String B = "sha256:" + "b".repeat(64);

    private static ImageIndex.Entry oci(String digest, long size, String architecture, String variant) {
        return new ImageIndex.Entry(ImageIndex.OCI_MANIFEST, digest, size, "linux", architecture,
                Optional.ofNullable(variant));
    }

    @Test
    void ociIndexBytesAreSortedByPlatformAndTheDigestIsOfThoseBytes() throws Exception {
        ImageIndex index = ImageIndex.of(List.of(oci(A, 402, "arm", "v7"), oci(B, 401, "amd64", null)));

        String expected = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + B
                + "\",\"size\":401,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + A
                + "\",\"size\":402,\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v7\"}}]}";
        assertThat(new String(index.bytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
        // pinned with sha256sum of the string above
        assertThat(index.digest())
                .isEqualTo("sha256:9c17116adb66d2b28ac8e93805eb923f2a5c25db89a37076908e2c92da5f96b3")
                .isEqualTo("sha256:" + HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(index.bytes())));
        assertThat(index.mediaType()).isEqualTo(ImageIndex.OCI_INDEX);
        assertThat(index.size()).isEqualTo(expected.length());
        assertThat(index.platforms()).containsExactly("linux/amd64", "linux/arm/v7");
    }

    @Test
    void theOrderOfTheSourcesDoesNotChangeTheDigest() {
        ImageIndex one = ImageIndex.of(List.of(oci(A, 402, "arm64", null), oci(B, 401, "amd64", null)));
        ImageIndex other = ImageIndex.of(List.of(oci(B, 401, "amd64", null), oci(A, 402, "arm64", null)));

        assertThat(one.bytes()).isEqualTo(other.bytes());
        assertThat(one.digest()).isEqualTo(other.digest());
    }

    @Test
    void dockerManifestsGiveADockerManifestList() {
        ImageIndex index = ImageIndex.of(List.of(
                new ImageIndex.Entry(ImageIndex.DOCKER_MANIFEST, A, 402, "linux", "arm64", Optional.empty()),
                new ImageIndex.Entry(ImageIndex.DOCKER_MANIFEST, B, 401, "linux", "amd64", Optional.empty())));

        assertThat(new String(index.bytes(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.list.v2+json\","
                + "\"manifests\":[{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\""
                + B + "\",\"size\":401,\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
                + "{\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\",\"digest\":\"" + A
                + "\",\"size\":402,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\"}}]}");
        assertThat(index.digest())
                .isEqualTo("sha256:36129fac7277c099e452363c9d83b6489a56adf5a95f4d95f2b069f7c93936f0");
        assertThat(index.mediaType()).isEqualTo(ImageIndex.DOCKER_MANIFEST_LIST);
    }

    @Test
    void aMixOfFormatsIsAnOciIndex() {
        ImageIndex index = ImageIndex.of(List.of(oci(A, 402, "arm64", null),
                new ImageIndex.Entry(ImageIndex.DOCKER_MANIFEST, B, 401, "linux", "amd64", Optional.empty())));

        assertThat(index.mediaType()).isEqualTo(ImageIndex.OCI_INDEX);
    }

    @Test
    void twoManifestsOfOnePlatformAreAProgrammingError() {
        assertThatThrownBy(() -> ImageIndex.of(List.of(oci(A, 402, "arm64", null), oci(B, 401, "arm64", ""))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("linux/arm64");
        assertThatThrownBy(() -> ImageIndex.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
