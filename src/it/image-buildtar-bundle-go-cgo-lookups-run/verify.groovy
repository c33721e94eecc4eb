import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
def paths = check.bundled*.path
assert paths.contains('/lib/x86_64-linux-gnu/libc.so.6') : paths
// glibc 2.36 resolves files and dns itself: the bundle adds nsswitch.conf and no NSS module
assert paths.contains('/etc/nsswitch.conf') && !paths.any { it.contains('libnss_') } : paths
def nss = check.findings.find { it.kind == 'glibc_nss' }
assert nss.status == 'satisfied' : nss
assert nss.satisfiedBy == '<linkage>bundle</linkage>, which adds /etc/nsswitch.conf (files and dns), which the bundled libc has built in'
assert nss.fix.contains('which glibc 2.36 has built in') && !nss.fix.contains('libnss_files') : nss.fix
assert check.findings.every { it.status == 'satisfied' } : check.findings

// podman mounts /etc/hosts, as every runtime does; the image brings /etc/passwd (<users>, auto)
def output = ItImages.runWithPodman(new File(basedir, 'target/scratch-image.tar'), 'localhost/lookups:1.0')
assert output.contains('current user nonroot 65532\n') : output
assert output.contains('user nobody 65534\n') : output
assert output.contains('go package net: using cgo DNS resolver') : "the resolver did not go through glibc: ${output}"
assert output =~ /localhost \[[^\]]*127\.0\.0\.1/ : output
