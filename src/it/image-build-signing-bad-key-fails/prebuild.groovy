import io.github.scratchimage.testing.TestExecutables

def keys = new File(basedir, 'keys')
keys.mkdirs()
def openssl = { String... args -> TestExecutables.run(['openssl'] + (args as List), 'apt-get install openssl') }
openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-aes-256-cbc',
        '-pass', 'pass:it-right-pass-37', '-out', "${keys}/encrypted.pem")
openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', "${keys}/p384.pem")
io.github.scratchimage.testing.ItRegistry.start(basedir, registryPort as int, null, null)
return true
