#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine with JDK 17: build the plugin, then run it on the
# example C project: compiled statically in `package`, checked, and written as a FROM scratch
# image to examples/hello-c/target/scratch-image.tar. No registry and no Docker daemon needed.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v gcc >/dev/null || [ ! -e /usr/lib/x86_64-linux-gnu/libc.a ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends gcc libc6-dev
fi

./mvnw -B -q install -DskipTests -Dinvoker.skip=true
./mvnw -B -f examples/hello-c/pom.xml package
echo
echo "Image: examples/hello-c/target/scratch-image.tar ($(cat examples/hello-c/target/scratch-image.digest))"
