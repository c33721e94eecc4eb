import groovy.xml.XmlSlurper

def example = new File(basedir, '../../../examples/hello-graalvm').canonicalFile
def expected = new XmlSlurper().parse(new File(basedir, 'pom.xml')).properties.'scratch.plugin.version'.text()
def plugins = new XmlSlurper().parse(new File(example, 'pom.xml')).build.plugins.plugin
def scratch = plugins.find { it.artifactId.text() == 'scratch-maven-plugin' }
assert scratch.version.text() == expected : "examples/hello-graalvm/pom.xml names scratch-maven-plugin ${scratch.version.text()}: set it to ${expected}"

// Both run in package, in declaration order: native-image must have written the executable first.
def order = plugins*.artifactId*.text()
assert order.indexOf('native-maven-plugin') >= 0
assert order.indexOf('native-maven-plugin') < order.indexOf('scratch-maven-plugin')
def buildArgs = plugins.find { it.artifactId.text() == 'native-maven-plugin' }.configuration.buildArgs.buildArg*.text()
assert buildArgs.containsAll(['--static', '--libc=musl'])

def log = new File(basedir, 'build.log').text
assert log =~ /native:[0-9.]+:compile-no-fork \(build-native\)/
assert log.contains('Skipping scratch:buildTar because <skip> (scratch.skip) is true')

def java = new File(System.getProperty('java.home'), 'bin/java').path
def run = [java, '-cp', new File(example, 'target/hello-graalvm-1.0.0.jar').path,
           'io.github.scratchimage.examples.Hello'].execute()
def output = run.text
assert run.waitFor() == 0
assert output.startsWith('Hello from GraalVM native-image in a FROM scratch image!')
