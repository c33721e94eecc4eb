import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages

def log = new File(basedir, 'build.log').text
// the evidence is the stripped binary's function names, and every finding is met by an essential
def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert check.go == true
def findings = check.findings.collectEntries { [it.kind, it] }
assert findings.keySet() == ['ca_certificates', 'timezones', 'users'] as Set
assert findings.timezones.evidence == 'has time.LoadLocation (Go function names in its .gopclntab)'
assert findings.ca_certificates.evidence.contains('crypto/x509.SystemCertPool')
assert findings.users.evidence.contains('os/user.Current')
assert findings.values().every { it.status == 'satisfied' && it.source == 'probe' }
assert findings.timezones.satisfiedBy.startsWith('<timezones> (auto: the executable has time.LoadLocation')
// only the build without the essentials warns, once per finding
assert (log =~ /\[WARNING\] timezones: the executable has time.LoadLocation/).size() == 1
assert (log =~ /\[WARNING\] users: the executable has os\/user.Current/).size() == 1
assert log.contains('Runtime needs the image meets: ca_certificates (by <caCertificates> (auto: ')

def image = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
assert image.layers*.name == ['ca-certificates', 'timezones', 'users', 'dpkg-status', 'extra-directories', 'executable']

// as shipped: the image's TZ, the essentials' zoneinfo, CA bundle (with the company CA) and
// /etc/passwd, user 65532
def bundle = ItImages.unpack(basedir, new File(basedir, 'target/scratch-image.tar'))
def run = ItImages.runAsShipped(bundle)
assert run.exitCode() == 0 && run.output() == '2023-11-14 23:13 CET\nroots: ok\nverified localhost\nuser nonroot\n' :
        "${run}"

// without them the same program fails at its first lookup
def without = ItImages.runAsShipped(ItImages.unpack(basedir, new File(basedir, 'target/without.tar')))
assert without.exitCode() == 1 && without.output() == 'zone: unknown time zone Europe/Paris\n' : "${without}"
