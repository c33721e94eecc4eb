"""Medians, the ratios ours/jib and ours/podman, the speed targets, as a table and a CSV."""
import csv
import statistics
from collections import OrderedDict

TIMED_CASES = ["push-changed", "push-unchanged-after-clean", "tar-changed"]
PEERS = ["ours", "jib", "podman"]


class Results:
    def __init__(self):
        self.values = OrderedDict()  # (case, size_mib, tool, metric) -> (unit, [values])
        self.executable_bytes = {}   # size_mib -> bytes of the executables of that size

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
        """(case, size, name, value): whole commands, and our mojo against podman's commands."""
        rows = []
        for size in self.sizes():
            for case in TIMED_CASES:
                ours = self.median(case, size, "ours", "wall")
                ours_own = self.median(case, size, "ours", "own")
                for name, numerator, peer, metric in [
                        ("ours/jib", ours, "jib", "wall"),
                        ("ours/podman", ours, "podman", "wall"),
                        ("ours-own/jib-own", ours_own, "jib", "own"),
                        ("ours-own/podman", ours_own, "podman", "wall"),
                        # What no plugin can go below: the lifecycle alone against Jib's command.
                        ("maven-floor/jib", self.median(case, size, "maven", "wall"), "jib", "wall")]:
                    denominator = self.median(case, size, peer, metric)
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
             ratio.get(("push-changed", size, "maven-floor/jib")), 0.5),
            ("changed: plugin's own time <= podman build + push",
             ratio.get(("push-changed", size, "ours-own/podman")), 1.0),
            ("unchanged after clean: whole mvn package <= 0.25 x jib",
             ratio.get(("push-unchanged-after-clean", size, "ours/jib")), 0.25),
            ("  (floor: the jar lifecycle alone / jib)",
             ratio.get(("push-unchanged-after-clean", size, "maven-floor/jib")), 0.25),
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
            for (case, size, tool, metric), (unit, values) in self.values.items():
                writer.writerow([case, size, self.executable_bytes.get(size, ""), tool, metric, unit,
                                 _number(statistics.median(values)),
                                 " ".join(_number(v) for v in values)])
            for case, size, name, value in self.ratios():
                writer.writerow([case, size, self.executable_bytes.get(size, ""), name, "ratio", "x",
                                 f"{value:.3f}", ""])

    def table(self):
        lines = []
        header = (f"{'case':28} {'size':>8} {'ours':>8} {'ours own':>9} {'jib':>8} {'jib own':>8} "
                  f"{'podman':>8} {'floor':>8} {'ours/jib':>9} {'ours/podman':>12} {'own/podman':>11}")
        lines += ["Wall time of the whole command, medians in seconds (own: the plugin's mojo; "
                  "floor: the same mvn package with no image plugin)",
                  header, "-" * len(header)]
        ratio = {(c, s, n): v for c, s, n, v in self.ratios()}
        for size in self.sizes():
            for case in TIMED_CASES + ["check", "big-push-changed"]:
                if not any(k[0] == case and k[1] == size for k in self.values):
                    continue
                cells = [self.median(case, size, t, m) for t, m in
                         [("ours", "wall"), ("ours", "own"), ("jib", "wall"), ("jib", "own"),
                          ("podman", "wall"), ("maven", "wall")]]
                ratios = [ratio.get((case, size, n)) for n in
                          ["ours/jib", "ours/podman", "ours-own/podman"]]
                lines.append(f"{case:28} {str(size) + ' MiB':>8} "
                             + " ".join(_cell(v, w, "s") for v, w in zip(cells, [8, 9, 8, 8, 8, 8]))
                             + " " + " ".join(_cell(v, w, "x") for v, w in zip(ratios, [9, 12, 11])))
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
            if value is None:
                verdict, shown = "not measured", ""
            elif limit is None:
                verdict, shown = "done", f"{value:.2f}"
            elif name.lstrip().startswith("(floor"):
                verdict = "reachable" if value <= limit else "unreachable by any plugin"
                shown = f"{value:.3f}"
            else:
                verdict, shown = ("met" if value <= limit else "NOT met"), f"{value:.3f}"
            lines.append(f"  {name:60} {shown:>10}  {verdict}")
        return "\n".join(lines)


def _number(value):
    return str(int(value)) if float(value).is_integer() else f"{value:.4f}"


def _cell(value, width, _unit):
    if value is None:
        return "-".rjust(width)
    return f"{value:.2f}".rjust(width)
