#!/bin/sh
# Debian's python3.11, unchanged, and its standard library as users archive it: a plain tar of
# /usr/lib/python3.11 with its absolute symlinks (sitecustomize.py -> /etc/python3.11/...), and of
# /etc/python3.11, where that link points. The config-3.11 directory is left out: it is for
# building C extensions, and its libpython3.11.so link points at libpython3.11-dev's library.
set -eu
[ -x /usr/bin/python3.11 ] || { echo "/usr/bin/python3.11 is missing: apt-get install python3.11-minimal" >&2; exit 1; }
[ -f /usr/lib/python3.11/urllib/request.py ] || { echo "python's standard library is missing: apt-get install libpython3.11-stdlib" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is missing: apt-get install openssl" >&2; exit 1; }
mkdir -p target/tls/www
cp /usr/bin/python3.11 target/python3.11
tar -cf target/python-stdlib.tar --exclude=usr/lib/python3.11/config-3.11-x86_64-linux-gnu /usr/lib/python3.11 2>/dev/null
tar -cf target/python-etc.tar /etc/python3.11 2>/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=IT Python CA" \
    -keyout target/tls/ca.key -out target/tls/ca.pem 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 \
    -keyout target/tls/key.pem -out target/tls/server.csr 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1\n' > target/tls/san.ext
openssl x509 -req -in target/tls/server.csr -CA target/tls/ca.pem -CAkey target/tls/ca.key -CAcreateserial \
    -days 2 -extfile target/tls/san.ext -out target/tls/cert.pem 2>/dev/null
echo "hello from python over TLS" > target/tls/www/hello.txt
