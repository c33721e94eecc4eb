def log = new File(basedir, 'build.log').text
assert log =~ /Invalid image reference or tag '127\.0\.0\.1:\d+\/It\/Hello:1\.0': use \[registry\[:port\]\/\]repository\[:tag\] with a lower-case repository/
