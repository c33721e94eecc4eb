// Every registry password and signing key passphrase the ITs use, from every source the plugin reads, searched for in every
// build.log and in every file under every IT's target/ (what the plugin writes: digest, id, json,
// tar, staging). The count must be 0. The exceptions are Maven's own -X lines, which two ITs pin
// and the README documents: the POM's <to><auth> password in its configuration dump and its
// "(f) password" line (image-build-to-auth-debug), and a -D password in its environment dump
// (MAVEN_CMD_LINE_ARGS) and "(f) toAuthPassword" line (image-build-auth-property-debug).
def base64 = { String s -> s.bytes.encodeBase64().toString() }
def secrets = [
    'it-secret-42'               : 'settings.xml <server> password, plain and decrypted from {...}',
    'it-pom-secret-51'           : '<to><auth><password> in the POM (-X)',
    'it-property-secret-63'      : '-Dscratch.to.auth.password (-X)',
    'it-config-secret-29'        : 'DOCKER_CONFIG config.json auth (-X)',
    (base64('it-user:it-config-secret-29')): 'the config.json auth field itself',
    'it-helper-secret-88'        : '<to><credHelper> Secret (-X)',
    'it-http-secret-17'          : '<to><auth> refused over plain HTTP',
    'Wr0ng-Secret-Value'         : 'a <to><auth> password the registry rejected',
    'it-sign-pass-73'            : 'the signing key passphrase, settings.xml <server> scratch.signing (-X)',
    'it-wrong-pass-91'           : 'a signing key passphrase that does not decrypt the key (SCRATCH_SIGNING_PASSPHRASE)',
    'it-right-pass-37'           : 'the passphrase of a key whose build was given another one',
]
def isMavensOwnDump = { File log, String line ->
    def it = log.parentFile.name
    (it == 'image-build-to-auth-debug' && (line.trim() == '<password>it-pom-secret-51</password>'
            || line == '[DEBUG]   (f) password = it-pom-secret-51')) ||
    (it == 'image-build-auth-property-debug' && (line.startsWith('[DEBUG] env: MAVEN_CMD_LINE_ARGS=')
            || line == '[DEBUG]   (f) toAuthPassword = it-property-secret-63'))
}

def itRoot = basedir.parentFile
def projects = itRoot.listFiles().findAll { it.isDirectory() && it != basedir && new File(it, 'pom.xml').exists() }
def notRun = projects.findAll { !new File(it, 'build.log').exists() }
assert notRun.isEmpty() : "this sweep must run after every other IT; not run yet: ${notRun*.name}"

def found = []
int logs = 0, files = 0
projects.each { project ->
    def log = new File(project, 'build.log')
    logs++
    log.readLines('UTF-8').eachWithIndex { line, i ->
        secrets.each { secret, source ->
            if (line.contains(secret) && !isMavensOwnDump(log, line)) {
                found << "${log}:${i + 1}: ${source}"
            }
        }
    }
    def target = new File(project, 'target')
    if (target.isDirectory()) {
        target.eachFileRecurse(groovy.io.FileType.FILES) { file ->
            // Regular files only: an unpacked rootfs holds /dev/zero (endless) and symlinks out.
            if (!java.nio.file.Files.isRegularFile(file.toPath(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return
            }
            files++
            def bytes = new String(file.bytes, 'ISO-8859-1')
            secrets.each { secret, source ->
                if (bytes.contains(secret)) {
                    found << "${file}: ${source}"
                }
            }
        }
    }
}
println "secrets sweep: ${secrets.size()} secrets, ${logs} build logs, ${files} files under target/: ${found.size()} found"
assert found.isEmpty() : "registry passwords were written:\n" + found.join('\n')
return true
