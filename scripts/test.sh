#!/usr/bin/env bash
# Every test: unit, harness and invoker ITs, against real compilers, registries and clients, then
# the documentation site (goal and parameter pages), so a broken site fails like a broken test.
# Installs the Debian packages the tests use when they are missing, then runs the wrapper.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-tools.sh
./mvnw -B verify "$@"
echo "Building the site (target/site) to check that it builds"
./mvnw -B -q site -DskipTests -Dinvoker.skip=true -Dfuzz.skip=true
