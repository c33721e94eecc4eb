def log = new File(basedir, 'build.log').text
assert log.contains('scratch:build needs the image to push: set <to><image> in the plugin configuration or ' +
        '-Dscratch.to.image=registry.example.com/team/app:1.0')
