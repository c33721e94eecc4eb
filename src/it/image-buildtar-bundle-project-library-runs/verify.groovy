import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.TestExecutables

def lib = new File(basedir, 'target/lib').path
def tar = new File(basedir, 'target/scratch-image.tar')
def image = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
assert image.bundled*.path.contains("${lib}/libgreet.so".toString())
// found through <libraryPaths>: the image's loader only finds it through LD_LIBRARY_PATH
def config = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--config', "oci-archive:${tar}"))
assert config.config.Env.contains("LD_LIBRARY_PATH=${lib}".toString())
// podman applies the image's Env, so this proves the image works as shipped
def podman = ['podman', '--storage-driver=vfs', '--cgroup-manager=cgroupfs']
TestExecutables.run(podman + ['load', '-q', '-i', tar.path], 'apt-get install podman')
try {
    def output = TestExecutables.run(podman + ['--runtime=runc', 'run', '--rm', '--network=none',
            '--ulimit', 'nofile=20000:20000', '--ulimit', 'nproc=1000:1000', 'localhost/hello:1.0'],
            'apt-get install podman runc')
    assert output.trim() == 'hello from a project library'
} finally {
    TestExecutables.run(podman + ['rmi', '-f', 'localhost/hello:1.0'], 'apt-get install podman')
}
