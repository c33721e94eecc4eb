import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItRegistry

try {
    def digest = new File(basedir, 'target/scratch-image.digest').text
    def inspect = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--tls-verify=false',
            '--creds', 'it-user:it-secret-42', "docker://127.0.0.1:${authRegistryPort}/it/hello:plain"))
    assert inspect.Digest == digest
    def log = new File(basedir, 'build.log').text
    assert log.contains("Pushed 127.0.0.1:${authRegistryPort}/it/hello:plain@${digest}")
    assert log.contains('[DEBUG]') : 'this IT runs with -X'
    assert !log.contains('it-secret-42') : 'the password must never reach the log, not even with -X'
} finally {
    ItRegistry.stop(basedir)
}
