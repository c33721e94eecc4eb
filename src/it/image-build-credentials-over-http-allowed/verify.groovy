import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItRegistry
import io.github.scratchimage.testing.RecordingProxy

try {
    def wire = RecordingProxy.stop(new File(basedir, 'wire.log'))
    def digest = new File(basedir, 'target/scratch-image.digest').text
    assert new File(basedir, 'build.log').text.contains("Pushed 127.0.0.1:${httpProxyPort}/it/hello:over-http@${digest}")
    assert wire =~ /(?i)\bauthorization: basic /
    def inspect = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--tls-verify=false',
            '--creds', 'it-user:it-http-secret-17', "docker://127.0.0.1:${authRegistryPort}/it/hello:over-http"))
    assert inspect.Digest == digest
} finally {
    ItRegistry.stop(basedir)
}
