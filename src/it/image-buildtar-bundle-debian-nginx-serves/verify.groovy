import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ImageServer
import java.time.Duration

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert check.findings.findAll { it.kind != 'dlopen' }.every { it.status != 'unsatisfied' } : check.findings
assert check.findings.find { it.kind == 'dlopen' }.status == 'acknowledged'
// its configuration names paths in /tmp (not in its comment), so <tmp> (auto) adds it
def directories = check.findings.findAll { it.kind == 'configured_directory' }
assert directories.size() == 1 : directories
assert directories[0].evidence == 'src/main/scratch/etc/nginx/nginx.conf:3 names /tmp/nginx.pid, and 5 more paths in /tmp'
assert directories[0].status == 'satisfied' && directories[0].satisfiedBy.startsWith('<tmp> (auto: ')
def tmp = check.essentials.find { it.parameter == 'tmp' }
assert tmp.included && tmp.reason.contains('/etc/nginx/nginx.conf names /tmp/nginx.pid') : tmp

def server = ImageServer.startAsShipped(basedir, new File(basedir, 'target/scratch-image.tar'))
try {
    server.awaitPort(8080, Duration.ofSeconds(30))
    def page = server.inNetwork('curl', '-sS', '--max-time', '5', '-D', '-', 'http://127.0.0.1:8080/')
    assert page.exitCode() == 0 : "${page}\n${server.output()}"
    assert page.output().startsWith('HTTP/1.1 200 OK') : page.output()
    assert page.output().contains('Server: nginx/')
    assert page.output().contains('Content-Type: text/html')
    assert page.output().endsWith('\r\n\r\n<p>hello from nginx in a scratch image</p>\n')
    def missing = server.inNetwork('curl', '-sS', '--max-time', '5', '-o', '/dev/null', '-w', '%{http_code}',
            'http://127.0.0.1:8080/missing.html')
    assert missing.output() == '404' : "${missing}"
    assert !server.output().contains('[emerg]') && !server.output().contains('[alert]') : server.output()
} finally {
    server.close()
}
