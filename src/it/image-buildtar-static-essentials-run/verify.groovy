import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages

def log = new File(basedir, 'build.log').text
// glibc and musl static executables both give the advisor what it needs for auto
assert (log =~ /<users>: included \(auto: the executable /).size() == 2
assert (log =~ /<tmp>: included \(auto: the executable /).size() == 2

def layers = { name -> new JsonSlurper().parse(new File(basedir, "target/${name}.json")).layers*.name }
def run = { bundle, probe -> ItImages.runAsShipped(bundle, probe) }

for (libc in ['glibc', 'musl']) {
    // the zone file is tzdata's: the dpkg-status layer lets scanners see that package
    assert layers("${libc}-with") == ['timezones', 'users', 'tmp', 'dpkg-status', 'executable']
    assert layers("${libc}-without") == ['executable']
    def with = ItImages.unpack(basedir, new File(basedir, "target/${libc}-with.tar"))
    def without = ItImages.unpack(basedir, new File(basedir, "target/${libc}-without.tar"))
    assert with.resolve('rootfs/var/lib/dpkg/status.d/tzdata').toFile().text.startsWith('Package: tzdata\n')
    assert !with.resolve('rootfs/var/lib/dpkg/status.d/libc6').toFile().exists() : 'a static executable holds no libc6 file'
    assert !without.resolve('rootfs/var/lib/dpkg').toFile().exists()

    // TZ=Europe/Paris comes from the image; the default user is 65532 (nonroot)
    def time = run(with, 'time')
    assert time.exitCode() == 0 && time.output() == '2023-11-14 23:13 CET\n' : "${libc} with zoneinfo: ${time}"
    time = run(without, 'time')
    assert time.output().startsWith('2023-11-14 22:13') && !time.output().contains('CET') : "${libc} without: ${time}"

    def user = run(with, 'user')
    assert user.exitCode() == 0 && user.output() == 'nonroot\n' : "${libc} with /etc/passwd: ${user}"
    user = run(without, 'user')
    assert user.exitCode() == 1 && user.output() == 'no user\n' : "${libc} without /etc/passwd: ${user}"

    def tmp = run(with, 'tmp')
    assert tmp.exitCode() == 0 && tmp.output() == 'tmp ok\n' : "${libc} with /tmp: ${tmp}"
    tmp = run(without, 'tmp')
    assert tmp.exitCode() == 1 && tmp.output().contains('mkstemp: No such file or directory') : "${libc} without /tmp: ${tmp}"
}
