"""A plugin's own time, read from a Maven log written with timestamps (see TIMESTAMP_OPTIONS).

A mojo runs from its "--- prefix:version:goal (id) @ project ---" header to the next mojo's header
or to the 72-dash line Maven prints when the build ends. Empty INFO lines cannot mark the end:
plugins (Jib) print them too.
"""
import re
from datetime import datetime, timedelta
from pathlib import Path

TIMESTAMP_OPTIONS = ["-Dorg.slf4j.simpleLogger.showDateTime=true",
                     "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"]

_BOUNDARY = re.compile(r"^(\d\d:\d\d:\d\d\.\d{3}) \[INFO\] (?:--- (\S+?):\S+:\S+ .*---|-{72})$")


def mojo_seconds(log: Path, plugin_prefix: str) -> float:
    """Total seconds of the mojos of plugin_prefix (e.g. "scratch", "jib") in one build's log."""
    total = 0.0
    found = False
    started = None
    for line in log.read_text(errors="replace").splitlines():
        match = _BOUNDARY.match(line)
        if not match:
            continue
        stamp = datetime.strptime(match.group(1), "%H:%M:%S.%f")
        if started is not None:
            elapsed = stamp - started
            if elapsed < timedelta(0):  # the build crossed midnight
                elapsed += timedelta(days=1)
            total += elapsed.total_seconds()
            started = None
        if match.group(2) == plugin_prefix:
            started = stamp
            found = True
    if not found:
        raise RuntimeError(f"no {plugin_prefix}: mojo in {log}")
    if started is not None:
        raise RuntimeError(f"the {plugin_prefix}: mojo in {log} never ended")
    return total
