"""Runs the commands the benchmark times, each with its output in its own log file."""
import shutil
import subprocess
import time
from pathlib import Path

# A missing tool stops the run before anything is built, naming the Debian package to install.
TOOLS = {
    "gcc": "gcc",
    "gzip": "gzip",
    "java": "openjdk-17-jdk-headless",
    "docker-registry": "docker-registry",
    "skopeo": "skopeo",
    "podman": "podman",
    "runc": "runc",
    "zstd": "zstd",
}


class CommandFailed(Exception):
    def __init__(self, command, log: Path, code: int):
        tail = log.read_text(errors="replace").splitlines()[-40:]
        super().__init__(f"{' '.join(map(str, command))} exited {code}; last lines of {log}:\n"
                         + "\n".join(tail))


def require_tools():
    missing = [f"{tool} (apt-get install {package})" for tool, package in TOOLS.items()
               if shutil.which(tool) is None]
    if missing:
        raise SystemExit("bench/images.sh cannot run without " + ", ".join(missing)
                         + "; scripts/install-test-tools.sh installs them all")


def run(command, log: Path, env=None, cwd=None) -> float:
    """Runs command with its output appended to log; returns its wall time in seconds."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        out.write(("$ " + " ".join(map(str, command)) + "\n").encode())
        out.flush()
        start = time.monotonic()
        code = subprocess.run(list(map(str, command)), stdout=out, stderr=subprocess.STDOUT,
                              env=env, cwd=cwd).returncode
        elapsed = time.monotonic() - start
    if code != 0:
        raise CommandFailed(command, log, code)
    return elapsed


def output(command, cwd=None) -> str:
    result = subprocess.run(list(map(str, command)), capture_output=True, text=True, cwd=cwd)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} exited {result.returncode}: "
                           + result.stderr.strip())
    return result.stdout
