def log = new File(basedir, 'build.log').text
assert log.contains('run.sh: not an ELF file: a script (starts with "#!"), not a compiled executable')
assert log.contains('Point <executable> (scratch.executable) at a native Linux program.')
assert !(log =~ /\n\s+at [a-z]+\.[\w.$]+\(/)
