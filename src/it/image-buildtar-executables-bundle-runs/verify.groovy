import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert check.passed == true
assert check.platforms*.platform == ['linux/amd64', 'linux/arm64']
def amd64 = check.platforms[0]
def arm64 = check.platforms[1]
// each executable's libraries from its own sysroot
assert amd64.bundled*.path.contains('/lib/x86_64-linux-gnu/libc.so.6')
assert amd64.bundled.every { !it.source.startsWith('/usr/aarch64-linux-gnu/') }
assert arm64.interpreter == '/lib/ld-linux-aarch64.so.1'
assert arm64.bundled*.path == ['/lib/ld-linux-aarch64.so.1', '/lib/libc.so.6']
assert arm64.bundled.every { it.source.startsWith('/usr/aarch64-linux-gnu/') } : 'nothing from the build machine\'s amd64 libraries'

def tar = new File(basedir, 'target/scratch-image.tar')
def json = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
assert json.mediaType == 'application/vnd.oci.image.index.v1+json'
assert json.platforms*.platform == ['linux/amd64', 'linux/arm64']
for (arch in ['amd64', 'arm64']) {
    def config = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--config', '--override-arch', arch,
            "oci-archive:${tar}"))
    assert config.architecture == arch
}
def ranAmd64 = ItImages.runEmulated(basedir, "oci-archive:${tar}", null, ['--override-arch', 'amd64'] as String[],
        '/app/hello')
assert ranAmd64.trim() ==~ /hello from amd64 glibc 2\.\d+/
// qemu-aarch64-static in the chroot starts the image's own arm64 loader, which loads the image's arm64 libc
def ranArm64 = ItImages.runEmulated(basedir, "oci-archive:${tar}", 'qemu-aarch64-static',
        ['--override-arch', 'arm64'] as String[], '/app/hello')
assert ranArm64.trim() ==~ /hello from arm64 glibc 2\.\d+/
