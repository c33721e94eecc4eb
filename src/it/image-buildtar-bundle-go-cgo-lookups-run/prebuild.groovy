// A missing toolchain fails here, naming the package, rather than as "Cannot run program go".
def found = ['sh', '-c', 'command -v go'].execute().waitFor() == 0
assert found : 'this IT needs Go on the PATH: apt-get install golang-go (scripts/install-test-tools.sh)'
return true
