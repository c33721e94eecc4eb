#!/usr/bin/env bash
# Every test: unit, harness and invoker ITs, against real compilers, registries and clients.
# Installs the Debian packages the tests use when they are missing, then runs the wrapper.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-tools.sh
./mvnw -B verify "$@"
