def log = new File(basedir, 'build.log').text
assert log.contains('<container><platform> is linux/arm64 but the executable hello is built for linux/amd64 (x86-64)')
assert !new File(basedir, 'target/scratch-image.tar').exists()
