def log = new File(basedir, 'build.log').text
assert log.contains('Speed targets (at ')

// case,size_mib,executable_bytes,tool,metric,unit,median,values
def rows = new File(basedir, 'target/bench.csv').readLines().drop(1).collect { it.split(',', -1) }
def median = { String c, String tool, String metric ->
    def row = rows.find { it[0] == c && it[3] == tool && it[4] == metric }
    assert row != null : "no ${c} ${tool} ${metric} row in bench.csv"
    row[6] as BigDecimal
}

for (c in ['push-changed', 'push-unchanged-after-clean', 'tar-changed']) {
    for (tool in ['ours', 'jib', 'podman', 'maven']) {
        assert median(c, tool, 'wall') > 0
    }
    // the mojo's own time comes from the Maven log's timestamps and lies inside the whole command
    for (tool in ['ours', 'jib']) {
        def own = median(c, tool, 'own')
        assert own > 0 && own < median(c, tool, 'wall')
    }
    for (ratio in ['ours/jib', 'ours/podman', 'ours-own/podman', 'maven-floor/jib']) {
        assert median(c, ratio, 'ratio') > 0
    }
}
assert median('check', 'ours', 'own') < median('check', 'ours', 'wall')
assert median('check', 'ours', 'jmh') > 0

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
