def log = new File(basedir, 'build.log').text
assert log.contains('Speed targets (at ')

// case,size_mib,executable_bytes,tool,metric,unit,median,values
def rows = new File(basedir, 'target/bench.csv').readLines().drop(1).collect { it.split(',', -1) }
def median = { String c, String tool, String metric ->
    def row = rows.find { it[0] == c && it[3] == tool && it[4] == metric }
    assert row != null : "no ${c} ${tool} ${metric} row in bench.csv"
    row[6] as BigDecimal
}

// the machine it ran on is part of the results
for (key in ['cpu', 'cores', 'memory', 'os', 'jdk', 'maven', 'podman']) {
    assert rows.find { it[0] == 'environment' && it[4] == key && !it[6].isEmpty() } : "no ${key} in bench.csv"
}

for (c in ['push-changed', 'push-unchanged-after-clean', 'tar-changed']) {
    for (tool in ['ours', 'ours-zstd', 'jib', 'podman']) {
        assert median(c, tool, 'wall') > 0
    }
    // each Maven peer's floor (its plugin skipped) in the same round; the mojo's own time from the
    // log's timestamps lies inside the whole command, beside whole - floor
    for (tool in ['ours', 'ours-zstd', 'jib']) {
        assert median(c, "${tool}-floor", 'wall') > 0
        def own = median(c, tool, 'own')
        assert own > 0 && own < median(c, tool, 'wall')
        // one repetition: the median of the differences is the difference of the medians
        def minus = median(c, "${tool}", 'whole-minus-floor')
        assert (minus - (median(c, tool, 'wall') - median(c, "${tool}-floor", 'wall'))).abs() < 0.001
    }
    for (ratio in ['ours/jib', 'ours-zstd/jib', 'ours/podman', 'ours-own/podman', 'ours-zstd-own/podman',
                   'ours-floor/jib']) {
        assert median(c, ratio, 'ratio') > 0
    }
}
assert median('check', 'ours', 'own') < median('check', 'ours', 'wall')
assert median('check', 'ours', 'jmh') > 0

// podman pulled our gzip and our zstd image from the registry and ran each
for (tool in ['ours', 'ours-zstd']) {
    assert median('pull-run', tool, 'pull') > 0
    assert median('pull-run', tool, 'run') > 0
}

// every image was pushed and measured in the registry: about gzip -6 of the 1 MiB executable
def executableBytes = rows.find { it[0] == 'push-changed' }[2] as long
assert executableBytes >= (1 << 20) - 4096 && executableBytes <= (1 << 20) + 4096
for (tool in ['ours', 'jib', 'podman']) {
    def gzip = median('image-size', tool, 'gzip6')
    def compressed = median('image-size', tool, 'compressed')
    assert gzip > 100000 && gzip < executableBytes
    assert compressed > gzip * 0.9 && compressed < gzip * 1.5
    assert median('image-size', tool, 'overhead') == compressed - gzip
}
// zstd at its default level 3: compressed, within a third of gzip -6 either way
def zstd = median('image-size', 'ours-zstd', 'compressed')
assert zstd > median('image-size', 'ours', 'gzip6') * 0.67 && zstd < median('image-size', 'ours', 'gzip6') * 1.33
