"""Proof that every peer pushed the same thing: the very executable, at /app/bench-app, as the
entrypoint. Without it a misconfigured peer (an extension that did not run, a stale cache) would
win the benchmark by shipping less."""
import hashlib
import json
import shutil
import tarfile
from pathlib import Path

import shell

TARGET = "app/bench-app"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as data:
        while chunk := data.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def verify(registry_address: str, repository: str, executable: Path, layout: Path):
    shutil.rmtree(layout, ignore_errors=True)
    shell.output(["skopeo", "copy", "--quiet", "--src-tls-verify=false",
                  f"docker://{registry_address}/{repository}:latest", f"oci:{layout}:latest"])
    blobs = layout / "blobs" / "sha256"
    index = json.loads((layout / "index.json").read_text())
    manifest = json.loads((blobs / index["manifests"][0]["digest"].split(":")[1]).read_text())
    config = json.loads((blobs / manifest["config"]["digest"].split(":")[1]).read_text())
    entrypoint = config.get("config", {}).get("Entrypoint")
    if entrypoint != ["/" + TARGET]:
        raise RuntimeError(f"{repository}'s entrypoint is {entrypoint}, not /{TARGET}")
    shipped = None
    for layer in manifest["layers"]:
        blob = blobs / layer["digest"].split(":")[1]
        if layer["mediaType"].endswith("+zstd"):
            # Python's tarfile reads gzip, not zstd: the zstd CLI unpacks it as a runtime would.
            tar_file = layout / "layer.tar"
            shell.output(["zstd", "-q", "-d", "-f", blob, "-o", tar_file])
            blob = tar_file
        with tarfile.open(blob, "r:*") as tar:
            for member in tar:
                if member.name.lstrip("./") == TARGET and member.isfile():
                    digest = hashlib.sha256()
                    with tar.extractfile(member) as data:
                        while chunk := data.read(1 << 20):
                            digest.update(chunk)
                    shipped = (digest.hexdigest(), member.mode & 0o111)
    shutil.rmtree(layout, ignore_errors=True)
    if shipped is None:
        raise RuntimeError(f"{repository} has no /{TARGET}")
    if shipped[0] != sha256(executable) or not shipped[1]:
        raise RuntimeError(f"{repository}'s /{TARGET} is not {executable} as an executable file")
