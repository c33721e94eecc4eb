import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert check.runpath == ['$ORIGIN/../lib']
assert check.rpath == []
// $ORIGIN of /app/hello is /app, so the loader in the image opens /lib/libgreet.so
def greet = check.bundled.find { it.path == '/lib/libgreet.so' }
assert greet != null : "no /lib/libgreet.so in ${check.bundled*.path}"
assert greet.source == new File(basedir, 'target/dist/lib/libgreet.so').canonicalPath

def tar = new File(basedir, 'target/scratch-image.tar')
def config = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--config', "oci-archive:${tar}"))
assert !(config.config.Env ?: []).any { it.startsWith('LD_LIBRARY_PATH=') } : 'RUNPATH alone must find it'
// chroot applies no image environment at all: only the RUNPATH can lead the loader to the library
def output = ItImages.run(basedir, "oci-archive:${tar}", false, [] as String[], '/app/hello')
assert output.trim() == 'hello through $ORIGIN/../lib'
