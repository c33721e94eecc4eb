def log = new File(basedir, 'build.log').text
assert log.contains('linkage=bundle cannot build a complete image of hello:')
assert log =~ /  libgreet\.so \(needed by \/app\/hello\) was not found in sysroot \/; searched .*\/lib\/x86_64-linux-gnu/
assert log.contains('Fix: add the directory holding the library to <libraryPaths>, point <sysroot> (scratch.sysroot)')
assert !new File(basedir, 'target/scratch-image.tar').exists()
