io.github.scratchimage.testing.ItRegistry.startTls(basedir, tlsRegistryPort as int)
return true
