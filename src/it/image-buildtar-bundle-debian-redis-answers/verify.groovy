import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ImageServer
import java.time.Duration

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
def acknowledged = ['dlopen', 'locale']
assert check.findings.findAll { !(it.kind in acknowledged) }.every { it.status == 'satisfied' } : check.findings
assert check.findings.findAll { it.kind in acknowledged }*.status == ['acknowledged'] * 2
assert check.bundled*.path.contains('/lib/x86_64-linux-gnu/libjemalloc.so.2')
// its configuration's pid file and working directory are in /tmp, which <tmp> (auto) adds
def directories = check.findings.findAll { it.kind == 'configured_directory' }
assert directories*.evidence == ['src/main/scratch/etc/redis/redis.conf:8 names /tmp/redis.pid']
assert directories[0].satisfiedBy.startsWith('<tmp> (auto: ')

def server = ImageServer.startAsShipped(basedir, new File(basedir, 'target/scratch-image.tar'))
try {
    server.awaitPort(6379, Duration.ofSeconds(30))
    def redis = { String... command ->
        def answer = server.inNetwork((['redis-cli', '-h', '127.0.0.1', '-p', '6379'] + command.toList()) as String[])
        assert answer.exitCode() == 0 : "${answer}\n${server.output()}"
        answer.output()
    }
    assert redis('PING') == 'PONG\n'
    assert redis('SET', 'greeting', 'hello from a scratch image') == 'OK\n'
    assert redis('GET', 'greeting') == 'hello from a scratch image\n'
    assert redis('INCR', 'visits') == '1\n'
    assert redis('CONFIG', 'GET', 'dir') == 'dir\n/tmp\n'
    assert server.output().contains('Ready to accept connections') : server.output()
} finally {
    server.close()
}
