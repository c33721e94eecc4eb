import groovy.json.JsonSlurper

// build.log holds both invocations, one after the other
def runs = new File(basedir, 'build.log').text.split(/(?=\[INFO\] Scanning for projects)/)
assert runs.size() == 2
def (without, with) = runs

// the first build, without the acknowledgement, failed naming both
assert without.contains('is true: dlopen (imports dlopen; fix: <acknowledge><kind>dlopen</kind></acknowledge>')
assert without.contains('[WARNING] locale: the executable imports setlocale.')

assert with.contains('[INFO] dlopen: the executable imports dlopen; acknowledged by <acknowledge> (scratch.acknowledge), so it does not count as a warning')
assert with.contains('[INFO] locale: the executable imports setlocale; acknowledged by <acknowledge>')
assert !(with =~ /\[WARNING\] (dlopen|locale):/)
assert with.contains('BUILD SUCCESS')
def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
def findings = check.findings.collectEntries { [it.kind, it] }
assert findings.dlopen.status == 'acknowledged' && findings.locale.status == 'acknowledged'
assert findings.dlopen.source == 'hello' && findings.dlopen.evidence == 'imports dlopen'
assert findings.dlopen.satisfied == false
