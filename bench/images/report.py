"""Medians, the ratios against jib and podman, the speed targets, as a table, a CSV and Markdown."""
import csv
import statistics
from collections import OrderedDict

TIMED_CASES = ["push-changed", "push-unchanged-after-clean", "tar-changed"]
PEERS = ["ours", "ours-zstd", "jib", "podman"]
MAVEN_PEERS = ["ours", "ours-zstd", "jib"]
PULLED = ["ours", "ours-zstd"]
CASE_NAMES = {"push-changed": "changed executable, build + push",
              "push-unchanged-after-clean": "unchanged, after `mvn clean`",
              "tar-changed": "changed, `buildTar`",
              "check": "`check` goal",
              "big-push-changed": "1 GiB executable, `-Xmx256m`"}


class Results:
    def __init__(self):
        self.values = OrderedDict()  # (case, size_mib, tool, metric) -> (unit, [values])
        self.executable_bytes = {}   # size_mib -> bytes of the executables of that size
        self.machine = {}            # what it ran on: cpu, cores, memory, os, jdk, ...

    def add(self, case, size_mib, tool, metric, unit, value):
        if value is None:
            return
        self.values.setdefault((case, size_mib, tool, metric), (unit, []))[1].append(value)

    def median(self, case, size_mib, tool, metric):
        entry = self.values.get((case, size_mib, tool, metric))
        return statistics.median(entry[1]) if entry else None

    def sizes(self):
        return sorted({key[1] for key in self.values if key[0] != "environment"})

    def ratios(self):
        """(case, size, name, value): whole commands, our mojo against the peers, the floors."""
        rows = []
        for size in self.sizes():
            for case in TIMED_CASES:
                m = lambda tool, metric="wall": self.median(case, size, tool, metric)
                for name, numerator, denominator in [
                        ("ours/jib", m("ours"), m("jib")),
                        ("ours-zstd/jib", m("ours-zstd"), m("jib")),
                        ("ours/podman", m("ours"), m("podman")),
                        ("ours-own/jib-own", m("ours", "own"), m("jib", "own")),
                        ("ours-own/podman", m("ours", "own"), m("podman")),
                        ("ours-zstd-own/podman", m("ours-zstd", "own"), m("podman")),
                        ("ours-minus-floor/jib-minus-floor", m("ours", "whole-minus-floor"),
                         m("jib", "whole-minus-floor")),
                        # What no plugin can go below: the lifecycle alone against Jib's command.
                        ("ours-floor/jib", m("ours-floor"), m("jib"))]:
                    if numerator is not None and denominator:
                        rows.append((case, size, name, numerator / denominator))
        return rows

    def targets(self):
        """The speed targets at the largest size measured (they are stated for 60 MB)."""
        regular = [s for s in self.sizes() if s < 1024] or self.sizes()
        size = max(regular)
        ratio = {(case, s, name): value for case, s, name, value in self.ratios()}
        checks = [
            ("changed: whole mvn package <= 0.5 x jib",
             ratio.get(("push-changed", size, "ours/jib")), 0.5),
            ("  (floor: the jar lifecycle alone / jib)",
             ratio.get(("push-changed", size, "ours-floor/jib")), 0.5),
            ("changed: plugin's own time <= podman build + push",
             ratio.get(("push-changed", size, "ours-own/podman")), 1.0),
            ("unchanged after clean: whole mvn package <= 0.25 x jib",
             ratio.get(("push-unchanged-after-clean", size, "ours/jib")), 0.25),
            ("  (floor: the jar lifecycle alone / jib)",
             ratio.get(("push-unchanged-after-clean", size, "ours-floor/jib")), 0.25),
            ("check, in-process (JMH), ms <= 50",
             self.median("check", size, "ours", "jmh"), 50.0),
        ]
        for s in regular:
            checks.append((f"image overhead over gzip -6 at {s} MiB, bytes <= 1024",
                           self.median("image-size", s, "ours", "overhead"), 1024))
        if any(key[0] == "big-push-changed" for key in self.values):
            checks.append(("1 GiB executable builds and pushes with -Xmx256m (wall s)",
                           self.median("big-push-changed", 1024, "ours", "wall"), None))
        return size, checks

    def write_csv(self, path):
        with open(path, "w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["case", "size_mib", "executable_bytes", "tool", "metric", "unit",
                             "median", "values"])
            for key, value in self.machine.items():
                # no commas: the smoke IT reads the CSV by splitting its lines
                writer.writerow(["environment", 0, "", "host", key, "text", value.replace(",", ";"), ""])
            for (case, size, tool, metric), (unit, values) in self.values.items():
                writer.writerow([case, size, self.executable_bytes.get(size, ""), tool, metric, unit,
                                 _number(statistics.median(values)),
                                 " ".join(_number(v) for v in values)])
            for case, size, name, value in self.ratios():
                writer.writerow([case, size, self.executable_bytes.get(size, ""), name, "ratio", "x",
                                 f"{value:.3f}", ""])

    def timing_rows(self):
        """(case, size, tool, whole, floor, whole - floor, own from the log) for every timed tool."""
        rows = []
        for size in self.sizes():
            for case in TIMED_CASES + ["check", "big-push-changed"]:
                for tool in PEERS:
                    whole = self.median(case, size, tool, "wall")
                    if whole is None:
                        continue
                    rows.append((case, size, tool, whole, self.median(case, size, tool + "-floor", "wall"),
                                 self.median(case, size, tool, "whole-minus-floor"),
                                 self.median(case, size, tool, "own")))
        return rows

    def table(self):
        lines = ["Machine: " + "; ".join(f"{k} {v}" for k, v in self.machine.items()), ""]
        header = (f"{'case':28} {'size':>8} {'tool':10} {'whole':>8} {'floor':>8} {'whole-floor':>12} "
                  f"{'own (log)':>10}")
        lines += ["Wall time of the whole command, medians in seconds (floor: the same command with "
                  "the plugin skipped; own: the plugin's mojos, from the Maven log)",
                  header, "-" * len(header)]
        for case, size, tool, whole, floor, minus, own in self.timing_rows():
            lines.append(f"{case:28} {str(size) + ' MiB':>8} {tool:10} "
                         + " ".join(_cell(v, w) for v, w in
                                    zip([whole, floor, minus, own], [8, 8, 12, 10])))
        lines += ["", "Ratios of medians"]
        for case, size, name, value in self.ratios():
            lines.append(f"  {case:28} {str(size) + ' MiB':>8} {name:34} {value:7.3f}")
        lines += ["", "podman pull + run of our images from the registry, medians in seconds"]
        for size in self.sizes():
            for tool in PULLED:
                pull = self.median("pull-run", size, tool, "pull")
                if pull is not None:
                    lines.append(f"  {size} MiB {tool:10} pull {pull:6.2f}  run "
                                 f"{self.median('pull-run', size, tool, 'run'):6.2f}")
        lines += ["", "Compressed image (manifest + config + layers as the registry serves them) "
                  "minus gzip -6 of the executable, bytes"]
        for size in self.sizes():
            gzip = self.median("image-size", size, "ours", "gzip6")
            if gzip is None:
                continue
            cells = ", ".join(f"{t} {self.median('image-size', size, t, 'overhead'):+.0f}"
                              for t in PEERS if self.median("image-size", size, t, "overhead")
                              is not None)
            lines.append(f"  {size} MiB (gzip -6: {gzip:.0f}): {cells}")
        jmh = [(s, self.median("check", s, "ours", "jmh")) for s in self.sizes()]
        for size, ms in jmh:
            if ms is not None:
                lines.append(f"\ncheck in-process (JMH: read, analysis, advisor scan) at {size} MiB: {ms:.3f} ms")
        size, checks = self.targets()
        lines += ["", f"Speed targets (at {size} MiB)"]
        for name, value, limit in checks:
            verdict, shown = _verdict(name, value, limit)
            lines.append(f"  {name:60} {shown:>10}  {verdict}")
        return "\n".join(lines)

    def markdown(self, command):
        """The results as docs/benchmark-results.md shows them."""
        lines = ["# Benchmark results", "",
                 f"Written by `{command}` (see [benchmarks.md](benchmarks.md) for what each case "
                 "does); the numbers of every repetition are in "
                 "[benchmark-results.csv](benchmark-results.csv).", "", "The machine:", ""]
        lines += [f"- {key}: {value}" for key, value in self.machine.items()]
        load = [self.median("environment", 0, "host", m) for m in ("load1-start", "load1-end")]
        if None not in load:
            lines.append(f"- load average (1 min) at start and end: {load[0]:.2f}, {load[1]:.2f}")
        lines += ["", "Medians in seconds of the whole command; *floor*: the same command with the "
                  "plugin skipped (`-Dscratch.skip=true`, `-Djib.skip=true`), timed right after it in "
                  "the same round; *own*: the plugin's mojos, from Maven's log timestamps. "
                  "`ours-zstd` is the same project with `<compression>zstd</compression>`; podman is "
                  "`podman build` + `podman push`.", "",
                 "| case | size | tool | whole | floor | whole - floor | own (log) |",
                 "|---|---|---|---|---|---|---|"]
        for case, size, tool, whole, floor, minus, own in self.timing_rows():
            lines.append(f"| {CASE_NAMES.get(case, case)} | {size} MiB | {tool} | "
                         + " | ".join(_plain(v) for v in (whole, floor, minus, own)) + " |")
        lines += ["", "Pulling and running our images (`podman pull` from the registry with nothing "
                  "of them stored, then `podman run --rm`), medians in seconds:", "",
                  "| size | image | pull | run |", "|---|---|---|---|"]
        for size in self.sizes():
            for tool in PULLED:
                pull = self.median("pull-run", size, tool, "pull")
                if pull is not None:
                    lines.append(f"| {size} MiB | {tool} | {pull:.2f} | "
                                 f"{self.median('pull-run', size, tool, 'run'):.2f} |")
        lines += ["", "Image size as the registry serves it (manifest + config + layers), and its "
                  "difference from `gzip -6` of the executable, bytes:", "",
                  "| size | tool | compressed | over gzip -6 |", "|---|---|---|---|"]
        for size in self.sizes():
            for tool in PEERS:
                compressed = self.median("image-size", size, tool, "compressed")
                if compressed is not None:
                    lines.append(f"| {size} MiB | {tool} | {compressed:.0f} | "
                                 f"{self.median('image-size', size, tool, 'overhead'):+.0f} |")
        for size in self.sizes():
            ms = self.median("check", size, "ours", "jmh")
            if ms is not None:
                lines += ["", f"`check` in-process (JMH: read, analysis, the advisor's scan) at "
                          f"{size} MiB: {ms:.3f} ms."]
        size, checks = self.targets()
        lines += ["", f"Speed targets at {size} MiB:", "", "| target | value | verdict |",
                  "|---|---|---|"]
        for name, value, limit in checks:
            verdict, shown = _verdict(name, value, limit)
            lines.append(f"| {name.strip()} | {shown} | {verdict} |")
        return "\n".join(lines) + "\n"


def _verdict(name, value, limit):
    if value is None:
        return "not measured", ""
    if limit is None:
        return "done", f"{value:.2f}"
    if name.lstrip().startswith("(floor"):
        return ("reachable" if value <= limit else "unreachable by any plugin"), f"{value:.3f}"
    return ("met" if value <= limit else "NOT met"), f"{value:.3f}"


def _number(value):
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}"


def _cell(value, width):
    if value is None:
        return "-".rjust(width)
    return f"{value:.2f}".rjust(width)


def _plain(value):
    return "" if value is None else f"{value:.2f}"
