import io.github.scratchimage.testing.ItRegistry

try {
    def log = new File(basedir, 'build.log').text
    def registry = "127.0.0.1:${authRegistryPort}"
    assert log.contains("The credentials of user it-user were refused for registry ${registry}")
    assert log.contains('Looked in: <to><auth> (user it-user)')
    assert log.contains("its <id> must be ${registry}")
    assert !log.contains('Wr0ng-Secret-Value') : 'the password must never reach the log'
    assert !new File(basedir, 'target/scratch-image.digest').exists()
} finally {
    ItRegistry.stop(basedir)
}
