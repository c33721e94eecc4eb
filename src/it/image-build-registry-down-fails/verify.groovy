def log = new File(basedir, 'build.log').text
assert log =~ /Registry 127\.0\.0\.1:\d+ is unreachable: check the host and port in <to><image> \(scratch\.to\.image\)/
def seconds = (log =~ /Total time:\s+([0-9.]+) s/)
assert seconds.find() : 'Maven reports the build time'
assert Double.parseDouble(seconds.group(1)) < 15 : 'an unreachable registry must fail within 15 s'
assert !(log =~ /\n\s+at [a-z]+\.[\w.$]+\(/)
