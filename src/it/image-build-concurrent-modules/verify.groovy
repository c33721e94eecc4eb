import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages
import io.github.scratchimage.testing.ItRegistry

def registryDigest(String reference) {
    new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--tls-verify=false', "docker://${reference}")).Digest
}

try {
    def registry = "127.0.0.1:${registryPort}"
    def log = new File(basedir, 'build.log').text
    assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')
    def digests = ['a', 'b'].collectEntries { [(it): new File(basedir, "${it}/target/scratch-image.digest").text.trim()] }
    assert digests.a != digests.b

    // Every digest file names what the registry holds.
    assert registryDigest("${registry}/it/concurrent:a") == digests.a
    assert registryDigest("${registry}/it/concurrent:b") == digests.b
    // One after the other on one tag: the tag names the last push; the first is still there by digest.
    assert registryDigest("${registry}/it/concurrent:same") == digests.b
    assert registryDigest("${registry}/it/concurrent@${digests.a}") == digests.a

    for (module in ['a', 'b']) {
        def output = ItImages.run(new File(basedir, module), "docker://${registry}/it/concurrent@${digests[module]}",
                false, ['--src-tls-verify=false'] as String[], '/app/hello')
        assert output.trim() == "module ${module}"
    }
} finally {
    ItRegistry.stop(basedir)
}
