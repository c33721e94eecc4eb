"""The ways to ship the executable: this plugin (gzip and zstd layers), jib-maven-plugin with the
native-image extension, podman build + push. Each measures wall time of the whole command a
developer runs and, where there is one, the tool's own time inside it; a Maven peer also times its
floor, the same command with its plugin skipped. Podman also pulls and runs our images."""
import os
import shutil
import tempfile
from collections import namedtuple
from pathlib import Path

import mavenlog
import shell

PROJECTS = Path(__file__).resolve().parent / "projects"

# Podman as it runs on these machines (no overlay, no systemd), with storage of its own.
PODMAN_FLAGS = ["--storage-driver=vfs", "--cgroup-manager=cgroupfs", "--runtime=runc",
                "--events-backend=file"]

Measurement = namedtuple("Measurement", "wall own")


class Maven:
    """Runs Maven from the wrapper's distribution with the bench's repository and settings."""

    def __init__(self, home: Path, repository: Path, settings: Path, env: dict):
        self.home = home
        self.repository = repository
        self.settings = settings
        self.env = env

    def command(self, project: Path, *arguments):
        # Not -o: both plugins refuse to push in offline mode. After the warm-up every release is
        # local (never checked again) and -nsu stops SNAPSHOT update checks, so nothing is fetched.
        return ([self.home / "bin" / "mvn", "-B", "-nsu", "-f", project / "pom.xml", "-s",
                 self.settings, f"-Dmaven.repo.local={self.repository}"]
                + mavenlog.TIMESTAMP_OPTIONS + list(arguments))


class MavenPeer:
    def __init__(self, name, prefix, skip_argument, directory: Path, maven: Maven, logs: Path,
                 values: dict, extra_arguments=(), project=None):
        """prefix: the plugin's goal prefix, whose mojos are the peer's own time; skip_argument:
        what skips the plugin (-Dscratch.skip=true), for the floor; project: the pom template
        under projects/ (default: name)."""
        self.name = name
        self.prefix = prefix
        self.skip_argument = skip_argument
        self.directory = directory
        self.maven = maven
        self.logs = logs
        self.extra_arguments = list(extra_arguments)
        self.executable = directory / "target" / "bench-app"
        source = (PROJECTS / (project or name) / "pom.xml").read_text()
        for key, value in values.items():
            source = source.replace(f"@{key}@", str(value))
        assert "@" not in source.replace("@project", ""), f"unfilled placeholder in {name}/pom.xml"
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "pom.xml").write_text(source)
        java = directory / "src" / "main" / "java" / "bench"
        java.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PROJECTS / "common" / "Main.java", java / "Main.java")
        # An .mvn of its own stops Maven from taking the enclosing checkout's .mvn/*.config.
        (directory / ".mvn").mkdir(exist_ok=True)

    def warm_up(self, executable: Path, profiles: str):
        """Resolves every plugin once, so that timed runs download nothing."""
        self._place(executable)
        for skip in ([], [self.skip_argument]):
            shell.run(self.maven.command(self.directory, "-P" + profiles, *self.extra_arguments,
                                         *skip, "package"),
                      self.logs / f"warm-up-{self.name}.log", env=self.maven.env)

    def package(self, executable: Path, profile: str, label: str, clean=False, env=None, skip=False):
        """skip: the floor, the same command with the plugin skipped (no own time then)."""
        if clean:
            # What mvn clean does here (maven-clean-plugin deletes target/), without its JVM start.
            shutil.rmtree(self.directory / "target", ignore_errors=True)
        self._place(executable)
        log = self.logs / f"{label}-{self.name}{'-floor' if skip else ''}.log"
        wall = shell.run(self.maven.command(self.directory, "-P" + profile, *self.extra_arguments,
                                            *([self.skip_argument] if skip else []), "package"),
                         log, env=env or self.maven.env)
        own = None if skip else mavenlog.mojo_seconds(log, self.prefix)
        return Measurement(wall, own)

    def push_changed(self, executable, label, skip=False):
        return self.package(executable, "push", label, skip=skip)

    def push_unchanged_after_clean(self, executable, label, skip=False):
        return self.package(executable, "push", label, clean=True, skip=skip)

    def tar_changed(self, executable, label, skip=False):
        return self.package(executable, "tar", label, skip=skip)

    def _place(self, executable: Path):
        # A developer's compile writes a new file: a new inode and modification time.
        self.executable.parent.mkdir(parents=True, exist_ok=True)
        if self.executable.exists():
            self.executable.unlink()
        shutil.copyfile(executable, self.executable)
        os.chmod(self.executable, 0o755)


