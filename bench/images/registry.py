"""The CNCF distribution registry (Debian's docker-registry) on loopback, as the tests run it."""
import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import shell


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Registry:
    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.address = f"127.0.0.1:{self.port}"
        config = directory / "config.yml"
        config.write_text("\n".join([
            "version: 0.1",
            "log:",
            "  level: warn",
            "storage:",
            "  filesystem:",
            f"    rootdirectory: {directory / 'storage'}",
            "http:",
            f"  addr: {self.address}",
            ""]))
        self.log = directory / "registry.log"
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(["docker-registry", "serve", str(config)],
                                            stdout=out, stderr=subprocess.STDOUT)
        self._await_listening()

    def _await_listening(self):
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"docker-registry exited {self.process.returncode}: "
                                   + self.log.read_text())
            try:
                with urllib.request.urlopen(f"http://{self.address}/v2/", timeout=2):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"docker-registry did not answer on {self.address} within 20 s")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def compressed_size(self, repository: str, tag: str = "latest") -> int:
        """What a pull downloads: the manifest as served, the config blob and every layer blob."""
        raw = shell.output(["skopeo", "inspect", "--raw", "--tls-verify=false",
                            f"docker://{self.address}/{repository}:{tag}"])
        manifest = json.loads(raw)
        if "layers" not in manifest:
            raise RuntimeError(f"{repository}:{tag} is not a single-image manifest: {raw[:200]}")
        return (len(raw.encode()) + manifest["config"]["size"]
                + sum(layer["size"] for layer in manifest["layers"]))
