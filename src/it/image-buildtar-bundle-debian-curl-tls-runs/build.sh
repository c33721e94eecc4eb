#!/bin/sh
# Debian's curl (libcurl, OpenSSL and some thirty libraries), and a certificate for a TLS server on
# 127.0.0.1 that the image must trust through its CA bundle.
set -eu
[ -x /usr/bin/curl ] || { echo "/usr/bin/curl is missing: apt-get install curl" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is missing: apt-get install openssl" >&2; exit 1; }
mkdir -p target/tls/www
cp /usr/bin/curl target/curl
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=IP:127.0.0.1,DNS:localhost \
    -keyout target/tls/key.pem -out target/tls/cert.pem 2>/dev/null
echo "hello over TLS" > target/tls/www/hello.txt
