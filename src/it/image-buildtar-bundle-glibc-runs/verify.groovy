import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages

def log = new File(basedir, 'build.log').text
assert log.contains('Bundling ')
assert log =~ /  \/lib64\/ld-linux-x86-64\.so\.2 \([0-9.]+ KiB, interpreter of /
assert log =~ /  \/lib\/x86_64-linux-gnu\/libc\.so\.6 \([0-9.]+ [KM]iB, needed of /

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert check.bundled*.path.containsAll(['/lib64/ld-linux-x86-64.so.2', '/lib/x86_64-linux-gnu/libc.so.6'])

def image = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
assert image.linkage == 'dynamic'
assert image.layers*.name == ['libraries', 'dpkg-status', 'executable'] : 'libraries sit below the executable, so a rebuilt executable re-pushes one small layer'
assert image.bundled*.path == check.bundled*.path

// the SBOM and the scanners' status.d name the libc6 this machine has installed
def libc6 = ['dpkg-query', '-W', '-f=${Version}', 'libc6'].execute().text
def sbom = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.cdx.json'))
assert sbom.components.find { it.name == 'libc6' }.version == libc6
assert sbom.dependencies.find { it.ref == 'file:/app/hello' }.dependsOn.contains('file:/lib/x86_64-linux-gnu/libc.so.6')
def bundle = ItImages.unpack(basedir, new File(basedir, 'target/scratch-image.tar'))
assert bundle.resolve('rootfs/var/lib/dpkg/status.d/libc6').toFile().text.contains("\nVersion: ${libc6}\n")

def output = ItImages.run(basedir, "oci-archive:${new File(basedir, 'target/scratch-image.tar')}", false,
        [] as String[], '/app/hello')
assert output.trim() == 'hello from scratch'
