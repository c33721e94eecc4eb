import io.github.scratchimage.testing.ItRegistry

// Every run failed on its key before the registry was written to: no repository, no tag, no digest.
try {
    def registry = "127.0.0.1:${registryPort}"
    def runs = new File(basedir, 'build.log').text.split(/(?=\[INFO\] Scanning for projects)/)
            .findAll { it.startsWith('[INFO] Scanning for projects') }
    assert runs.size() == 4
    def keys = new File(basedir, 'keys').canonicalFile
    def sources = '<passphrase> (or <password>) of the <server> with <id>it-signing-none</id> in settings.xml,' +
            ' or the environment variable SCRATCH_SIGNING_PASSPHRASE'
    def expected = [
        "${keys}/encrypted.pem: the passphrase given does not decrypt it; check the passphrase in ${sources}",
        "${keys}/p384.pem: ",
        "${keys}/missing.pem: the signing key file does not exist; check the path, or make a key: openssl genpkey",
        "${keys}: it is a directory; point at the PEM private key file inside it",
    ]
    runs.eachWithIndex { run, i ->
        assert run.contains('BUILD FAILURE') : "run ${i + 1}"
        def error = run.readLines().find { it.startsWith('[ERROR] Failed to execute goal') }
        assert error != null && error.contains(expected[i].toString()) : "run ${i + 1}: ${error}"
        assert run.count(expected[i].toString()) == 1 : "said once, run ${i + 1}"
        assert !run.contains('\tat ') : "no stack trace at the default log level, run ${i + 1}"
        assert !run.contains('it-wrong-pass-91') && !run.contains('it-right-pass-37')
    }
    assert runs[1].contains('P-256') : runs[1]
    // nothing pushed: the registry has no repository at all
    def catalog = new URL("http://${registry}/v2/_catalog").text
    assert catalog.replaceAll(/\s/, '') == '{"repositories":[]}' : catalog
    assert !new File(basedir, 'target/scratch-image.digest').exists()
} finally {
    ItRegistry.stop(basedir)
}
