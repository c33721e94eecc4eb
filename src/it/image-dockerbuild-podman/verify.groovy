import io.github.scratchimage.testing.ItImages

def log = new File(basedir, 'build.log').text
assert log.contains('Loaded localhost/it-scratch-hello:1.0@sha256:')
// loaded by the goal, so nothing to load here: run it and remove it
def output = ItImages.runWithPodman(null, 'localhost/it-scratch-hello:1.0')
assert output.trim() == 'hello from scratch'
