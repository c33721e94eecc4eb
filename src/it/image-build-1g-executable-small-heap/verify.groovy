import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages
import io.github.scratchimage.testing.ItRegistry

try {
    def registry = "127.0.0.1:${registryPort}"
    def executable = new File(basedir, 'target/big')
    assert executable.length() > 1024L * 1024 * 1024
    def log = new File(basedir, 'build.log').text
    // -XX:+PrintCommandLineFlags puts the heap limit the build ran with into the log.
    assert log.contains('-XX:MaxHeapSize=268435456')
    def digest = new File(basedir, 'target/scratch-image.digest').text.trim()
    def inspect = new JsonSlurper().parseText(
            ContainerTools.skopeo('inspect', '--tls-verify=false', "docker://${registry}/it/big:1.0"))
    assert inspect.Digest == digest
    def output = ItImages.run(basedir, "docker://${registry}/it/big:1.0", false,
            ['--src-tls-verify=false'] as String[], '/app/big')
    assert output.trim() == 'big hello 10'
} finally {
    ItRegistry.stop(basedir)
    // 2 GiB on disk between the executable and the unpacked image: give it back now.
    new File(basedir, 'target/big').delete()
    new File(basedir, 'target').eachDirMatch(~/verify-.*/) { it.deleteDir() }
}
