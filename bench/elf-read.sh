#!/usr/bin/env bash
# Measures ElfReader.read and the check goal's in-process work (read, analysis, the advisor's scan)
# on a ~60 MB real executable with JMH (the target is "well under 50 ms in-process", shown by
# a benchmark rather than a timed unit test). Prints ms per call.
# Usage: bench/elf-read.sh [extra JMH options]
set -euo pipefail
cd "$(dirname "$0")/.."

classpath_file=target/bench-classpath.txt
./mvnw -B -q test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
classpath="target/test-classes:target/classes:$(cat "$classpath_file")"

java -cp "$classpath" org.openjdk.jmh.Main ElfReadBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -rf json \
  -rff target/elf-read-bench.json "$@"

# The JSON score is already in ms (the benchmark's OutputTimeUnit).
python3 - <<'PY'
import json
for r in json.load(open("target/elf-read-bench.json")):
    m = r["primaryMetric"]
    print(f'{r["benchmark"].rsplit(".", 1)[1]}: {m["score"]:.3f} ± {m["scoreError"]:.3f} {m["scoreUnit"]}')
PY
