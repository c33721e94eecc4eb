import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages

def log = new File(basedir, 'build.log').text
assert log.contains('<caCertificates>: included (auto: the executable ')
assert log =~ /Adding ca-certificates from \/etc\/ssl\/certs\/ca-certificates\.crt \+ .*pki\/ca\.pem/

def layers = { name -> new JsonSlurper().parse(new File(basedir, "target/${name}.json")).layers*.name }
assert layers('with-ca') == ['ca-certificates', 'executable']
assert layers('without-ca') == ['executable']
def with = ItImages.unpack(basedir, new File(basedir, 'target/with-ca.tar'))
def without = ItImages.unpack(basedir, new File(basedir, 'target/without-ca.tar'))

// A TLS server on loopback with the certificate the company CA signed. The image runs chrooted
// with the host's network (podman here has none), as its user 65532 with its SSL_CERT_FILE.
def port = new ServerSocket(0).withCloseable { it.localPort }
def pki = new File(basedir, 'target/pki')
def server = new ProcessBuilder('openssl', 's_server', '-quiet', '-accept', "127.0.0.1:${port}",
        '-cert', 'server.pem', '-key', 'server.key').directory(pki).redirectErrorStream(true)
        .redirectOutput(new File(pki, 's_server.log')).start()
try {
    def deadline = System.currentTimeMillis() + 20_000
    while (true) {
        try {
            new Socket('127.0.0.1', port).close()
            break
        } catch (IOException e) {
            assert server.alive && System.currentTimeMillis() < deadline : "openssl s_server did not listen on ${port}"
            sleep 100
        }
    }
    def verified = ItImages.runAsShipped(with, "${port}")
    assert verified.exitCode() == 0 && verified.output() ==~ /verified TLSv1\.[23]\n/ : "with the company CA: ${verified}"
    def refused = ItImages.runAsShipped(without, "${port}")
    assert refused.exitCode() == 1 && refused.output().startsWith('not verified: unable to get local issuer certificate') :
            "without a CA bundle: ${refused}"
} finally {
    server.destroy()
}
