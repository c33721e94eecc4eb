import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('hello: dynamically linked (interpreter /lib64/ld-linux-x86-64.so.2), linux/amd64')
assert log.contains('BUILD SUCCESS')
def report = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert report.passed == true
assert report.policy == 'bundle'
assert report.minimumGlibc ==~ /2\.\d+/
assert log =~ /Bundling \d+ files \([0-9.]+ [KM]iB\) for linkage=bundle:/
assert report.bundled*.path.contains('/lib/x86_64-linux-gnu/libc.so.6')
