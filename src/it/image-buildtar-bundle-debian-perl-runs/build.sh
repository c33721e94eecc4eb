#!/bin/sh
# Debian's own perl binary, unchanged: what a user ships when the program is not theirs to relink.
set -eu
[ -x /usr/bin/perl ] || { echo "/usr/bin/perl is missing: apt-get install perl-base" >&2; exit 1; }
mkdir -p target
cp /usr/bin/perl target/perl
