import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages
import io.github.scratchimage.testing.ItRegistry
import java.security.MessageDigest

def sha256(String text) {
    'sha256:' + MessageDigest.getInstance('SHA-256').digest(text.getBytes('UTF-8')).encodeHex().toString()
}

try {
    def registry = "127.0.0.1:${registryPort}"
    def log = new File(basedir, 'build.log').text
    def platforms = ['linux/amd64', 'linux/arm/v7', 'linux/arm64']

    // the OCI index under both tags: three platforms, each entry naming os, architecture, variant
    def raw = ContainerTools.skopeo('inspect', '--raw', '--tls-verify=false', "docker://${registry}/it/multi:1.0")
    def digest = sha256(raw)
    assert ContainerTools.skopeo('inspect', '--raw', '--tls-verify=false', "docker://${registry}/it/multi:latest") == raw
    def index = new JsonSlurper().parseText(raw)
    assert index.mediaType == 'application/vnd.oci.image.index.v1+json'
    assert index.manifests.collect { it.mediaType }.unique() == ['application/vnd.oci.image.manifest.v1+json']
    assert index.manifests.collect { [it.platform.os, it.platform.architecture, it.platform.variant] } ==
            [['linux', 'amd64', null], ['linux', 'arm', 'v7'], ['linux', 'arm64', null]]
    assert log.contains("Pushed ${registry}/it/multi:1.0@${digest} tagged 1.0, latest (index of ${platforms.join(', ')})")

    // reproducible: the same executables, another tag, the same index
    assert log.contains("Pushed ${registry}/it/multi:again@${digest} (index of ${platforms.join(', ')})")

    // each platform's image, pulled by its architecture, runs its own executable
    def pulled = { String arch, String variant, String qemu ->
        def options = ['--src-tls-verify=false', '--override-arch', arch]
        if (variant) {
            options += ['--override-variant', variant]
        }
        ItImages.runEmulated(basedir, "docker://${registry}/it/multi:1.0", qemu, options as String[], '/app/hello').trim()
    }
    assert pulled('amd64', null, null) == 'hello from amd64'
    assert pulled('arm64', null, 'qemu-aarch64-static') == 'hello from arm64'
    assert pulled('arm', 'v7', 'qemu-arm-static') == 'hello from arm'
    // podman on this amd64 machine picks the amd64 image from the tag
    assert ItImages.pullAndRunWithPodman("${registry}/it/multi:1.0").trim() == 'hello from amd64'

    // the check ran on every executable
    def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
    assert check.passed == true
    assert check.platforms.collect { it.platform } == ['linux/arm64', 'linux/amd64', 'linux/arm/v7']

    // the Docker format: a manifest list of Docker manifests, which podman pulls and runs
    def dockerRaw = ContainerTools.skopeo('inspect', '--raw', '--tls-verify=false', "docker://${registry}/it/multi:docker")
    def list = new JsonSlurper().parseText(dockerRaw)
    assert list.mediaType == 'application/vnd.docker.distribution.manifest.list.v2+json'
    assert list.manifests.collect { it.mediaType }.unique() == ['application/vnd.docker.distribution.manifest.v2+json']
    assert list.manifests.collect { it.platform.architecture } == ['amd64', 'arm', 'arm64']
    assert log.contains("Pushed ${registry}/it/multi:docker@${sha256(dockerRaw)} (index of ${platforms.join(', ')})")
    assert ItImages.pullAndRunWithPodman("${registry}/it/multi:docker").trim() == 'hello from amd64'

    // <attachSbom>: under the index's referrers tag, one SBOM per platform; under each platform's, its own
    def rawJson = { String ref -> new JsonSlurper().parseText(
            ContainerTools.skopeo('inspect', '--raw', '--tls-verify=false', "docker://${registry}/it/multi${ref}")) }
    assert sha256(ContainerTools.skopeo('inspect', '--raw', '--tls-verify=false', "docker://${registry}/it/multi:sbom")) == digest
    def sbomNames = platforms.collect { "scratch-image.${it.replace('/', '-')}.cdx.json" }
    def ofIndex = rawJson(":${digest.replace(':', '-')}").manifests
    assert ofIndex*.artifactType == ['application/vnd.cyclonedx+json'] * 3
    assert ofIndex.collect { rawJson("@${it.digest}") }.every { it.subject.digest == digest }
    assert ofIndex.collect { rawJson("@${it.digest}").layers[0].annotations['org.opencontainers.image.title'] }.sort() == sbomNames.sort()
    index.manifests.eachWithIndex { manifest, i ->
        def referrers = rawJson(":${manifest.digest.replace(':', '-')}").manifests
        assert referrers.size() == 1 : manifest.platform
        def artifact = rawJson("@${referrers[0].digest}")
        assert artifact.subject.digest == manifest.digest
        def blob = new URL("http://${registry}/v2/it/multi/blobs/${artifact.layers[0].digest}").bytes
        def sbom = new JsonSlurper().parse(blob)
        assert sbom.metadata.component.hashes[0].content == manifest.digest.substring('sha256:'.length()) : 'the platform\'s own SBOM'
        assert log.contains("Attached the ${platforms[i]} SBOM to ${manifest.digest} as its referrer ${referrers[0].digest}")
    }
    assert log.contains("SBOM to ${digest} (the index) as its referrer ")

    // buildTar (the last build): an OCI layout whose index.json names the index; skopeo picks a platform
    def tar = new File(basedir, 'target/scratch-image.tar')
    def json = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
    assert json.target == 'tar'
    assert json.mediaType == 'application/vnd.oci.image.index.v1+json'
    assert json.digest == digest : 'the tar holds the index the registry holds'
    assert json.imageDigest == digest
    assert json.imagePushed == false
    assert new File(basedir, 'target/scratch-image.digest').text == digest
    assert json.platforms.collect { it.platform } == platforms
    assert json.platforms.collect { it.digest } == index.manifests.collect { it.digest }
    assert json.platforms.collect { it.size } == index.manifests.collect { it.size }
    assert json.platforms.every { it.imageId ==~ /sha256:[0-9a-f]{64}/ }
    assert json.imageId == json.platforms[0].imageId : 'the image ID of this amd64 machine\'s platform'
    assert new File(basedir, 'target/scratch-image.id').text == json.imageId
    def arm = ItImages.runEmulated(basedir, "oci-archive:${tar}", 'qemu-arm-static',
            ['--override-arch', 'arm', '--override-variant', 'v7'] as String[], '/app/hello')
    assert arm.trim() == 'hello from arm'
    def amd64 = ItImages.runEmulated(basedir, "oci-archive:${tar}", null,
            ['--override-arch', 'amd64'] as String[], '/app/hello')
    assert amd64.trim() == 'hello from amd64'
    // an SBOM per platform
    for (p in platforms) {
        def sbom = new JsonSlurper().parse(new File(basedir, "target/scratch-image.${p.replace('/', '-')}.cdx.json"))
        assert sbom.bomFormat == 'CycloneDX'
    }
} finally {
    ItRegistry.stop(basedir)
}
