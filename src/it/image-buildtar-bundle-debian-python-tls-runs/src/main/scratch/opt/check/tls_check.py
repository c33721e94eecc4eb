# Fetches a page over TLS, verifying the server against the image's CA bundle (SSL_CERT_FILE):
# ssl needs the extension module _ssl, which needs libssl and libcrypto from the bundle.
import ssl
import sys
import urllib.request

context = ssl.create_default_context()
with urllib.request.urlopen(f"https://127.0.0.1:{sys.argv[1]}/hello.txt", context=context) as answer:
    print(answer.read().decode().strip(), answer.status)
