import io.github.scratchimage.testing.ItRegistry
import io.github.scratchimage.testing.RecordingProxy

try {
    def log = new File(basedir, 'build.log').text
    def digest = new File(basedir, 'target/scratch-image.digest').text
    assert log.contains("Pushed 127.0.0.1:${httpProxyPort}/it/hello:cred-helper@${digest}")
    assert log.contains('[DEBUG]') : 'this IT runs with -X'
    assert !log.contains('it-helper-secret-88') : 'the credential helper\'s secret must not reach the log'
} finally {
    RecordingProxy.stop(new File(basedir, 'wire.log'))
    ItRegistry.stop(basedir)
}
