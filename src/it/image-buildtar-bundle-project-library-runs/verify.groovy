import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages

def lib = new File(basedir, 'target/lib').path
def tar = new File(basedir, 'target/scratch-image.tar')
def image = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
assert image.bundled*.path.contains("${lib}/libgreet.so".toString())
// found through <libraryPaths>: the image's loader only finds it through LD_LIBRARY_PATH
def config = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--config', "oci-archive:${tar}"))
assert config.config.Env.contains("LD_LIBRARY_PATH=${lib}".toString())
// podman applies the image's Env, so this proves the image works as shipped
def output = ItImages.runWithPodman(tar, 'localhost/hello:1.0')
assert output.trim() == 'hello from a project library'
