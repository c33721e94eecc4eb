#!/usr/bin/env python3
"""Benchmark: this plugin (gzip and zstd layers) against jib-maven-plugin and podman, side by
side in one run.

For each executable size: (1) a changed executable built and pushed, (2) the same executable
again after `mvn clean`, (3) a changed executable written as a tar, each with the peers in
rotating order in every repetition, and each Maven peer's floor (the same command with its plugin
skipped) right after it, so "whole - floor" and the mojo's own time from the log stand side by
side; (4) podman pulls and runs our gzip and zstd images from the registry; then (5) the check
goal alone, as a whole command, as the mojo's own time and in-process with JMH, and (6) the
compressed image size minus gzip -6 of the executable. Medians, ratios and the speed targets are
printed and written to a CSV, with the machine it ran on; --docs also writes them to docs/.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import shell
import shipped
from executables import Executables
from peers import Maven, MavenPeer, PodmanPeer
from registry import Registry
from report import Results

ROOT = Path(__file__).resolve().parents[2]
JIB_VERSION = "3.5.2"
NATIVE_IMAGE_EXTENSION_VERSION = "0.1.0"
CASES = [("push-changed", "push_changed", "push"),
         ("push-unchanged-after-clean", "push_unchanged_after_clean", None),
         ("tar-changed", "tar_changed", "tar")]


def parse_arguments(argv):
    parser = argparse.ArgumentParser(prog="bench/images.sh", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true",
                        help="1 MiB, one repetition, no warm-up, a short JMH run: proves the "
                             "harness works (the test suite runs it)")
    parser.add_argument("--reps", type=int, default=5, help="repetitions per case (default 5)")
    parser.add_argument("--sizes", default="1,60", help="executable sizes in MiB (default 1,60)")
    parser.add_argument("--big", action="store_true",
                        help="also push a 1 GiB executable with MAVEN_OPTS=-Xmx256m (ours only)")
    parser.add_argument("--work", type=Path, default=ROOT / "target" / "bench-images",
                        help="projects, executables, logs; emptied first (default target/bench-images)")
    parser.add_argument("--repo", type=Path, default=ROOT / "target" / "bench-images-m2",
                        help="Maven local repository of every bench run (default target/bench-images-m2)")
    parser.add_argument("--upstream", type=Path, default=Path.home() / ".m2" / "repository",
                        help="local repository to copy releases from before Maven Central")
    parser.add_argument("--no-install", action="store_true",
                        help="use the plugin already installed in --repo instead of building it")
    parser.add_argument("--out", type=Path, help="CSV to write (default bench/results/<date>.csv)")
    parser.add_argument("--docs", action="store_true",
                        help="also write the CSV and its table to docs/benchmark-results.{csv,md}")
    parser.add_argument("--keep", action="store_true",
                        help="keep executables, registry blobs and podman storage in --work")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes, args.reps = "1", 1
    args.sizes = [int(s) for s in args.sizes.split(",")]
    return args


def maven_home() -> Path:
    version = shell.output([ROOT / "mvnw", "-v"], cwd=ROOT)
    for line in version.splitlines():
        if line.startswith("Maven home:"):
            return Path(line.split(":", 1)[1].strip())
    raise RuntimeError("./mvnw -v names no Maven home:\n" + version)


def plugin_version() -> str:
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    return ElementTree.parse(ROOT / "pom.xml").getroot().find("m:version", namespace).text


def write_settings(work: Path, upstream: Path) -> Path:
    settings = work / "settings.xml"
    template = (ROOT / "bench" / "images" / "projects" / "common" / "settings.xml").read_text()
    settings.write_text(template.replace("@UPSTREAM_URL@", upstream.resolve().as_uri()))
    return settings


def install_plugin(args, settings, logs):
    print("Building the plugin into", args.repo, flush=True)
    shell.run([ROOT / "mvnw", "-B", "install", "-DskipTests", "-Dinvoker.skip=true",
               f"-Dmaven.repo.local={args.repo}", "-s", settings], logs / "install-plugin.log",
              cwd=ROOT)


def prefetch_peers(upstream: Path, logs: Path):
    """Downloads Jib once into the upstream repository, which outlives mvn clean (the bench's own
    repository may not), so that later runs need no network. The lifecycle plugins are pinned to
    the versions the plugin's own build uses, so they are there already."""
    for group, artifact, version in [
            ("com.google.cloud.tools", "jib-maven-plugin", JIB_VERSION),
            ("com.google.cloud.tools", "jib-native-image-extension-maven",
             NATIVE_IMAGE_EXTENSION_VERSION)]:
        jar = upstream.joinpath(*group.split("."), artifact, version, f"{artifact}-{version}.jar")
        if not jar.is_file():
            print(f"Downloading {artifact} {version} into {upstream}", flush=True)
            shell.run([ROOT / "mvnw", "-B", "-q", "dependency:get",
                       f"-Dartifact={group}:{artifact}:{version}",
                       f"-Dmaven.repo.local={upstream}"], logs / "prefetch.log", cwd=ROOT)


