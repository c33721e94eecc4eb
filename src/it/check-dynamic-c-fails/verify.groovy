import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('hello is dynamically linked (interpreter /lib64/ld-linux-x86-64.so.2, needs libc.so.6), ' +
        'so it cannot start in a scratch image: link it statically (gcc -static, CGO_ENABLED=0, ' +
        'native-image --static --libc=musl) or set <linkage>bundle</linkage> (-Dscratch.linkage=bundle)')
// a user's mistake is reported, not a crash: no stack trace at the default log level
assert !(log =~ /\n\s+at [a-z]+\.[\w.$]+\(/)
def report = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert report.passed == false
assert report.linkage == 'dynamic'
assert report.needed == ['libc.so.6']
assert report.libc == 'glibc'
