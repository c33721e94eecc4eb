def auth = 'it-user:it-config-secret-29'.bytes.encodeBase64().toString()
def dir = new File(basedir, 'docker-config')
dir.mkdirs()
new File(dir, 'config.json').text = """{"auths": {"127.0.0.1:${httpProxyPort}": {"auth": "${auth}"}}}"""
// Through the relay, on a port no settings.xml <server> names: the settings.xml server of the
// registry's own port would win over this source.
io.github.scratchimage.testing.ItRegistry.start(basedir, authRegistryPort as int, 'it-user', 'it-config-secret-29')
io.github.scratchimage.testing.RecordingProxy.start(new File(basedir, 'wire.log'), httpProxyPort as int,
        authRegistryPort as int)
return true
