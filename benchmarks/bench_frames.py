"""Time ``geostory frames``: seconds per frame picture, the contact sheet and GIF, and file sizes.

    .venv/bin/python benchmarks/bench_frames.py [STORY_DIR] [--runs N]

Writes into a temporary folder (the repository stays clean) and prints a table. With ``--runs`` > 1 the
whole build is repeated and the best run is reported; every run's files are checked to be byte-identical.
"""
from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from pathlib import Path

from geostory import load_story
from geostory.frames import render_frames


def build(story, folder: Path) -> tuple[list[float], float, list[Path]]:
    """Render once; return seconds per frame, total seconds and the paths written."""
    marks: list[float] = []
    start = time.perf_counter()
    paths = render_frames(story, folder, progress=lambda done, path: marks.append(time.perf_counter()))
    total = time.perf_counter() - start
    per_frame = [b - a for a, b in zip([start, *marks[:-1]], marks, strict=True)]
    return per_frame, total, paths


def digest(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("story", nargs="?", help="story folder (default: the Harbin story)")
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    t = time.perf_counter()
    story = load_story(args.story)
    load_s = time.perf_counter() - t
    best = None
    digests = set()
    with tempfile.TemporaryDirectory(prefix="geostory-bench-") as tmp:
        for run in range(args.runs):
            per_frame, total, paths = build(story, Path(tmp) / f"run{run}")
            digests.add(digest(paths))
            if best is None or total < best[1]:
                best = (per_frame, total, [(p.name, p.stat().st_size) for p in paths])
    per_frame, total, sizes = best
    n = len(story.frames)
    print(f"story {story.meta.id}: {n} frames, loaded in {load_s:.2f} s; best of {args.runs} run(s)\n")
    print(f"{'file':<46} {'seconds':>8} {'KiB':>8}")
    print("-" * 64)
    for (name, size), seconds in zip(sizes, per_frame, strict=True):
        print(f"{name:<46} {seconds:>8.2f} {size / 1024:>8.0f}")
    extra = total - sum(per_frame)
    for name, size in sizes[n:]:
        print(f"{name:<46} {'':>8} {size / 1024:>8.0f}")
    print("-" * 64)
    print(f"{'frames (mean per frame)':<46} {sum(per_frame) / n:>8.2f}")
    print(f"{'contact sheet + GIF + moving into place':<46} {extra:>8.2f}")
    print(f"{'total':<46} {total:>8.2f} {sum(s for _, s in sizes) / 1024:>8.0f}")
    if args.runs > 1:
        print(f"\nbyte-identical across runs: {'yes' if len(digests) == 1 else 'NO'}")


if __name__ == "__main__":
    main()
