import groovy.json.JsonSlurper
import groovy.xml.XmlSlurper
import io.github.scratchimage.testing.ItImages

def example = new File(basedir, '../../../examples/hello-cxx').canonicalFile
// The example names the plugin by version; a stale one would test an old build from ~/.m2.
def expected = new XmlSlurper().parse(new File(basedir, 'pom.xml')).properties.'scratch.plugin.version'.text()
def named = new XmlSlurper().parse(new File(example, 'pom.xml')).build.plugins.plugin
        .find { it.artifactId.text() == 'scratch-maven-plugin' }.version.text()
assert named == expected : "examples/hello-cxx/pom.xml names scratch-maven-plugin ${named}: set it to ${expected}"

def check = new JsonSlurper().parse(new File(example, 'target/scratch-check.json'))
assert check.linkage == 'dynamic'
def bundled = check.bundled*.path
for (library in ['/lib64/ld-linux-x86-64.so.2', '/lib/x86_64-linux-gnu/libc.so.6', '/lib/x86_64-linux-gnu/libstdc++.so.6',
                 '/lib/x86_64-linux-gnu/libm.so.6', '/lib/x86_64-linux-gnu/libgcc_s.so.1']) {
    assert bundled.contains(library)
}
def output = ItImages.runWithPodman(new File(example, 'target/scratch-image.tar'), 'localhost/hello-cxx:1.0.0')
assert output.trim() == 'Hello from C++ in a FROM scratch image!'
