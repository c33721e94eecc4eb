io.github.scratchimage.testing.ItRegistry.start(basedir, authRegistryPort as int, 'it-user', 'it-pom-secret-51')
return true
