package io.github.scratchimage.purl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Canonical purls as ECMA-427 and the registered deb, golang and oci types define them. */
class PackageUrlTest {

    @Test
    void aDebianVersionsPlusIsPercentEncodedAndItsEpochColonIsNot() {
        assertThat(PackageUrl.deb("debian", "libc6", "2.36-9+deb12u10", "amd64", Optional.of("debian-12")))
                .hasToString("pkg:deb/debian/libc6@2.36-9%2Bdeb12u10?arch=amd64&distro=debian-12");
        // the deb type's own example
        assertThat(PackageUrl.deb("debian", "attr", "1:2.4.47-2+b1", "amd64", Optional.empty()))
                .hasToString("pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64");
        assertThat(PackageUrl.deb("Ubuntu", "libstdc++6", "12.3.0-1ubuntu1~22.04", "amd64", Optional.empty()))
                .hasToString("pkg:deb/ubuntu/libstdc%2B%2B6@12.3.0-1ubuntu1~22.04?arch=amd64");
    }

    @Test
    void goModulePathsSplitIntoNamespaceAndNameLowercased() {
        assertThat(PackageUrl.golang("github.com/google/uuid", "v1.6.0"))
                .hasToString("pkg:golang/github.com/google/uuid@v1.6.0");
        assertThat(PackageUrl.golang("github.com/Azure/azure-sdk-for-go/sdk/azcore", "v1.11.1"))
                .hasToString("pkg:golang/github.com/azure/azure-sdk-for-go/sdk/azcore@v1.11.1");
        assertThat(PackageUrl.golang("golang.org/x/net", "v0.0.0-20240101000000-abcdef123456+incompatible"))
                .hasToString("pkg:golang/golang.org/x/net@v0.0.0-20240101000000-abcdef123456%2Bincompatible");
        assertThatThrownBy(() -> PackageUrl.golang("stdlib", "go1.22.1"))
                .hasMessageContaining("'stdlib'");
    }

    @Test
    void anImageIsAnOciPurlWithItsDigestAsVersion() {
        String digest = "sha256:" + "ab".repeat(32);

        assertThat(PackageUrl.oci("registry.example.com:5000/Team/App", digest, Optional.of("1.0")))
                .hasToString("pkg:oci/app@" + digest
                        + "?repository_url=registry.example.com:5000%2FTeam%2FApp&tag=1.0");
        assertThatThrownBy(() -> PackageUrl.oci("app", "sha256:ABC", Optional.empty()))
                .hasMessageContaining("'sha256:ABC'");
    }

    @Test
    void qualifiersAreSortedAndEmptyOnesDropped() {
        TreeMap<String, String> qualifiers = new TreeMap<>(Map.of("z", "1 2", "a", "x&y=z", "empty", ""));

        PackageUrl purl = new PackageUrl("generic", List.of("some where"), "näme", Optional.of("1.0#1"), qualifiers);

        assertThat(purl).hasToString("pkg:generic/some%20where/n%C3%A4me@1.0%231?a=x%26y%3Dz&z=1%202");
    }
}
