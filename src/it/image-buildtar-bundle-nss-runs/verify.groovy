import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
def nsswitch = check.bundled.find { it.path == '/etc/nsswitch.conf' }
assert nsswitch != null : "no /etc/nsswitch.conf in ${check.bundled*.path}"
// Debian 12's glibc (2.36) has the files and dns modules inside libc: no libnss_*.so.2 to bundle
assert !check.bundled*.path.any { it.contains('libnss_') }
assert check.essentials.find { it.parameter == 'users' }.included == true : 'getpwuid asks for /etc/passwd'

def tar = new File(basedir, 'target/scratch-image.tar')
def rootfs = ItImages.unpack(basedir, "oci-archive:${tar}")
assert rootfs.resolve('etc/nsswitch.conf').toFile().text == 'passwd: files\ngroup: files\nhosts: files dns\n'
assert rootfs.resolve('etc/passwd').toFile().text.startsWith('root:x:0:0:')
// The image has no /etc/hosts: the runtime provides it (podman writes one with localhost), as
// Docker and Kubernetes do. A bare chroot of this image would not resolve localhost.
assert !rootfs.resolve('etc/hosts').toFile().exists()

// What this run proves: both lookups work with the bundled libc, the users essential and the
// runtime's /etc/hosts. It does not prove the generated nsswitch.conf is needed: without the file,
// glibc 2.36 defaults to "files" for passwd and falls through from dns to files for hosts.
def output = ItImages.runWithPodman(tar, 'localhost/hello:1.0')
assert output.trim() == 'uid 0 is root\nlocalhost is 127.0.0.1'
