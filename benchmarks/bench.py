"""geostory against the folium TimestampedGeoJson peer on synthetic stories, side by side; prints one table.

    .venv/bin/python benchmarks/bench.py                 (or: make bench)
    .venv/bin/python benchmarks/bench.py --sizes 100x500 --runs 1 --steps 50 --out -

For each size (N features x F frames, benchmarks/synthetic.py) and each of ``--runs`` runs, geostory and the
peer are measured in turn, in one Chromium: page ready, one step (JS time and to next paint, median and p95
over ``--steps`` steps), JS heap after load, HTML bytes, build time as a whole process and in process,
the build's peak memory, and geostory's ``qgis`` (and with ``--frames``, ``frames`` at F=50) as whole
processes. Each figure is the median over the runs; each ratio is geostory / peer. The table and the
machine are written to benchmarks/results.md, with issue 9's budgets read off the table (budgets.py).
Asserts nothing: a benchmark measures, tests check behaviour.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import budgets
from pages import PageRun, Pages, median, pct, peer_ready
from peer import build_peer
from playwright.sync_api import sync_playwright
from synthetic import make_story

from geostory import load_story
from geostory.webmap import build_map

HERE = Path(__file__).resolve().parent
SIZES = ((100, 500), (1000, 50), (10_000, 50), (10_000, 500))
Figures = budgets.Figures
Results = budgets.Results


@dataclass
class Process:
    """One command run to its end as its own process."""

    wall_s: float
    cpu_s: float
    peak_mb: float


def whole_process(argv: Sequence[str], work: Path) -> Process:
    """Run a Python command (argv without the interpreter) through peak.py, which reports its own peak
    memory and CPU time; the wall time is measured here, from start to exit."""
    report = work / "peak.json"
    start = time.perf_counter()
    run = subprocess.run([sys.executable, str(HERE / "peak.py"), str(report), *argv], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"benchmark: {' '.join(argv)} failed:\n{run.stderr.decode(errors='replace')}")
    got = json.loads(report.read_text(encoding="utf-8"))
    return Process(seconds, float(got["cpu_s"]), float(got["peak_mb"]))


def in_process(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def geostory_cmd(*args: str) -> list[str]:
    return ["-m", "geostory", *args]


def measure_size(pages: Pages, story: Path, work: Path, run: int, steps: int, frames: bool,
                 figures: dict[str, Figures]) -> None:
    """One run of one size: both tools, interleaved; appends to figures[tool][name]."""
    for tool in ("geostory", "peer"):
        out = work / f"{tool}-{run}.html"
        if tool == "geostory":
            build = whole_process(geostory_cmd("build", str(story), "-o", str(out)), work)
            inside = in_process(lambda out=out: build_map(load_story(story), out))
        else:
            build = whole_process([str(HERE / "peer.py"), str(story), str(out)], work)
            inside = in_process(lambda out=out: build_peer(story, out))
        got: PageRun = pages.measure(out, tool, steps)
        f = figures[tool]
        f["page ready (ms)"].append(got.ready_ms)
        f["step JS, median (ms)"].append(median(got.step_js))
        f["step JS, p95 (ms)"].append(pct(got.step_js, 0.95))
        f["step to paint, median (ms)"].append(median(got.step_paint))
        f["step to paint, p95 (ms)"].append(pct(got.step_paint, 0.95))
        f["JS heap after load (MB)"].append(got.heap_mb)
        f["HTML (KB)"].append(out.stat().st_size / 1024)
        f["build, whole process (s)"].append(build.wall_s)
        f["build, whole process CPU (s)"].append(build.cpu_s)
        f["build, in process (s)"].append(inside)
        f["build, peak memory (MB)"].append(build.peak_mb)
    g = figures["geostory"]
    qgis = whole_process(geostory_cmd("qgis", str(story), "-o", str(work / f"qgis-{run}")), work)
    g["qgis, whole process (s)"].append(qgis.wall_s)
    g["qgis, whole process CPU (s)"].append(qgis.cpu_s)
    if frames:
        pictures = whole_process(geostory_cmd("frames", str(story), "-o", str(work / f"frames-{run}")), work)
        g["frames, whole process (s)"].append(pictures.wall_s)
        g["frames, whole process CPU (s)"].append(pictures.cpu_s)


ROWS = ("page ready (ms)", "step JS, median (ms)", "step JS, p95 (ms)", "step to paint, median (ms)",
        "step to paint, p95 (ms)", "JS heap after load (MB)", "HTML (KB)", "build, whole process (s)",
        "build, whole process CPU (s)", "build, in process (s)", "build, peak memory (MB)",
        "qgis, whole process (s)", "qgis, whole process CPU (s)", "frames, whole process (s)",
        "frames, whole process CPU (s)")


def _fmt(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def table(results: Results, floor: Process) -> str:
    """One markdown table: a column per size, 'geostory / peer (ratio)' in each cell."""
    sizes = list(results)
    head = "| figure | " + " | ".join(f"N={n:,}, F={f}" for n, f in sizes) + " |"
    lines = [head, "|---|" + "---|" * len(sizes)]
    for row in ROWS:
        cells = []
        for size in sizes:
            g, p = results[size]["geostory"].get(row), results[size]["peer"].get(row)
            if not g:
                cells.append("–")
            elif not p:
                cells.append(_fmt(median(g)))
            else:
                gm, pm = median(g), median(p)
                ratio = f" ({gm / pm:.2f}×)" if pm > 0 else ""
                cells.append(f"{_fmt(gm)} / {_fmt(pm)}{ratio}")
        if any(c != "–" for c in cells):
            lines.append(f"| {row} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(f"Floor: `python -c 'import folium, geopandas'` takes {floor.wall_s:.2f} s as a whole process "
                 f"({floor.cpu_s:.2f} s CPU); the build budget at N=10,000, F=500 is 2 × floor + 1 s = "
                 f"{2 * floor.wall_s + 1:.2f} s ({2 * floor.cpu_s + 1:.2f} s in CPU time).")
    return "\n".join(lines)


def machine(browser_version: str) -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import folium

    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores; Python "
            f"{platform.python_version()}, Chromium {browser_version}, folium {folium.__version__}")


def parse_sizes(text: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in (part.lower().split("x") for part in text.split(","))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=parse_sizes, default=list(SIZES), help="e.g. 100x500,1000x50")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--frames", action="store_true", help="also time 'geostory frames' where F=50")
    parser.add_argument("--out", default=str(HERE / "results.md"), help="results file ('-': none)")
    args = parser.parse_args(argv)
    problem = peer_ready()
    if problem:
        print(f"benchmark: {problem}", file=sys.stderr)
        return 2
    load_before = os.getloadavg()[0]
    results: Results = {
        size: {"geostory": defaultdict(list), "peer": defaultdict(list)} for size in args.sizes}
    floors: list[Process] = []
    with tempfile.TemporaryDirectory(prefix="geostory-bench-") as tmp, sync_playwright() as pw:
        work = Path(tmp)
        stories = {size: make_story(work / f"story-{size[0]}-{size[1]}", *size) for size in args.sizes}
        pages = Pages(pw)
        try:
            for run in range(args.runs):
                floors.append(whole_process(["-c", "import folium, geopandas"], work))
                for size, story in stories.items():
                    print(f"run {run + 1}/{args.runs}: N={size[0]}, F={size[1]}", file=sys.stderr, flush=True)
                    folder = work / f"out-{size[0]}-{size[1]}"
                    folder.mkdir(exist_ok=True)
                    measure_size(pages, story, folder, run, args.steps, args.frames and size[1] == 50,
                                 results[size])
            about = machine(pages.version)
        finally:
            pages.close()
    floor = Process(median([f.wall_s for f in floors]), median([f.cpu_s for f in floors]),
                    median([f.peak_mb for f in floors]))
    text = table(results, floor)
    held = budgets.table(results, budgets.Floor(floor.wall_s, floor.cpu_s))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = "python benchmarks/bench.py " + " ".join(argv if argv is not None else sys.argv[1:])
    load = (f"Load average {load_before:.1f} at the start and {os.getloadavg()[0]:.1f} at the end on "
            f"{os.cpu_count()} cores: other work on the machine lengthens wall times, CPU times much less.")
    report = (f"# Benchmark results\n\n{about}.\n{load}\nRun {stamp}: `{command.strip()}`; median of {args.runs} "
              f"run(s), {args.steps} steps per page; cells are geostory / peer (ratio).\n\n{text}\n\n"
              f"## Budgets (issue 9)\n\n{held}\n")
    print(report)
    if args.out != "-":
        Path(args.out).write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
