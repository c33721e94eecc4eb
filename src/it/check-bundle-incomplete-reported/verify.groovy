import groovy.json.JsonSlurper

def lib = new File(basedir, 'target/lib').path
def log = new File(basedir, 'build.log').text
assert log.contains('linkage=bundle cannot build a complete image of hello:')
assert log.contains("/app/hello needs version GREET_2 from ${lib}/libgreet.so")
assert log =~ /  libgone\.so \(needed by \/app\/hello\) was not found in sysroot \//

// the failed check still writes its report, so a pipeline can show why without parsing the log
def report = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert report.passed == false
assert report.policy == 'bundle'
assert report.unresolved.size() == 1
def missing = report.unresolved[0]
assert missing.name == 'libgone.so'
assert missing.neededBy == ['/app/hello']
assert missing.searched.first() == lib : 'libraryPaths come first, as LD_LIBRARY_PATH does'
assert missing.searched.contains('/lib/x86_64-linux-gnu')
assert report.versionMismatches == [[object: '/app/hello', library: "${lib}/libgreet.so".toString(), version: 'GREET_2']]
// what was found is reported too: the closure minus what is missing
assert report.bundled*.path.containsAll(['/lib64/ld-linux-x86-64.so.2', "${lib}/libgreet.so".toString()])
