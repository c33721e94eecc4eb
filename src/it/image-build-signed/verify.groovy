import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItRegistry
import io.github.scratchimage.testing.TestExecutables

// <signing>: the pushed manifest is signed as cosign signs it, and openssl, which shares nothing
// with the plugin, verifies the signature with the public key.
try {
    def registry = "127.0.0.1:${registryPort}"
    def runs = new File(basedir, 'build.log').text.split(/(?=\[INFO\] Scanning for projects)/)
            .findAll { it.startsWith('[INFO] Scanning for projects') }
    assert runs.size() == 2
    def (first, second) = runs
    def digest = new File(basedir, 'target/scratch-image.digest').text
    def sigTag = digest.replace(':', '-') + '.sig'
    assert first.contains("Pushed ${registry}/it/signed:1.0@${digest} tagged 1.0, latest (")
    assert first.contains(", linux/amd64, signed (tag ${sigTag}))")
    assert second.contains("The signature of ${digest} by this key is in ${sigTag} already; kept as it is")
    assert second.contains(", linux/amd64, signed (tag ${sigTag}))")

    def json = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
    assert json.signature.signed == digest
    assert json.signature.tag == sigTag
    assert json.signature.pushed == false : 'the second build found its signature and kept it'

    def raw = ContainerTools.skopeo('inspect', '--raw', '--tls-verify=false', "docker://${registry}/it/signed:${sigTag}")
    def manifest = new JsonSlurper().parseText(raw)
    assert java.security.MessageDigest.getInstance('SHA-256').digest(raw.getBytes('UTF-8')).encodeHex().toString() ==
            json.signature.digest.substring('sha256:'.length())
    assert manifest.layers.size() == 1 : 'a second push of the same digest leaves one signature'
    def layer = manifest.layers[0]
    assert layer.mediaType == 'application/vnd.dev.cosign.simplesigning.v1+json'

    def copied = new File(basedir, 'target/sig-copy')
    ContainerTools.skopeo('copy', '--src-tls-verify=false', "docker://${registry}/it/signed:${sigTag}", "dir:${copied}")
    def payload = new File(copied, layer.digest.substring('sha256:'.length()))
    def claims = new JsonSlurper().parse(payload)
    assert claims.critical.image['docker-manifest-digest'] == digest
    assert claims.critical.identity['docker-reference'] == "${registry}/it/signed"
    assert claims.critical.type == 'cosign container image signature'
    def der = new File(basedir, 'target/signature.der')
    der.bytes = layer.annotations['dev.cosignproject.cosign/signature'].decodeBase64()
    def verified = TestExecutables.outcome(['openssl', 'dgst', '-sha256', '-verify', "${basedir}/keys/cosign.pub",
            '-signature', der.path, payload.path]*.toString(), 'apt-get install openssl')
    assert verified.exitCode() == 0 && verified.output() == 'Verified OK\n' : verified

    // the image is there under its tags, and the log, even at -X, never holds the passphrase
    for (tag in ['1.0', 'latest']) {
        assert new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--tls-verify=false',
                "docker://${registry}/it/signed:${tag}")).Digest == digest
    }
    assert first.contains('[DEBUG]') : 'the first build runs with -X'
    assert !first.contains('it-sign-pass-73') && !second.contains('it-sign-pass-73')
} finally {
    ItRegistry.stop(basedir)
}
