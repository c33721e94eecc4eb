import io.github.scratchimage.testing.ItRegistry
import io.github.scratchimage.testing.RecordingProxy

try {
    def log = new File(basedir, 'build.log').text
    def digest = new File(basedir, 'target/scratch-image.digest').text
    assert log.contains("Pushed 127.0.0.1:${httpProxyPort}/it/hello:docker-config@${digest}")
    assert log.contains('[DEBUG]') : 'this IT runs with -X'
    assert !log.contains('it-config-secret-29') : 'the config.json password must not reach the log'
    assert !log.contains('it-user:it-config-secret-29'.bytes.encodeBase64().toString()) : 'nor its base64 form'
} finally {
    RecordingProxy.stop(new File(basedir, 'wire.log'))
    ItRegistry.stop(basedir)
}
