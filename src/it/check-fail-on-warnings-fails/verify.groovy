def log = new File(basedir, 'build.log').text
assert log =~ /hello will look for things a scratch image does not have, and <failOnWarnings> \(scratch\.failOnWarnings\) is true: .*users \(/
assert !(log =~ /\n\s+at [a-z]+\.[\w.$]+\(/)
