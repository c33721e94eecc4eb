import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItRegistry

// <attachSbom>: the SBOM written to target/ is in the registry too, as an OCI 1.1 referrer of the
// pushed image, listed under the referrers tag sha256-<hex> (this registry has no referrers API).
try {
    def registry = "127.0.0.1:${registryPort}"
    def log = new File(basedir, 'build.log').text
    def digest = new File(basedir, 'target/scratch-image.digest').text
    def tag = digest.replace(':', '-')
    def raw = { String ref -> new JsonSlurper().parseText(
            ContainerTools.skopeo('inspect', '--raw', '--tls-verify=false', "docker://${registry}/it/sbom${ref}")) }

    def index = raw(":${tag}")
    assert index.mediaType == 'application/vnd.oci.image.index.v1+json'
    assert index.manifests.size() == 1
    def referrer = index.manifests[0]
    assert referrer.artifactType == 'application/vnd.cyclonedx+json'
    assert referrer.annotations['org.opencontainers.image.created'] == '2026-02-03T04:05:06Z'
    assert log.contains("Attached the SBOM to ${registry}/it/sbom:1.0@${digest} as its referrer ${referrer.digest} (tag ${tag})")

    def artifact = raw("@${referrer.digest}")
    assert artifact.subject.digest == digest
    assert artifact.layers.size() == 1 && artifact.layers[0].mediaType == 'application/vnd.cyclonedx+json'
    def local = new File(basedir, 'target/scratch-image.cdx.json').bytes
    def blob = new URL("http://${registry}/v2/it/sbom/blobs/${artifact.layers[0].digest}").bytes
    assert blob == local : 'the registry holds the very SBOM the build wrote'
    assert new JsonSlurper().parse(local).metadata.component.hashes[0].content == digest.substring('sha256:'.length())
} finally {
    ItRegistry.stop(basedir)
}
