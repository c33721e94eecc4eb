def log = new File(basedir, 'build.log').text
assert log.contains("<linkage> (scratch.linkage) is 'dynamic'; it must be one of static, bundle, any")
