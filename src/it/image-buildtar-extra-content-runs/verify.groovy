import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages
import io.github.scratchimage.testing.OciArchive

def log = new File(basedir, 'build.log').text
assert log =~ /Leaving out <users> \(auto: the executable [^)]+\): rootfs archive base\.tar has \/etc\/group, \/etc\/passwd, so the image uses that instead/
assert log.contains('Adding extra-directories: 3 files')

def image = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
assert image.layers*.name == ['rootfs-base.tar', 'extra-directories', 'executable']

// the check report tells the truth about what the image holds: users stepped aside
def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
def users = check.essentials.find { it.parameter == 'users' }
assert users.included == false
assert users.reason.startsWith('rootfs archive base.tar has /etc/group, /etc/passwd, so the image uses that instead (auto: ')

// Jib's defaults and our normalisation: files 644, directories 755, the permission glob's 755, root-owned
def tarFile = new File(basedir, 'target/scratch-image.tar')
def archive = OciArchive.read(tarFile.toPath())
def entries = archive.layerEntries(image.layers[1].digest)
def described = entries.collectEntries { name, e ->
    [(name): String.format('%s %o %d:%d', e.directory ? 'dir' : 'file', e.mode & 07777, e.longUserId, e.longGroupId)]
}
assert described == [
        'etc/': 'dir 755 0:0', 'etc/app/': 'dir 755 0:0', 'etc/app/greeting.conf': 'file 644 0:0',
        'opt/': 'dir 755 0:0', 'opt/app/': 'dir 755 0:0', 'opt/app/app/': 'dir 755 0:0',
        'opt/app/app/app.conf': 'file 644 0:0', 'opt/app/bin/': 'dir 755 0:0', 'opt/app/bin/run.sh': 'file 755 0:0']

// podman resolves the user app from the archive's /etc/passwd, the program reads both config files
def output = ItImages.runWithPodman(tarFile, 'localhost/extra-content:1.0')
assert output == 'user app\ngreeting=hello from src/main/scratch\nport=8080\n'
