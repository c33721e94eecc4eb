import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages

def log = new File(basedir, 'build.log').text
assert log.contains('<users>: included (auto: the executable ')
assert log.contains('<tmp>: included (auto: the executable ')
assert log =~ /<caCertificates>(, <timezones>)?: not included \(auto: nothing in the executable asks for it\)/
def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
assert check.findings*.kind.containsAll(['users', 'tmp'])
assert check.essentials.find { it.parameter == 'users' }.included == true
def image = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
assert image.layers*.name.contains('users') && image.layers*.name.contains('tmp')
assert image.layers*.name.last() == 'executable'

// podman runs the image as its default user, 65532: it must be nonroot and /tmp writable
def tar = new File(basedir, 'target/scratch-image.tar')
def output = ItImages.runWithPodman(tar, 'localhost/hello:1.0')
assert output.trim() == 'user nonroot\ntmp writable'
