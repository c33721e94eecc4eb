import io.github.scratchimage.testing.TestExecutables

// An encrypted P-256 key made by openssl, as the README says; its passphrase is in settings.xml.
def keys = new File(basedir, 'keys')
keys.mkdirs()
def openssl = { String... args -> TestExecutables.run(['openssl'] + (args as List), 'apt-get install openssl') }
openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-aes-256-cbc',
        '-pass', 'pass:it-sign-pass-73', '-out', "${keys}/cosign-key.pem")
openssl('pkey', '-in', "${keys}/cosign-key.pem", '-passin', 'pass:it-sign-pass-73', '-pubout',
        '-out', "${keys}/cosign.pub")
assert new File(keys, 'cosign-key.pem').text.contains('BEGIN ENCRYPTED PRIVATE KEY')
io.github.scratchimage.testing.ItRegistry.start(basedir, registryPort as int, null, null)
return true
