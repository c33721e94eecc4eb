def log = new File(basedir, 'build.log').text
assert log.contains('bench/images.sh cannot run without ')
for (tool in ['podman', 'docker-registry', 'skopeo', 'gcc', 'runc']) {
    assert log.contains("${tool} (apt-get install ${tool})")
}
assert log.contains('java (apt-get install openjdk-17-jdk-headless)')
assert log.contains('scripts/install-test-tools.sh installs them all')
// it stopped before anything was built or started
assert !new File(basedir, 'target/bench').exists()
assert !log.contains('Traceback')
