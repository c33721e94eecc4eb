def log = new File(basedir, 'build.log').text
assert log.contains('hello is dynamically linked (interpreter /lib64/ld-linux-x86-64.so.2, needs libc.so.6)')
assert !new File(basedir, 'target/scratch-image.tar').exists() : 'no image may be built from a refused executable'
assert !new File(basedir, 'target/scratch-image.digest').exists()
