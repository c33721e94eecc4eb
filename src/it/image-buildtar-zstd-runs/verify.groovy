import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages

// umoci before 0.5 cannot unpack zstd layers: podman and skopeo read this image.
def first = new File(basedir, 'first.tar')
def second = new File(basedir, 'second.tar')
def digest = new File(basedir, 'target/scratch-image.digest').text
assert first.length() > 0
assert first.bytes == second.bytes : 'two clean zstd builds with separate caches must give byte-identical tars'

def inspect = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', "oci-archive:${second}"))
assert inspect.Digest == digest
def manifest = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--raw', "oci-archive:${second}"))
assert manifest.mediaType == 'application/vnd.oci.image.manifest.v1+json'
assert manifest.layers*.mediaType == ['application/vnd.oci.image.layer.v1.tar+zstd']
// skopeo copies the image, checking each zstd blob against its digest on the way
def layout = new File(basedir, 'target/copied')
ContainerTools.skopeo('copy', '--quiet', "oci-archive:${second}", "oci:${layout}:copied")
assert new File(layout, "blobs/sha256/${manifest.layers[0].digest.substring(7)}").length() == manifest.layers[0].size

def json = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
assert json.digest == digest

def output = ItImages.runWithPodman(second, 'localhost/hello-zstd:1.0')
assert output.trim() == 'hello from scratch'
