def log = new File(basedir, 'build.log').text
def failure = log.readLines().find { it.contains('hello will look for things a scratch image does not have') }
assert failure.contains('hello will look for things a scratch image does not have, and <failOnWarnings> (scratch.failOnWarnings) is true: users (')
assert failure.contains('fix: <users>true</users>')
// what the image meets is not a warning: /tmp (auto), and glibc's built-in files and dns without nsswitch.conf
assert !failure.contains('tmp (') && !failure.contains('glibc_nss (')
assert log.contains('Runtime needs the image meets: ')
def check = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert check.findings.find { it.kind == 'users' }.status == 'unsatisfied'
assert check.findings.find { it.kind == 'tmp' }.satisfiedBy.startsWith('<tmp> (auto: the executable ')
assert !(log =~ /\n\s+at [a-z]+\.[\w.$]+\(/)
