import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages
import io.github.scratchimage.testing.ItRegistry

try {
    def registry = "127.0.0.1:${registryPort}"
    def log = new File(basedir, 'build.log').text
    def digest = new File(basedir, 'target/scratch-image.digest').text
    assert log.contains("Pushed ${registry}/it/hello:1.0@${digest} tagged 1.0, latest, stable (")
    for (tag in ['1.0', 'latest', 'stable']) {
        def inspect = new JsonSlurper().parseText(
                ContainerTools.skopeo('inspect', '--tls-verify=false', "docker://${registry}/it/hello:${tag}"))
        assert inspect.Digest == digest : "tag ${tag}"
    }
    def json = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
    assert json.delivered == true
    assert json.tags.containsAll(['1.0', 'latest', 'stable'])
    // jib-image.json's names, for pipelines written for Jib
    assert json.imageDigest == digest
    assert json.imagePushed == true
    assert json.imageId == new File(basedir, 'target/scratch-image.id').text
    def output = ItImages.run(basedir, "docker://${registry}/it/hello:stable", false,
            ['--src-tls-verify=false'] as String[], '/app/hello')
    assert output.trim() == 'hello from scratch'
    // plain HTTP, which allowInsecureRegistries allows: one INFO line per build, no Jib failover warnings
    assert !log.contains('Attempting again with HTTP') : 'Jib failover warnings reach the log'
    def http = log.readLines().findAll { it.startsWith("[INFO] Registry ${registry} answers over plain HTTP") }
    assert http.size() == 2 : http
    // Jib tries HTTPS without verification first; that is no news for a registry that has no TLS
    assert !log.contains('certificate this JVM does not trust')
    assert log.contains('building and delivering the image: 100%')
    // the first push uploads, the rerun reuses and uploads nothing
    assert log =~ /\[INFO\]   layer executable \([0-9.]+ KiB\): (compressed in \d+ ms|reused from the cache), uploaded/
    assert log =~ /\[INFO\]   layer executable \([0-9.]+ KiB\): reused from the cache, already in the registry, nothing uploaded/
    // first invocation, offline
    assert log.contains('scratch:build pushes to a registry, which Maven\'s offline mode (-o) forbids: ' +
            'run without -o, or use scratch:buildTar, which works offline')
} finally {
    ItRegistry.stop(basedir)
}
