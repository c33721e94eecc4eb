import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages
import io.github.scratchimage.testing.ItRegistry

try {
    def reference = "127.0.0.1:${registryPort}/it/hello-zstd:1.0"
    def log = new File(basedir, 'build.log').text
    def digest = new File(basedir, 'target/scratch-image.digest').text
    assert log.contains("Pushed ${reference}@${digest} (")
    // The registry hashed the bytes it was sent: its digest is the one the build computed and wrote.
    def inspect = new JsonSlurper().parseText(
            ContainerTools.skopeo('inspect', '--tls-verify=false', "docker://${reference}"))
    assert inspect.Digest == digest
    def manifest = new JsonSlurper().parseText(
            ContainerTools.skopeo('inspect', '--raw', '--tls-verify=false', "docker://${reference}"))
    assert manifest.layers*.mediaType == ['application/vnd.oci.image.layer.v1.tar+zstd']
    // Pulled and run as a runtime does; umoci before 0.5 cannot unpack zstd layers, podman can.
    def output = ItImages.pullAndRunWithPodman(reference)
    assert output.trim() == 'hello from scratch'
} finally {
    ItRegistry.stop(basedir)
}
