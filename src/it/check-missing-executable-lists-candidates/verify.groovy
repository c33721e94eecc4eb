def log = new File(basedir, 'build.log').text
def target = new File(basedir, 'target').path
assert log.contains('No native executable found. Tried: the main artifact (none attached), ' +
        "${target}/hello (missing), ${target}/hello-1.0 (missing). " +
        'Set <executable> in the plugin configuration or -Dscratch.executable=path/to/program')
assert !(log =~ /\n\s+at [a-z]+\.[\w.$]+\(/)
