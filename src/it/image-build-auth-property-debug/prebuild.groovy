io.github.scratchimage.testing.ItRegistry.start(basedir, authRegistryPort as int, 'it-user', 'it-property-secret-63')
return true
