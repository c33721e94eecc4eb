io.github.scratchimage.testing.ItRegistry.start(basedir, registryPort as int, null, null)
return true
