import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages
import io.github.scratchimage.testing.TestExecutables

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
def paths = check.bundled.findAll { it.source }*.path as Set
['libcurl.so.4', 'libssl.so.3', 'libcrypto.so.3', 'libnghttp2.so.14', 'libgssapi_krb5.so.2', 'libldap-2.5.so.0']
        .each { assert paths.contains("/lib/x86_64-linux-gnu/${it}".toString()) : "${it} is missing from ${paths}" }
// the whole closure is lddtree's, plus the libgcc_s companion that glibc dlopens and lddtree cannot see
def lddtree = TestExecutables.run(['/usr/bin/python3', '/usr/bin/lddtree', '-l', "${basedir}/target/curl".toString()],
        'apt-get install pax-utils python3-pyelftools').readLines().drop(1) as Set
assert paths == lddtree + ['/lib/x86_64-linux-gnu/libgcc_s.so.1']

// A TLS server on this machine's loopback; chroot shares it (podman here runs with --network=none)
def port = new ServerSocket(0).withCloseable { it.localPort }
def www = new File(basedir, 'target/tls/www')
def server = new ProcessBuilder('openssl', 's_server', '-accept', "127.0.0.1:${port}".toString(),
        '-cert', '../cert.pem', '-key', '../key.pem', '-WWW', '-naccept', '1')
        .directory(www).redirectErrorStream(true).start()
try {
    def lines = server.inputStream.newReader()
    def line
    while ((line = lines.readLine()) != null && line != 'ACCEPT') { }
    assert line == 'ACCEPT' : "openssl s_server did not start (apt-get install openssl)"
    // no --cacert: curl verifies the server with the image's /etc/ssl/certs/ca-certificates.crt
    def output = ItImages.run(basedir, "oci-archive:${new File(basedir, 'target/scratch-image.tar')}", false,
            [] as String[], '/app/curl', '--silent', '--show-error', '--fail', "https://127.0.0.1:${port}/hello.txt".toString())
    assert output == 'hello over TLS\n'
} finally {
    server.destroy()
}
