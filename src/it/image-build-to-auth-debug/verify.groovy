import io.github.scratchimage.testing.ItRegistry

// Known caveat, outside the plugin's control: under -X Maven prints the configuration of every
// mojo (the POM's <password> element) and every field it sets ("(f) password = ..."). Those two
// lines are Maven's; every other occurrence would be the plugin's and fails this IT. Users keep
// passwords out of the POM: settings.xml <server>, -Dscratch.to.auth.password, a credential helper.
try {
    def log = new File(basedir, 'build.log').text
    def digest = new File(basedir, 'target/scratch-image.digest').text
    assert log.contains("Pushed 127.0.0.1:${authRegistryPort}/it/hello:pom-auth@${digest}")
    def lines = log.readLines().findAll { it.contains('it-pom-secret-51') }
    def mavens = lines.findAll { it.trim() == '<password>it-pom-secret-51</password>' ||
            it == '[DEBUG]   (f) password = it-pom-secret-51' }
    assert mavens.size() == 2 : "Maven's own -X lines changed; re-check the README caveat: ${lines}"
    assert lines == mavens : "the plugin printed the <to><auth> password: ${lines - mavens}"
} finally {
    ItRegistry.stop(basedir)
}
