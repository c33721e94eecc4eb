import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert !check.needed.contains('libgcc_s.so.1') : 'the point of this test: no DT_NEEDED names libgcc_s'
def libgcc = check.bundled.find { it.path == '/lib/x86_64-linux-gnu/libgcc_s.so.1' }
assert libgcc != null : "libgcc_s.so.1 is missing from ${check.bundled*.path}"
assert libgcc.reason == 'companion'

def output = ItImages.runWithPodman(new File(basedir, 'target/scratch-image.tar'), 'localhost/hello:1.0')
assert output.trim() == 'thread canceled'
