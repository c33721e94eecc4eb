// A missing compiler fails here, naming the package, rather than as a shell's "g++: not found".
def found = ['sh', '-c', 'command -v g++'].execute().waitFor() == 0
assert found : 'examples/hello-cxx needs g++: apt-get install g++ (scripts/install-test-tools.sh)'
return true