class PodmanPeer:
    name = "podman"

    def __init__(self, directory: Path, registry_address: str, logs: Path):
        self.context = directory / "context"
        self.context.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PROJECTS / "podman" / "Dockerfile", self.context / "Dockerfile")
        # podman refuses a runroot path over 50 characters, which a checkout's target/ can exceed.
        self.runroot = Path(tempfile.mkdtemp(prefix="bench-podman-"))
        self.podman = (["podman", "--root", directory / "root", "--runroot", self.runroot]
                       + PODMAN_FLAGS)
        self.reference = f"{registry_address}/podman:latest"
        self.tar = directory / "image.tar"
        self.logs = logs

    def warm_up(self, executable: Path, profiles: str):
        self.push_changed(executable, "warm-up")

    def push_changed(self, executable, label):
        self._place(executable)
        log = self.logs / f"{label}-podman.log"
        wall = shell.run(self.podman + ["build", "--quiet", "-t", self.reference, self.context], log)
        wall += shell.run(self.podman + ["push", "--quiet", "--tls-verify=false", self.reference], log)
        return Measurement(wall, None)

    def push_unchanged_after_clean(self, executable, label):
        # Nothing to clean: podman's layer cache lives in its storage, as ours in cacheDirectory.
        return self.push_changed(executable, label)

    def tar_changed(self, executable, label):
        self._place(executable)
        log = self.logs / f"{label}-podman.log"
        self.tar.unlink(missing_ok=True)
        wall = shell.run(self.podman + ["build", "--quiet", "-t", "localhost/bench-tar", self.context],
                         log)
        wall += shell.run(self.podman + ["save", "--quiet", "--format", "oci-archive", "-o", self.tar,
                                         "localhost/bench-tar"], log)
        return Measurement(wall, None)

    def pull_run(self, reference: str, label: str):
        """(pull s, run s, output) of an image not in podman's storage: what a node does with it."""
        log = self.logs / f"{label}-podman-pull.log"
        self._forget(reference, log)
        pull = shell.run(self.podman + ["pull", "--quiet", "--tls-verify=false", reference], log)
        run_log = self.logs / f"{label}-podman-run.log"
        # The limits as the ITs give them: this machine's container may not raise podman's defaults.
        run = shell.run(self.podman + ["run", "--rm", "--network=none", "--ulimit", "nofile=20000:20000",
                                       "--ulimit", "nproc=1000:1000", reference], run_log)
        output = run_log.read_text(errors="replace")
        self._forget(reference, log)
        return pull, run, output

    def _forget(self, reference: str, log: Path):
        try:
            shell.run(self.podman + ["rmi", "--force", "--ignore", reference], log)
        except shell.CommandFailed as failure:
            raise RuntimeError(f"podman could not remove {reference} before pulling it: {failure}")

    def remove_images(self):
        """Best effort, after the run: a failure here must not hide the run's own failure."""
        # Not "system reset": that also removes networks, which other podman users share.
        try:
            shell.run(self.podman + ["rmi", "--all", "--force"], self.logs / "podman-rmi.log")
        except shell.CommandFailed as failure:
            print(f"warning: {failure}", flush=True)
        shutil.rmtree(self.runroot, ignore_errors=True)

    def _place(self, executable: Path):
        target = self.context / "bench-app"
        target.unlink(missing_ok=True)
        shutil.copyfile(executable, target)
        os.chmod(target, 0o755)
