import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ImageServer
import java.time.Duration

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
def paths = check.bundled*.path
['libpcre2-8.so.0', 'libnettle.so.8', 'libxxhash.so.0', 'libc.so.6']
        .each { assert paths.contains("/lib/x86_64-linux-gnu/${it}".toString()) : "${it} is missing from ${paths}" }

def tar = new File(basedir, 'target/scratch-image.tar')
def config = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--config', "oci-archive:${tar}"))
def command = config.config.Entrypoint + config.config.Cmd
assert command == ['/app/lighttpd', '-D', '-f', '/etc/lighttpd/lighttpd.conf']

def port = new ServerSocket(0).withCloseable { it.localPort }
def server = ImageServer.start(basedir, "oci-archive:${tar}", [PORT: port.toString()], command)
try {
    server.awaitPort(port, Duration.ofSeconds(30))
    def connection = new URL("http://127.0.0.1:${port}/hello.txt").openConnection()
    connection.connectTimeout = 5000
    connection.readTimeout = 5000
    assert connection.responseCode == 200 : server.output()
    assert connection.inputStream.text == 'hello from lighttpd in a scratch image\n'
    assert connection.getHeaderField('Server').startsWith('lighttpd/')
    assert !server.output().contains("doesn't exist") : server.output()
    assert connection.contentType == 'text/plain'
    def missing = new URL("http://127.0.0.1:${port}/missing.txt").openConnection()
    assert missing.responseCode == 404
} finally {
    server.close()
}
