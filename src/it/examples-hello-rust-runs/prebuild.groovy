// A missing toolchain fails here, naming the package, rather than as "Cannot run program".
for (tool in ['/usr/bin/cargo', '/usr/bin/rustc']) {
    assert new File(tool).canExecute() : "examples/hello-rust is built with Debian's ${tool}: apt-get install cargo (scripts/install-test-tools.sh)"
}
return true
