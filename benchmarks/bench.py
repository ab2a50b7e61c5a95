"""All benchmarks: loading and validating, the QGIS export, then the web map and frame benchmarks.

    .venv/bin/python benchmarks/bench.py      (or: make bench)

Prints tables; asserts nothing. Budgets live in the README and the issues, not in timed tests.
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geostory import default_story_dir, load_story
from geostory.geometry import arrows
from geostory.qgis import export_qgis

HERE = Path(__file__).resolve().parent


def best_of(runs: int, func) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    root = default_story_dir()
    story = load_story(root)
    rows = [
        ("load and validate the story", best_of(5, lambda: load_story(root)), ""),
        ("compute movement arrows", best_of(5, lambda: arrows(story)), f"{len(story.layers.get('movements', ()))} arrows"),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        seconds = best_of(2, lambda: export_qgis(story, Path(tmp) / "qgis"))
        size = sum(p.stat().st_size for p in (Path(tmp) / "qgis").iterdir())
        rows.append(("geostory qgis (GeoPackage + project)", seconds, f"{size / 1024:.0f} KiB"))
    print(f"{'step':40} {'best (ms)':>10}  notes")
    for name, seconds, note in rows:
        print(f"{name:40} {seconds * 1000:10.1f}  {note}")
    print()
    for script in ("bench_webmap.py", "bench_frames.py"):
        if (HERE / script).exists():
            subprocess.run([sys.executable, str(HERE / script)], check=True)
            print()


if __name__ == "__main__":
    main()
