import groovy.json.JsonSlurper

// A -no-pie executable linked without RELRO, against <hardening>pie, full-relro</hardening>:
// the check names both missing properties and the flags that add them.
def log = new File(basedir, 'build.log').text
assert log.contains('<hardening> (scratch.hardening) requires pie, full-relro, and hello lacks some:')
assert log.contains('hello: no pie: it is not position-independent (ET_EXEC): it loads at a fixed address,' +
        ' so ASLR cannot move its code; add -fPIE -pie')
assert log.contains('hello: no full-relro: it has no PT_GNU_RELRO segment')
assert log.contains('; add -Wl,-z,relro,-z,now')
// a user's mistake is reported, not a crash: no stack trace at the default log level
assert !(log =~ /\n\s+at [a-z]+\.[\w.$]+\(/)

def report = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert report.passed == false
assert report.hardening.pie == false
assert report.hardening.relro == 'none'
assert report.hardening.stackCanary in ['present', 'absent']
assert report.hardening.fortify in ['present', 'absent']
assert report.hardeningVerdict.required == ['pie', 'full-relro']
assert report.hardeningVerdict.passed == false
assert report.hardeningVerdict.missing*.requirement == ['pie', 'full-relro']
assert report.hardeningVerdict.missing*.flags == ['-fPIE -pie', '-Wl,-z,relro,-z,now']
assert report.hardeningVerdict.missing*.path == ['/app/hello', '/app/hello']
