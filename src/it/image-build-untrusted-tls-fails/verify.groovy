import io.github.scratchimage.testing.ItRegistry

try {
    def log = new File(basedir, 'build.log').text
    assert log.contains("Registry 127.0.0.1:${tlsRegistryPort} speaks plain HTTP or presents a certificate this JVM does not trust")
    assert log.contains('<allowInsecureRegistries>true</allowInsecureRegistries> (-Dscratch.allowInsecureRegistries=true)')
    def seconds = (log =~ /Total time:\s+([0-9.]+) s/)
    assert seconds.find() && Double.parseDouble(seconds.group(1)) < 15
} finally {
    ItRegistry.stop(basedir)
}
