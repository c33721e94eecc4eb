#!/bin/sh
# Debian's lighttpd, and its configuration and content as a rootfs archive.
set -eu
[ -x /usr/sbin/lighttpd ] || { echo "/usr/sbin/lighttpd is missing: apt-get install lighttpd" >&2; exit 1; }
mkdir -p target
cp /usr/sbin/lighttpd target/lighttpd
tar -cf target/site.tar -C src/main/rootfs etc srv
