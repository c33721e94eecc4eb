import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages

def tar = new File(basedir, 'target/scratch-image.tar')
def log = new File(basedir, 'build.log').text
assert log =~ /compressed, linux\/arm64\)/
def config = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--config', "oci-archive:${tar}"))
assert config.architecture == 'arm64'
assert config.os == 'linux'
def output = ItImages.run(basedir, "oci-archive:${tar}", true, [] as String[], '/app/hello')
assert output.trim() == 'hello from scratch'
