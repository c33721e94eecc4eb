import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
assert log.contains('linkage=bundle cannot build a complete image of hello:')
assert log =~ /  libgreet\.so \(needed by \/app\/hello\) was not found in sysroot \/; searched .*\/lib\/x86_64-linux-gnu/
assert log.contains('Fix: add the directory holding the library to <libraryPaths>, point <sysroot> (scratch.sysroot)')
assert !new File(basedir, 'target/scratch-image.tar').exists()
// the image goals run the same check, so their report names the missing library as check's does
def report = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert report.passed == false
assert report.unresolved*.name == ['libgreet.so']
assert report.unresolved[0].searched.contains('/lib/x86_64-linux-gnu')
assert report.versionMismatches == []
