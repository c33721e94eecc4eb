#!/bin/sh
# Debian's nginx, as the package installs it; its configuration and page are the default extra directory.
set -eu
[ -x /usr/sbin/nginx ] || { echo "/usr/sbin/nginx is missing: apt-get install nginx" >&2; exit 1; }
mkdir -p target
cp /usr/sbin/nginx target/nginx
