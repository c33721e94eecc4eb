import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import io.github.scratchimage.testing.ItImages

def example = new File(basedir, '../../../examples/hello-go').canonicalFile
// The example names the plugin by version; a stale one would test an old build from ~/.m2.
def expected = new XmlSlurper().parse(new File(basedir, 'pom.xml')).properties.'scratch.plugin.version'.text()
def named = new XmlSlurper().parse(new File(example, 'pom.xml')).build.plugins.plugin
        .find { it.artifactId.text() == 'scratch-maven-plugin' }.version.text()
assert named == expected : "examples/hello-go/pom.xml names scratch-maven-plugin ${named}: set it to ${expected}"

def check = new JsonSlurper().parse(new File(example, 'target/scratch-check.json'))
assert check.linkage == 'static'
assert check.libc == 'none' : 'CGO_ENABLED=0: no libc at all'
def output = ItImages.runWithPodman(new File(example, 'target/scratch-image.tar'), 'localhost/hello-go:1.0.0')
assert output.trim() == 'Hello from Go in a FROM scratch image! (linux/amd64)'
