import io.github.scratchimage.testing.ItRegistry
import io.github.scratchimage.testing.RecordingProxy

try {
    def wire = RecordingProxy.stop(new File(basedir, 'wire.log'))
    def log = new File(basedir, 'build.log').text
    assert log.contains("Registry 127.0.0.1:${httpProxyPort} speaks plain HTTP and asks for credentials")
    assert log.contains('<sendCredentialsOverHttp>true</sendCredentialsOverHttp>')
    assert log.contains('-Dscratch.sendCredentialsOverHttp=true')
    assert wire.contains('GET /v2/') : 'the plugin must have reached the registry through the relay'
    assert !(wire =~ /(?i)\bauthorization:/) : 'no Authorization header may cross plain HTTP without consent'
    assert !wire.contains('it-http-secret-17')
    assert !new File(basedir, 'target/scratch-image.digest').exists()
} finally {
    ItRegistry.stop(basedir)
}
