import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ItImages
import io.github.scratchimage.testing.TestExecutables

// check, buildTar and dockerBuild bound in one execution: one check line, and the image files say
// which image they describe
def log = new File(basedir, 'build.log').text
def checkLines = log.readLines().findAll { it.contains('hello: statically linked') }
assert checkLines.size() == 1 : checkLines

// unknown names: warned about once, with what to write instead
def typo = log.readLines().findAll {
    it == '[WARNING] <linakge> is not a parameter of scratch-maven-plugin and is ignored: did you mean <linkage>?' }
assert typo.size() == 1 : typo
def from = log.readLines().findAll { it.startsWith("[WARNING] <from> is Jib's base image; a scratch image has none.") }
assert from.size() == 1 : from
assert from[0].contains('<caCertificates>') && from[0].contains('<rootfsArchives>')

// buildTar's OCI archive names the image under every tag, and says how to load such an archive
def tar = new File(basedir, 'target/scratch-image.tar')
assert log.contains('The OCI archive names the image under each of its 2 tags; podman load takes an OCI archive'
        + " with one name only: load one with skopeo copy oci-archive:${tar.absolutePath}:localhost/it-scratch-several:1.0")
assert log.contains('Wrote ' + new File(basedir, 'target/scratch-image.tar').absolutePath
        + ': localhost/it-scratch-several:1.0@sha256:')

// dockerBuild: every tag loaded, the summary shows the engine's image ID
def json = new JsonSlurper().parse(new File(basedir, 'target/scratch-image.json'))
assert json.target == 'docker'
assert json.format == 'docker'
assert json.tags == ['1.0', 'stable']
assert json.imagePushed == false
def shortId = json.imageId.substring('sha256:'.length(), 'sha256:'.length() + 12)
assert log.contains("Loaded localhost/it-scratch-several:1.0@${json.digest} tagged 1.0, stable (image ID ${shortId}, ")
def tarDigest = (log =~ /Wrote \S+: localhost\/it-scratch-several:1.0@(sha256:[0-9a-f]{64})/)[0][1]
for (name in ['localhost/it-scratch-several:1.0', 'localhost/it-scratch-several:stable']) {
    def inspected = new JsonSlurper().parseText(TestExecutables.run(
            ['skopeo', 'inspect', "oci-archive:${tar.absolutePath}:${name}".toString()], 'apt-get install skopeo'))
    assert inspected.Digest == tarDigest : name
}
assert log.contains("scratch-image.json, scratch-image.digest and .id now describe the Docker-format image"
        + " scratch:dockerBuild loaded (${json.digest}), not the OCI-format one scratch:buildTar wrote (${tarDigest})."
        + ' Give each execution its own <outputPaths> to keep both.')
def podman = ['podman', '--storage-driver=vfs', '--cgroup-manager=cgroupfs']
for (name in ['localhost/it-scratch-several:1.0', 'localhost/it-scratch-several:stable']) {
    def id = TestExecutables.run(podman + ['image', 'inspect', '--format', '{{.Id}}', name], 'apt-get install podman')
    assert id.trim().startsWith(shortId) : name
}
assert log.contains('building and delivering the image: 100%')
TestExecutables.run(podman + ['rmi', 'localhost/it-scratch-several:1.0'], 'apt-get install podman')
// runs it, then removes it
def output = ItImages.runWithPodman(null, 'localhost/it-scratch-several:stable')
assert output.trim() == 'hello from scratch'
