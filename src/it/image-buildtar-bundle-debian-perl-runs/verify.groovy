import groovy.json.JsonSlurper
import io.github.scratchimage.testing.ContainerTools
import io.github.scratchimage.testing.ItImages

def check = new JsonSlurper().parse(new File(basedir, 'target/scratch-check.json'))
def paths = check.bundled*.path
['/lib64/ld-linux-x86-64.so.2', '/lib/x86_64-linux-gnu/libc.so.6', '/lib/x86_64-linux-gnu/libm.so.6',
 '/lib/x86_64-linux-gnu/libcrypt.so.1'].each { assert paths.contains(it) : "${it} is missing from ${paths}" }

def tar = new File(basedir, 'target/scratch-image.tar')
def config = new JsonSlurper().parseText(ContainerTools.skopeo('inspect', '--config', "oci-archive:${tar}"))
def args = config.config.Cmd
assert args[0] == '-e'
// the same program and arguments on this machine give the expected answer
def expected = (['/usr/bin/perl'] + args).execute().text
assert expected ==~ /ab\S{11} 1\.4142135623731 1,4,9,16,25\n/
// perl -e reads its script through /dev/null, which podman provides as every runtime does
def output = ItImages.runWithPodman(tar, 'localhost/hello:1.0')
assert output == expected
