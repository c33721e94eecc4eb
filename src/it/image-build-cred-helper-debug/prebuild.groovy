// The docker credential-helper protocol: "get" with the server on stdin, JSON on stdout.
def helper = new File(basedir, 'docker-credential-it')
helper.text = '''#!/bin/sh
read server
[ "$1" = get ] || exit 1
printf '{"ServerURL":"%s","Username":"it-user","Secret":"it-helper-secret-88"}\\n' "$server"
'''
helper.setExecutable(true)
// Through the relay, on a port no settings.xml <server> names: the settings.xml server of the
// registry's own port would win over this source.
io.github.scratchimage.testing.ItRegistry.start(basedir, authRegistryPort as int, 'it-user', 'it-helper-secret-88')
io.github.scratchimage.testing.RecordingProxy.start(new File(basedir, 'wire.log'), httpProxyPort as int,
        authRegistryPort as int)
return true
