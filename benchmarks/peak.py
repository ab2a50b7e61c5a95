"""Run a Python command and report its own peak memory and CPU time, for the benchmark.

    python benchmarks/peak.py REPORT_FILE -m geostory build STORY -o OUT
    python benchmarks/peak.py REPORT_FILE script.py ARGS...
    python benchmarks/peak.py REPORT_FILE -c "import folium, geopandas"

The process's rusage cannot be used from the runner: a child forked from the (large) runner carries the
runner's resident size into its own maximum. This reads the high-water mark of this process's memory
(VmHWM in /proc/self/status, reset by exec) and its CPU time when the command ends, and writes them to
REPORT_FILE as JSON: {"peak_mb": ..., "cpu_s": ...}; the CPU time includes the children the command waited
for (the process pool of ``geostory frames``), the memory is this process's own.
"""
from __future__ import annotations

import json
import os
import runpy
import sys
from pathlib import Path


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    report, *command = sys.argv[1:]
    code = 0
    try:
        if command[0] == "-m":
            sys.argv = [command[1], *command[2:]]
            runpy.run_module(command[1], run_name="__main__", alter_sys=True)
        elif command[0] == "-c":
            sys.argv = ["-c", *command[2:]]
            exec(compile(command[1], "<string>", "exec"), {"__name__": "__main__"})
        else:
            sys.argv = command
            runpy.run_path(command[0], run_name="__main__")
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    times = os.times()  # the children's part: the pool workers of `geostory frames`, waited for on exit
    cpu = times.user + times.system + times.children_user + times.children_system
    Path(report).write_text(json.dumps({"peak_mb": _peak_mb(), "cpu_s": cpu}),
                            encoding="utf-8")
    sys.exit(code)


if __name__ == "__main__":
    main()
