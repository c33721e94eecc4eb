import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages
import io.github.scratchimage.testing.ItRegistry
import java.security.MessageDigest

try {
    def registry = "127.0.0.1:${registryPort}"
    def log = new File(basedir, 'build.log').text
    def digest = new File(basedir, 'target/scratch-image.digest').text

    // the index: both platforms, and the digest file names exactly the bytes the registry serves
    def raw = ContainerTools.skopeo('inspect', '--raw', '--tls-verify=false', "docker://${registry}/it/hello:1.0")
    def served = 'sha256:' + MessageDigest.getInstance('SHA-256').digest(raw.getBytes('UTF-8')).encodeHex().toString()
    assert served == digest
    def index = new JsonSlurper().parseText(raw)
    assert index.mediaType == 'application/vnd.oci.image.index.v1+json'
    assert index.manifests.collect { "${it.platform.os}/${it.platform.architecture}" } == ['linux/amd64', 'linux/arm64']
    assert ContainerTools.skopeo('inspect', '--raw', '--tls-verify=false', "docker://${registry}/it/hello:latest") == raw
    assert log.contains("Pushed index ${registry}/it/hello:1.0@${digest} (linux/amd64, linux/arm64)")

    def json = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
    assert json.digest == digest
    assert json.tags == ['1.0', 'latest']
    assert json.platforms.collect { it.platform } == ['linux/amd64', 'linux/arm64']
    assert json.platforms.collect { it.digest } == index.manifests.collect { it.digest }
    assert json.platforms.collect { it.size } == index.manifests.collect { it.size }

    // the same inputs in the other order gave the same index
    assert log.contains("Pushed index ${registry}/it/hello:again@${digest} (linux/amd64, linux/arm64)")

    // arm64 from the index, run under qemu; amd64 from the tag, run with podman
    def arm64 = ItImages.run(basedir, "docker://${registry}/it/hello:1.0", true,
            ['--src-tls-verify=false', '--override-arch', 'arm64'] as String[], '/app/hello')
    assert arm64.trim() == 'hello from scratch'
    def tar = new File(basedir, 'target/amd64.tar')
    ContainerTools.skopeo('copy', '--quiet', '--src-tls-verify=false', "docker://${registry}/it/hello:1.0",
            "docker-archive:${tar}:localhost/hello-index:1.0")
    assert ItImages.runWithPodman(tar, 'localhost/hello-index:1.0').trim() == 'hello from scratch'

    // the refusals name the references, and push nothing
    assert log.contains("has two images for linux/amd64: '${registry}/it/hello:amd64'")
    assert log.contains("and '${registry}/it/hello:amd64-docker'")
    assert log.contains("<images> (scratch.images) entry '${registry}/it/hello:nope' does not exist in ${registry}/it/hello")
    def tags = new JsonSlurper().parseText(
            ContainerTools.skopeo('list-tags', '--tls-verify=false', "docker://${registry}/it/hello")).Tags
    assert !tags.contains('twice')
    assert !tags.contains('missing')
} finally {
    ItRegistry.stop(basedir)
}
