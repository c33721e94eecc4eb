import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
def paths = check.bundled*.path
assert paths.contains('/lib/x86_64-linux-gnu/libstdc++.so.6')
assert paths.contains('/lib/x86_64-linux-gnu/libm.so.6') : 'libstdc++ needs libm'
assert paths.contains('/lib/x86_64-linux-gnu/libgcc_s.so.1')

def output = ItImages.runWithPodman(new File(basedir, 'target/scratch-image.tar'), 'localhost/hello:1.0')
assert output.trim() == 'exception caught, hello from libstdc++'