def lifecycle_plugins() -> str:
    return (ROOT / "bench" / "images" / "projects" / "common" / "lifecycle-plugins.xml").read_text()


def first_line(command) -> str:
    try:
        result = subprocess.run(list(map(str, command)), capture_output=True, text=True)
    except OSError:
        return "not installed"
    return ((result.stdout or result.stderr).strip().splitlines() or ["?"])[0]


def machine() -> dict:
    """What the numbers depend on: the CPU, its cores and memory, the OS, the JDK, Maven, podman."""
    info = {}
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        models = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                  if line.startswith("model name")]
        info["cpu"] = models[0] if models else platform.processor()
    info["cores"] = str(os.cpu_count())
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        info["memory"] = f"{kib / (1 << 20):.1f} GiB"
    os_release = Path("/etc/os-release")
    if os_release.is_file():
        for line in os_release.read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                info["os"] = line.split("=", 1)[1].strip('"')
    info["kernel"] = platform.release()
    info["jdk"] = first_line(["java", "-version"])
    info["maven"] = re.sub(r"\x1b\[[0-9;]*m", "", first_line([ROOT / "mvnw", "-v"]))
    info["podman"] = first_line(["podman", "--version"])
    return info


def gzip6_size(executable: Path) -> int:
    process = subprocess.Popen(["gzip", "-6", "-c", str(executable)], stdout=subprocess.PIPE)
    size = 0
    while chunk := process.stdout.read(1 << 20):
        size += len(chunk)
    if process.wait() != 0:
        raise RuntimeError(f"gzip -6 {executable} exited {process.returncode}")
    return size


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = args.work.resolve()
        self.logs = self.work / "logs"
        self.results = Results()
        self.count = 0

    def run(self):
        args = self.args
        shell.require_tools()
        self._empty_work()
        args.repo = args.repo.resolve()
        settings = write_settings(self.work, args.upstream)
        prefetch_peers(args.upstream.resolve(), self.logs)
        if not args.no_install:
            install_plugin(args, settings, self.logs)
        version = plugin_version()
        installed = args.repo / "io" / "github" / "scratchimage" / "scratch-maven-plugin" / version
        if not installed.is_dir():
            raise SystemExit(f"scratch-maven-plugin {version} is not in {args.repo}: run without "
                             "--no-install, or install it there first")
        env = {k: v for k, v in os.environ.items() if k not in ("MAVEN_OPTS", "MAVEN_ARGS")}
        self.results.machine = machine()
        self.results.add("environment", 0, "host", "cpus", "count", os.cpu_count())
        self.results.add("environment", 0, "host", "load1-start", "load", os.getloadavg()[0])
        registry = Registry(self.work / "registry")
        podman = None
        try:
            maven = Maven(maven_home(), args.repo, settings, env)
            ours, ours_zstd, jib = self._maven_peers(maven, version, registry.address)
            podman = PodmanPeer(self.work / "podman", registry.address, self.logs)
            self.podman = podman
            self.peers = [ours, ours_zstd, jib, podman]  # each ships an image
            self.timed = self.peers
            if not args.smoke:  # a smoke run's numbers do not matter; its time does
                self.warm_up()
            for size in args.sizes:
                self.measure(size, ours, registry)
            if args.big:
                self.measure_big(ours, env)
            self.results.add("environment", 0, "host", "load1-end", "load", os.getloadavg()[0])
        finally:
            registry.stop()
            if not args.keep:
                if podman is not None:
                    podman.remove_images()
                # Each holds copies of the executables: 1 GiB more apiece after --big.
                for leftover in ("exe", "registry", "podman", "scratch-cache", "ours/target",
                                 "ours-zstd/target", "jib/target"):
                    shutil.rmtree(self.work / leftover, ignore_errors=True)
        self.report()

    def _empty_work(self):
        # --work is emptied; a directory that this script did not make is refused, not deleted.
        marker = self.work / ".bench-images-work"
        if self.work.exists() and any(self.work.iterdir()) and not marker.exists():
            raise SystemExit(f"{self.work} is not empty and was not made by bench/images.sh: "
                             "choose another --work")
        shutil.rmtree(self.work, ignore_errors=True)
        self.logs.mkdir(parents=True)
        marker.touch()

    def _maven_peers(self, maven, version, registry_address):
        values = {"PLUGIN_VERSION": version, "REGISTRY": registry_address,
                  "CACHE_DIRECTORY": self.work / "scratch-cache",
                  "LIFECYCLE_PLUGINS": lifecycle_plugins(), "JIB_VERSION": JIB_VERSION,
                  "NATIVE_IMAGE_EXTENSION_VERSION": NATIVE_IMAGE_EXTENSION_VERSION}
        # Each one's floor is its own command with the plugin skipped: no plugin can make the
        # whole command faster than that, and whole - floor is what the plugin costs there.
        ours = MavenPeer("ours", "scratch", "-Dscratch.skip=true", self.work / "ours", maven,
                         self.logs, values)
        # The same project and cache, zstd layers, its own repository in the registry.
        ours_zstd = MavenPeer("ours-zstd", "scratch", "-Dscratch.skip=true", self.work / "ours-zstd",
                              maven, self.logs, values,
                              ["-Dscratch.compression=zstd", "-Dbench.repository=ours-zstd"],
                              project="ours")
        jib = MavenPeer("jib", "jib", "-Djib.skip=true", self.work / "jib", maven, self.logs, values,
                        ["-Djib.disableUpdateChecks=true",
                         f"-Djib.baseImageCache={self.work / 'jib-base-cache'}"])
        return ours, ours_zstd, jib

    def report(self):
        print()
        print(self.results.table())
        out = self.args.out or ROOT / "bench" / "results" / (
            datetime.datetime.now().strftime("%Y-%m-%d-%H%M%S") + ".csv")
        out.parent.mkdir(parents=True, exist_ok=True)
        self.results.write_csv(out)
        print(f"\nWrote {out}")
        if self.args.docs:
            command = "bench/images.sh " + " ".join(sys.argv[1:])
            self.results.write_csv(ROOT / "docs" / "benchmark-results.csv")
            (ROOT / "docs" / "benchmark-results.md").write_text(self.results.markdown(command))
            print("Wrote docs/benchmark-results.csv and docs/benchmark-results.md")

    def warm_up(self):
        print("Warming up: every plugin resolved once, so timed runs download nothing", flush=True)
        executable = Executables(self.work / "exe" / "warm-up", 1 << 20).variant("warm-up")
        for peer, profiles in zip(self.timed, ["push,tar,check", "push,tar", "push,tar", None]):
            peer.warm_up(executable, profiles)

    def measure(self, size, ours, registry):
        executables = Executables(self.work / "exe" / str(size), size << 20)
        self.results.executable_bytes[size] = executables.actual_size
        print(f"\n{size} MiB executables: {executables.actual_size} bytes", flush=True)
        for rep in range(self.args.reps):
            turn = rep % len(self.timed)
            order = self.timed[turn:] + self.timed[:turn]
            pushed = None
            for case, method, tag in CASES:
                executable = executables.variant(f"{tag}{rep}-{size}") if tag else pushed
                pushed = executable if tag == "push" else pushed
                for peer in order:
                    label = f"{size}m-{case}-{rep}"
                    m = getattr(peer, method)(executable, label)
                    self.record(case, size, peer.name, rep, m)
                    if isinstance(peer, MavenPeer):
                        floor = getattr(peer, method)(executable, label, skip=True)
                        self.record(case, size, peer.name + "-floor", rep, floor)
                        self.results.add(case, size, peer.name, "whole-minus-floor", "s",
                                         m.wall - floor.wall)
            self.pull_and_run(size, rep, registry)
        for rep in range(self.args.reps):
            self.record("check", size, "ours", rep,
                        ours.package(pushed, "check", f"{size}m-check-{rep}"))
        gzip = gzip6_size(pushed)
        for peer in self.peers:
            shipped.verify(registry.address, peer.name, pushed, self.work / "layout")
            compressed = registry.compressed_size(peer.name)
            self.results.add("image-size", size, peer.name, "compressed", "bytes", compressed)
            self.results.add("image-size", size, peer.name, "gzip6", "bytes", gzip)
            self.results.add("image-size", size, peer.name, "overhead", "bytes", compressed - gzip)
        if size == max(self.args.sizes):
            self.jmh(pushed, size)

    def pull_and_run(self, size, rep, registry):
        """What a node does with our images: pull from the registry (none of it stored before) and run."""
        for name in ("ours", "ours-zstd"):
            pull, run, output = self.podman.pull_run(f"{registry.address}/{name}:latest",
                                                     f"{size}m-pull-run-{rep}-{name}")
            if "bench-app" not in output:
                raise RuntimeError(f"podman run of {name} printed no bench-app line:\n{output}")
            self.results.add("pull-run", size, name, "pull", "s", pull)
            self.results.add("pull-run", size, name, "run", "s", run)
            self.results.add("pull-run", size, name, "wall", "s", pull + run)
            self.count += 1
            print(f"[{self.count:3}] {'pull-run':27} {size:5} MiB rep {rep}  {name:9} "
                  f"pull {pull:6.2f} s, run {run:6.2f} s", flush=True)

    def record(self, case, size, tool, rep, measurement):
        self.count += 1
        self.results.add(case, size, tool, "wall", "s", measurement.wall)
        self.results.add(case, size, tool, "own", "s", measurement.own)
        own = f" (own {measurement.own:.2f} s)" if measurement.own is not None else ""
        print(f"[{self.count:3}] {case:27} {size:5} MiB rep {rep}  {tool:15} "
              f"{measurement.wall:7.2f} s{own}", flush=True)

    def jmh(self, executable, size):
        print(f"JMH: check (read, analysis, advisor scan) of the {size} MiB executable in-process", flush=True)
        classpath_file = self.work / "classpath.txt"
        shell.run([ROOT / "mvnw", "-B", "-q", "dependency:build-classpath",
                   "-Dmdep.includeScope=test", f"-Dmdep.outputFile={classpath_file}",
                   f"-Dmaven.repo.local={self.args.repo}", "-s", self.work / "settings.xml"],
                  self.logs / "jmh-classpath.log", cwd=ROOT)
        compiled = ROOT / "target" / "test-classes" / "META-INF" / "BenchmarkList"
        if not compiled.is_file():
            raise SystemExit(f"{compiled} is missing: run ./mvnw test-compile (or drop --no-install)")
        classpath = ":".join([str(ROOT / "target" / "test-classes"), str(ROOT / "target" / "classes"),
                              classpath_file.read_text().strip()])
        timing = (["-wi", "1", "-i", "1", "-w", "200ms", "-r", "200ms"] if self.args.smoke
                  else ["-wi", "3", "-i", "5", "-w", "1s", "-r", "1s"])
        output = self.work / "jmh.json"
        shell.run(["java", "-cp", classpath, "org.openjdk.jmh.Main",
                   "ElfReadBenchmark.checkSixtyMegabyteExecutable", "-p", f"executablePath={executable}",
                   "-f", "1", *timing, "-rf", "json", "-rff", output], self.logs / "jmh.log")
        score = json.loads(output.read_text())[0]["primaryMetric"]["score"]
        self.results.add("check", size, "ours", "jmh", "ms", score)
        print(f"      check in-process: {score:.3f} ms", flush=True)

    def measure_big(self, ours, env):
        print("\n1 GiB executable, MAVEN_OPTS=-Xmx256m, ours only", flush=True)
        executable = Executables(self.work / "exe" / "1024", 1 << 30).variant("big")
        self.results.executable_bytes[1024] = executable.stat().st_size
        measurement = ours.package(executable, "push", "1024m-big-push-changed",
                                   env=dict(env, MAVEN_OPTS="-Xmx256m"))
        self.record("big-push-changed", 1024, "ours", 0, measurement)
        executable.unlink()


def main():
    try:
        Bench(parse_arguments(sys.argv[1:])).run()
    except shell.CommandFailed as failure:
        raise SystemExit(f"bench/images.sh failed: {failure}")


if __name__ == "__main__":
    main()
