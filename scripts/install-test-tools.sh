#!/usr/bin/env bash
# Installs the Debian packages the test suite runs for real (compilers for test executables,
# registry, image clients). Only what is missing is installed, so a prepared machine pays nothing.
set -euo pipefail

packages=(
  gcc binutils file                     # gcc -static/-static-pie/dynamic, readelf to cross-check
  g++                                   # a C++ program on libstdc++ for the library resolver
  pax-utils python3-pyelftools          # lddtree, the reference the library resolver is compared with
  musl-tools                            # musl-gcc, static and dynamic musl executables
  gcc-aarch64-linux-gnu libc6-dev-arm64-cross  # arm64 executables
  gcc-arm-linux-gnueabihf libc6-dev-armhf-cross  # 32-bit little-endian (arm/v7)
  gcc-s390x-linux-gnu libc6-dev-s390x-cross      # 64-bit big-endian
  qemu-user-static                      # runs the arm64 executable from an unpacked image
  docker-registry apache2-utils openssl # a real registry, htpasswd, TLS certificates, signing keys
  skopeo umoci podman runc              # clients that prove an image pulls, unpacks and runs
  tzdata ca-certificates                # the sysroot content of the timezones and CA essentials
  libssl-dev                            # static libcrypto: a probe that verifies a certificate as TLS does
  curl lighttpd                         # Debian programs bundled with linkage=bundle: a TLS client, a server
  nginx redis-server redis-tools        # the nginx and redis ITs: servers bundled with the defaults; redis-cli asks
  iproute2 util-linux                   # ip, unshare and nsenter: a server's own network namespace (ImageServer)
  python3.11-minimal libpython3.11-stdlib  # an interpreter bundled with its standard library and extension modules
  tar gzip bzip2 xz-utils zip           # real rootfs archives, the seeds of the archive fuzz test
  golang-go                             # Go programs: the build-info reader's and advisor's tests, examples/hello-go, the Go essentials IT
  cargo                                 # examples/hello-rust, with Debian's rustc
  zstd                                  # decompresses zstd layers the way a runtime would
  dpkg coreutils                        # dpkg-query and md5sum: the reference for the dpkg database reader
  strace                                # counts how often an image build opens the executable
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing test tools: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
