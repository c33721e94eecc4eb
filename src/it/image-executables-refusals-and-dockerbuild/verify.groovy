import io.github.scratchimage.testing.ItImages

def log = new File(basedir, 'build.log').text
def target = new File(basedir, 'target').canonicalFile

assert log.contains('<executable> (scratch.executable) and <executables> (scratch.executables) are both set' +
        " (${target}/amd64/hello; [${target}/amd64/hello, ${target}/arm64/hello]): use <executable> for one image," +
        ' or list every executable in <executables> for one image per platform and remove <executable>')
assert log.contains("<executables> (scratch.executables) has two executables for linux/amd64: ${target}/amd64/hello" +
        " and ${target}/pie/hello, and an index holds one image per platform: keep one of them, or build the other" +
        ' for another platform')
assert log.contains("<executables> (scratch.executables) names ${target}/amd64/hello (linux/amd64) and" +
        " ${target}/arm64/hello-arm64 (linux/arm64), whose file names differ, but each image runs the one" +
        ' <container> entrypoint, so the executable has one path in every image, /app/<file name>: give them one' +
        " file name, each in a directory of its own, such as ${target}/amd64/hello and ${target}/arm64/hello")
assert log.contains('<container><format>Docker</format> (scratch.container.format) cannot hold several platforms' +
        ' in one tar: a docker archive has no index: use <format>OCI</format> (the default), whose tar is an OCI' +
        ' layout holding the index and every platform, or push the Docker manifest list with scratch:build')
assert !new File(basedir, 'target/scratch-image.tar').exists() : 'nothing written for a refused tar'
assert log.contains('scratch:dockerBuild loads the image of the engine\'s platform, linux/amd64 (podman), and' +
        ' <executables> (scratch.executables) has none for it, only linux/arm64, linux/arm/v7: add an executable built for' +
        ' linux/amd64, or push every platform with scratch:build')
// each refusal said once, without a stack trace
assert log.count('are both set (') == 1
assert !log.contains('at io.github.scratchimage')

// the last build: the engine's platform loaded, and the log says which
assert log.contains('Loading the linux/amd64 image, the platform of podman\'s engine (of linux/arm64, linux/amd64)')
assert log.contains('Loaded localhost/it-scratch-multi:1.0@sha256:')
assert ItImages.runWithPodman(null, 'localhost/it-scratch-multi:1.0').trim() == 'hello from amd64'
