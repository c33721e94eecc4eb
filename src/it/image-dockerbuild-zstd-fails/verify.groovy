def log = new File(basedir, 'build.log').text
assert log.contains('scratch:dockerBuild hands the image to docker load as a docker-archive, whose layers are ' +
        'gzip only, so it cannot take <compression>zstd</compression> (scratch.compression): use ' +
        '<compression>gzip</compression> for dockerBuild, or scratch:build or scratch:buildTar for a zstd ' +
        'image in the OCI format')
assert !new File(basedir, 'target/layer-cache').exists()
