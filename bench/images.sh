#!/usr/bin/env bash
# Builds and pushes FROM scratch images of the same executables with this plugin, jib-maven-plugin
# 3.5.2 + jib-native-image-extension-maven 0.1.0, and podman build + push, side by side in one run,
# and writes the medians and ratios to bench/results/<date>.csv. See bench/images/run.py --help.
# Usage: bench/images.sh [--smoke] [--big] [--reps N] [--sizes 1,60] [--repo DIR] [--no-install]
set -euo pipefail
exec python3 "$(dirname "$0")/images/run.py" "$@"
