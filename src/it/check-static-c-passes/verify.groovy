import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('hello: statically linked, linux/amd64 (x86-64, ELF64, little-endian), libc glibc')
assert log.contains('BUILD SUCCESS')

def report = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert report.passed == true
assert report.linkage == 'static'
assert report.platform == 'linux/amd64'
assert report.interpreter == null
assert report.needed == []
assert report.file == new File(basedir, 'target/hello').path
assert report.size == new File(basedir, 'target/hello').length()
