#!/bin/sh
# Debian's redis-server, as the package installs it; its configuration is the default extra directory.
set -eu
[ -x /usr/bin/redis-server ] || { echo "/usr/bin/redis-server is missing: apt-get install redis-server" >&2; exit 1; }
mkdir -p target
cp /usr/bin/redis-server target/redis-server
