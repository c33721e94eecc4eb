def log = new File(basedir, 'build.log').text
assert log.contains('Skipping scratch:check because <skip> (scratch.skip) is true')
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/scratch-check.json').exists()
