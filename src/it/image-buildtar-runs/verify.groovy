import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages

def log = new File(basedir, 'build.log').text
def tar = new File(basedir, 'target/scratch-image.tar')
def digest = new File(basedir, 'target/scratch-image.digest').text
assert digest ==~ /sha256:[0-9a-f]{64}/
assert log.contains("Wrote ${tar.path}: hello:1.0@${digest} (")
assert log =~ /compressed, linux\/amd64\)/
// The plugin's outputs are readable as any file the build creates (build.log is one), not
// owner-only as temporary files are: other users and tools in a pipeline read them.
def permissions = { String path -> java.nio.file.Files.getPosixFilePermissions(new File(basedir, path).toPath()) }
for (output in ['target/scratch-image.tar', 'target/scratch-image.digest', 'target/scratch-image.json',
                'target/scratch-check.json', 'target/scratch-image.cdx.json']) {
    assert permissions(output) == permissions('build.log') : output
}

def inspect = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', "oci-archive:${tar}"))
assert inspect.Digest == digest
assert inspect.Architecture == 'amd64'
def config = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--config', "oci-archive:${tar}"))
assert config.config.Entrypoint == ['/app/hello']
assert config.config.Cmd == ['--flag']
assert config.config.User == '65532:65532'
assert config.config.Env.contains('GREETING=hi')
assert config.config.ExposedPorts.containsKey('8080/tcp')
assert config.config.Labels.team == 'platform'
assert config.config.Labels['org.opencontainers.image.title'] == 'Hello IT'
assert config.config.Labels['org.opencontainers.image.version'] == '1.0'
assert config.config.Labels['org.opencontainers.image.licenses'] == 'Apache-2.0'
assert config.created == '2026-02-03T04:05:06Z'

def json = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
assert json.digest == digest
assert json.imageId == new File(basedir, 'target/scratch-image.id').text
assert json.platform == 'linux/amd64'
assert json.linkage == 'static'
assert json.delivered == false
assert json.layers.size() == 1 && json.layers[0].size > 0
assert json.compressedSize == json.layers[0].size

// the SBOM names this image by its digest and the executable by the SHA-256 of its file
def sbom = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.cdx.json'))
assert sbom.bomFormat == 'CycloneDX' && sbom.specVersion == '1.6'
assert sbom.metadata.timestamp == '2026-02-03T04:05:06Z'
assert sbom.metadata.component.purl == "pkg:oci/hello@${digest}?repository_url=hello&tag=1.0"
def exeHash = java.security.MessageDigest.getInstance('SHA-256').digest(new File(basedir, 'target/hello').bytes)
        .encodeHex().toString()
assert sbom.components.find { it.'bom-ref' == 'file:/app/hello' }.hashes[0].content == exeHash

def output = ItImages.run(basedir, "oci-archive:${tar}", false, [] as String[], '/app/hello')
assert output.trim() == 'hello from scratch'
// the offline (-o) second build succeeded too: invoker fails the IT otherwise
assert log.findAll('BUILD SUCCESS').size() >= 1
