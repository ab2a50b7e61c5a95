"""geostory against the folium TimestampedGeoJson peer on synthetic stories, side by side; prints one table.

    .venv/bin/python benchmarks/bench.py                 (or: make bench)
    .venv/bin/python benchmarks/bench.py --sizes 100x500 --runs 1 --steps 50 --out -

For each size (N features x F frames, benchmarks/synthetic.py) and each of ``--runs`` runs, geostory and the
peer are measured in turn, in one Chromium: page ready, one step (JS time and to next paint, median and p95
over ``--steps`` steps), JS heap after load, HTML bytes, build time as a whole process and in process,
the build's peak memory, and geostory's ``qgis`` (and with ``--frames``, ``frames`` at F=50) as whole
processes. Each figure is the median over the runs; each ratio is geostory / peer. The table and the
machine are written to benchmarks/results.md. Asserts nothing: budgets are read off the table.
"""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from pages import PageRun, Pages, median, pct, peer_ready
from peer import build_peer
from playwright.sync_api import sync_playwright
from synthetic import make_story

from geostory import load_story
from geostory.webmap import build_map

HERE = Path(__file__).resolve().parent
SIZES = ((100, 500), (1000, 50), (10_000, 50), (10_000, 500))
Figures = dict[str, list[float]]


def whole_process(argv: Sequence[str]) -> tuple[float, float]:
    """Run a command to its end; its wall time in seconds and peak resident memory in MB."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"benchmark: {' '.join(argv)} failed:\n{stderr}")
    return seconds, usage.ru_maxrss / 1024


def in_process(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def geostory_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "geostory", *args]


def measure_size(pages: Pages, story: Path, work: Path, run: int, steps: int, frames: bool,
                 figures: dict[str, Figures]) -> None:
    """One run of one size: both tools, interleaved; appends to figures[tool][name]."""
    for tool in ("geostory", "peer"):
        out = work / f"{tool}-{run}.html"
        if tool == "geostory":
            seconds, peak = whole_process(geostory_cmd("build", str(story), "-o", str(out)))
            inside = in_process(lambda out=out: build_map(load_story(story), out))
        else:
            seconds, peak = whole_process([sys.executable, str(HERE / "peer.py"), str(story), str(out)])
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
        f["build, whole process (s)"].append(seconds)
        f["build, in process (s)"].append(inside)
        f["build, peak memory (MB)"].append(peak)
    g = figures["geostory"]
    g["qgis, whole process (s)"].append(whole_process(geostory_cmd("qgis", str(story), "-o",
                                                                   str(work / f"qgis-{run}")))[0])
    if frames:
        g["frames, whole process (s)"].append(whole_process(geostory_cmd("frames", str(story), "-o",
                                                                         str(work / f"frames-{run}")))[0])


ROWS = ("page ready (ms)", "step JS, median (ms)", "step JS, p95 (ms)", "step to paint, median (ms)",
        "step to paint, p95 (ms)", "JS heap after load (MB)", "HTML (KB)", "build, whole process (s)",
        "build, in process (s)", "build, peak memory (MB)", "qgis, whole process (s)", "frames, whole process (s)")


def _fmt(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def table(results: dict[tuple[int, int], dict[str, Figures]], floor: float) -> str:
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
    lines.append(f"Floor: `python -c 'import folium, geopandas'` takes {floor:.2f} s as a whole process "
                 f"(the build budget at N=10,000, F=500 is 2 × floor + 1 s = {2 * floor + 1:.2f} s).")
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
    results: dict[tuple[int, int], dict[str, Figures]] = {
        size: {"geostory": defaultdict(list), "peer": defaultdict(list)} for size in args.sizes}
    floor = []
    with tempfile.TemporaryDirectory(prefix="geostory-bench-") as tmp, sync_playwright() as pw:
        work = Path(tmp)
        stories = {size: make_story(work / f"story-{size[0]}-{size[1]}", *size) for size in args.sizes}
        pages = Pages(pw)
        try:
            for run in range(args.runs):
                floor.append(whole_process([sys.executable, "-c", "import folium, geopandas"])[0])
                for size, story in stories.items():
                    print(f"run {run + 1}/{args.runs}: N={size[0]}, F={size[1]}", file=sys.stderr, flush=True)
                    folder = work / f"out-{size[0]}-{size[1]}"
                    folder.mkdir(exist_ok=True)
                    measure_size(pages, story, folder, run, args.steps, args.frames and size[1] == 50,
                                 results[size])
            about = machine(pages.version)
        finally:
            pages.close()
    text = table(results, median(floor))
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = "python benchmarks/bench.py " + " ".join(argv if argv is not None else sys.argv[1:])
    report = (f"# Benchmark results\n\n{about}.\nRun {stamp}: `{command.strip()}`; median of {args.runs} "
              f"run(s), {args.steps} steps per page; cells are geostory / peer (ratio).\n\n{text}\n")
    print(report)
    if args.out != "-":
        Path(args.out).write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
