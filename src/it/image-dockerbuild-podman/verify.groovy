import io.github.scratchimage.testing.TestExecutables

def podman = ['podman', '--storage-driver=vfs', '--cgroup-manager=cgroupfs']
def log = new File(basedir, 'build.log').text
assert log.contains('Loaded localhost/it-scratch-hello:1.0@sha256:')
try {
    def output = TestExecutables.run(podman + ['--runtime=runc', 'run', '--rm', '--network=none',
            '--ulimit', 'nofile=20000:20000', '--ulimit', 'nproc=1000:1000', 'localhost/it-scratch-hello:1.0'],
            'apt-get install podman runc')
    assert output.trim() == 'hello from scratch'
} finally {
    TestExecutables.run(podman + ['rmi', '-f', 'localhost/it-scratch-hello:1.0'], 'apt-get install podman')
}
