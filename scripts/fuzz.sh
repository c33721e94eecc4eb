#!/usr/bin/env bash
# Long fuzzing run: each Jazzer target in turn, one JVM at a time, at low priority.
#   scripts/fuzz.sh [DURATION_PER_TARGET]       e.g. scripts/fuzz.sh 10m (default 6m)
# The corpus grows in .cifuzz-corpus/ (kept between runs, not committed). A crashing input is
# written to src/test/resources/<package>/<Class>Inputs/<method>/ and replays in every `verify`
# from then on: commit it with the fix. Logs: target/fuzz-logs/<target>.log.
set -uo pipefail
cd "$(dirname "$0")/.."
duration="${1:-6m}"
targets=(
  ElfReaderFuzzTest
  AnalyzerFuzzTest
  'LibraryResolverFuzzTest#fuzzedLibrariesGiveATreeWithUnresolvedAndSkippedEntries'
  'LibraryResolverFuzzTest#fuzzedLdSoConfGivesATree'
  RootfsArchiveFuzzTest
  'GoBinaryFuzzTest#anyBytesGiveAResultOrEmpty'
)
./mvnw -B -q test-compile || exit 1
mkdir -p target/fuzz-logs
failed=0
total=0
for t in "${targets[@]}"; do
  log="target/fuzz-logs/${t//#/-}.log"
  JAZZER_FUZZ=1 nice -n 10 ./mvnw -B surefire:test -Dtest="$t" -Djazzer.max_duration="$duration" \
      -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1
  rc=$?
  runs=$(grep -aoE '^Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  total=$((total + ${runs:-0}))
  if [ $rc -eq 0 ]; then
    echo "$t: ${runs:-0} inputs in $duration, no finding"
  else
    failed=1
    echo "$t: FINDING after ${runs:-?} inputs, see $log:"
    grep -aE 'FuzzTestFindingException|Exception:' "$log" | head -3
  fi
done
echo "total: $total inputs"
exit $failed
