def log = new File(basedir, 'build.log').text
assert log.contains('<compression>zstd</compression> (scratch.compression) needs the OCI image format, but ' +
        '<container><format> (scratch.container.format) is Docker, whose manifests name gzip layers only: ' +
        'use <format>OCI</format> (the default), or <compression>gzip</compression>')
// Refused before any work: no layer compressed, no tar, no report.
assert !new File(basedir, 'target/layer-cache').exists()
assert !new File(basedir, 'target/scratch-image.tar').exists()
assert !new File(basedir, 'target/scratch-check.json').exists()
