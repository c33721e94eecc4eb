// The plugin talks to a recording relay in front of a plain-HTTP registry with htpasswd auth.
io.github.scratchimage.testing.ItRegistry.start(basedir, authRegistryPort as int, 'it-user', 'it-http-secret-17')
io.github.scratchimage.testing.RecordingProxy.start(new File(basedir, 'wire.log'), httpProxyPort as int,
        authRegistryPort as int)
return true
