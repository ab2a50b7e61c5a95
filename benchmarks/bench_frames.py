"""Time ``geostory frames``: the whole command, then its parts in process, and the files it writes.

    .venv/bin/python benchmarks/bench_frames.py [STORY_DIR] [--runs N] [--jobs J] [--files]

The whole command (``python -m geostory frames``) is timed as a process: wall time, and CPU time with its
pool of workers (the children it waited for), as ``/usr/bin/time`` counts them. In process, the parts: loading
the story, preparing what every frame shares (``FrameRenderer``), drawing the frames (the pool), and the
contact sheet and GIF after them. Writes into a temporary folder (the repository stays clean). With ``--runs``
> 1 each is repeated, the best run is reported, and every run's files are checked to be byte-identical.
"""
from __future__ import annotations

import argparse
import hashlib
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from geostory import load_story
from geostory.frames import FrameRenderer, pictures
from geostory.frames.sheet import animated_gif, contact_sheet

T = TypeVar("T")


@dataclass(frozen=True)
class Took:
    """Wall and CPU seconds of a step; CPU counts this process and the children it waited for."""

    wall: float
    cpu: float


def cpu_now() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(step: Callable[[], T]) -> tuple[T, Took]:
    wall, cpu = time.perf_counter(), cpu_now()
    out = step()
    return out, Took(time.perf_counter() - wall, cpu_now() - cpu)


def whole(story: str | None, folder: Path) -> Took:
    """``geostory frames`` as one process, with its workers."""
    argv = [sys.executable, "-m", "geostory", "frames", *([story] if story else []), "-o", str(folder)]
    _, took = timed(lambda: subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    return took


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.glob("*.png")) + sorted(folder.glob("*.gif")):
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()[:16]


def parts(story_dir: str | None, jobs: int | None) -> dict[str, Took]:
    """The command's steps in this process: load, prepare, draw every frame (the pool), sheet and GIF."""
    story, load = timed(lambda: load_story(story_dir))
    renderer, prepare = timed(lambda: FrameRenderer(story))
    made, draw = timed(lambda: list(pictures(renderer, jobs)))
    _, tail = timed(lambda: (contact_sheet(story, [m.thumb for m in made], renderer.font),
                             animated_gif([m.gif for m in made])))
    return {"load the story": load, "prepare (projection, relief, paths)": prepare,
            f"draw {len(made)} frames (pool)": draw, "contact sheet + GIF": tail}


def best(runs: list[Took]) -> Took:
    return min(runs, key=lambda t: t.wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("story", nargs="?", help="story folder (default: the Harbin story)")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=None, help="processes drawing frames (default: the cores)")
    parser.add_argument("--files", action="store_true", help="also list the files written and their sizes")
    args = parser.parse_args()
    wholes: list[Took] = []
    steps: dict[str, list[Took]] = {}
    digests = set()
    with tempfile.TemporaryDirectory(prefix="geostory-bench-") as tmp:
        for run in range(args.runs):
            folder = Path(tmp) / f"run{run}"
            wholes.append(whole(args.story, folder))
            digests.add(digest(folder))
            for name, took in parts(args.story, args.jobs).items():
                steps.setdefault(name, []).append(took)
        sizes = sorted((p.name, p.stat().st_size) for p in (Path(tmp) / "run0").iterdir() if p.suffix != ".json")
        if args.files:
            print(f"{'file':<52} {'KiB':>8}")
            for name, size in sizes:
                print(f"{name:<52} {size / 1024:>8.0f}")
            print()
    n = sum(1 for name, _ in sizes if name[:2].isdigit())
    print(f"{args.story or 'the Harbin story'}: {n} frames; best of {args.runs} run(s)\n")
    print(f"{'step':<44} {'wall s':>8} {'CPU s':>8}")
    print("-" * 62)
    w = best(wholes)
    print(f"{'geostory frames, whole process':<44} {w.wall:>8.2f} {w.cpu:>8.2f}")
    for name, runs in steps.items():
        t = best(runs)
        print(f"{'  ' + name:<44} {t.wall:>8.2f} {t.cpu:>8.2f}")
    draw = best(next(runs for name, runs in steps.items() if name.startswith("draw")))
    print(f"{'  one frame (pool CPU / frames)':<44} {'':>8} {draw.cpu / max(n, 1):>8.3f}")
    print("-" * 62)
    print(f"{'files written (KiB)':<44} {sum(s for _, s in sizes) / 1024:>8.0f}")
    if args.runs > 1:
        print(f"\nbyte-identical across runs: {'yes' if len(digests) == 1 else 'NO'}")


if __name__ == "__main__":
    main()
