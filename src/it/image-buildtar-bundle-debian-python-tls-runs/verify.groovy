import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages

def log = new File(basedir, 'build.log').text
def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
def ssl = '/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so'
// the archive's _ssl module is an ELF file of the image: its libraries are bundled for it
def bundled = check.bundled.findAll { it.source }
def libssl = bundled.find { it.path == '/lib/x86_64-linux-gnu/libssl.so.3' }
assert libssl != null : "libssl.so.3 is not bundled: ${bundled*.path}"
assert libssl.neededBy.contains(ssl)
assert check.imageElfFiles*.path.contains(ssl)
// the same module from the archive and from <extraLibraries> is in the image once, the archive's
assert !bundled*.path.contains(ssl)
// libssl's imports turned the CA bundle on, and no finding is left unmet (failOnWarnings passed)
assert log.contains('<caCertificates>: included (auto: ')
assert check.findings.every { !it.warning } : check.findings.findAll { it.warning }
assert check.passed

def port = new ServerSocket(0).withCloseable { it.localPort }
def tls = new File(basedir, 'target/tls')
def server = new ProcessBuilder('openssl', 's_server', '-accept', "127.0.0.1:${port}".toString(),
        '-cert', '../cert.pem', '-key', '../key.pem', '-WWW', '-naccept', '1')
        .directory(new File(tls, 'www')).redirectErrorStream(true).start()
try {
    def lines = server.inputStream.newReader()
    def line
    while ((line = lines.readLine()) != null && line != 'ACCEPT') { }
    assert line == 'ACCEPT' : "openssl s_server did not start (apt-get install openssl)"
    // chrooted with the image's environment and user, sharing this machine's loopback
    def bundle = ItImages.unpack(basedir, new File(basedir, 'target/scratch-image.tar'))
    def run = ItImages.runAsShipped(bundle, "${port}".toString())
    assert run.exitCode() == 0 && run.output() == 'hello from python over TLS 200\n' : "${run}"
} finally {
    server.destroy()
}
