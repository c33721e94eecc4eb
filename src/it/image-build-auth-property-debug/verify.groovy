import io.github.scratchimage.testing.ItRegistry

// Known caveat, outside the plugin's control: under -X Maven prints every environment variable
// (so the command line, through MAVEN_CMD_LINE_ARGS, and any ${env.X} a password comes from) and
// every parameter it sets. Those lines are Maven's; any other occurrence is the plugin's.
try {
    def log = new File(basedir, 'build.log').text
    def digest = new File(basedir, 'target/scratch-image.digest').text
    assert log.contains("Pushed 127.0.0.1:${authRegistryPort}/it/hello:property-auth@${digest}")
    def lines = log.readLines().findAll { it.contains('it-property-secret-63') }
    def mavens = lines.findAll { it.startsWith('[DEBUG] env: MAVEN_CMD_LINE_ARGS=') ||
            it == '[DEBUG]   (f) toAuthPassword = it-property-secret-63' }
    assert mavens.size() == 2 : "Maven's own -X lines changed; re-check the README caveat: ${lines}"
    assert lines == mavens : "the plugin printed the -D password: ${lines - mavens}"
} finally {
    ItRegistry.stop(basedir)
}
