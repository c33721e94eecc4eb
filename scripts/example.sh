#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine with JDK 17: build the plugin, then run it on the
# example C project: compiled statically in `package`, checked, and written as a FROM scratch
# image to examples/hello-c/target/scratch-image.tar. No registry and no Docker daemon needed.
# Maven runs quietly (-q), so each step is announced here; errors are printed in full.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '==> %s\n' "$*"; }

if ! command -v gcc >/dev/null || [ ! -e /usr/lib/x86_64-linux-gnu/libc.a ]; then
  step "Installing gcc and libc6-dev (Debian packages the example is compiled with)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends gcc libc6-dev
fi

step "Building the plugin and installing it into the local Maven repository (./mvnw install;" \
     "the first run downloads Maven and the dependencies, about two minutes)"
./mvnw -B -q install -DskipTests -Dinvoker.skip=true -Dfuzz.skip=true

step "Building examples/hello-c: gcc -static, then scratch:buildTar checks the executable and writes the image"
./mvnw -B -q -f examples/hello-c/pom.xml package

image=examples/hello-c/target/scratch-image.tar
step "Image: $image ($(cat examples/hello-c/target/scratch-image.digest))"
echo "    run it:  podman load -i $image && podman run --rm localhost/hello-c:1.0.0"
echo "    report:  examples/hello-c/target/scratch-check.json, examples/hello-c/target/scratch-image.json"
