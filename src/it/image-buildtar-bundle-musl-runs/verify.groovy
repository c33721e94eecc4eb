import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages

// musl-gcc without -static: PT_INTERP is musl's loader, which is also its libc (NEEDED libc.so)
def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert check.linkage == 'dynamic'
assert check.libc == 'musl'
assert check.interpreter == '/lib/ld-musl-x86_64.so.1'
assert check.bundled*.path == ['/lib/ld-musl-x86_64.so.1'] : 'libc.so is answered by the loader, in the image once'

def output = ItImages.runWithPodman(new File(basedir, 'target/scratch-image.tar'), 'localhost/hello:1.0')
assert output.trim() == 'hello from musl'
