import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert check.platform == 'linux/arm64'
assert check.interpreter == '/lib/ld-linux-aarch64.so.1'
assert check.bundled*.path == ['/lib/ld-linux-aarch64.so.1', '/lib/libc.so.6']
assert check.bundled.every { it.source.startsWith('/usr/aarch64-linux-gnu/') } : 'nothing from the build machine\'s amd64 libraries'

def tar = new File(basedir, 'target/scratch-image.tar')
def config = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--config', "oci-archive:${tar}"))
assert config.architecture == 'arm64'
// qemu-aarch64-static in the chroot starts the image's own arm64 loader, which loads the image's libc
def output = ItImages.run(basedir, "oci-archive:${tar}", true, [] as String[], '/app/hello')
assert output.trim() ==~ /hello from arm64 glibc 2\.\d+/
