"""Issue 9's budgets, read off one benchmark run: a table of each budget, what was measured, and whether it
holds, so nobody has to do the arithmetic by hand. Only the budgets whose sizes were measured are listed.

Every figure is the median over the runs of the same run of ``bench.py``; ratios are geostory / peer.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pages import median

Figures = dict[str, list[float]]
Results = dict[tuple[int, int], dict[str, Figures]]

PAGE_READY_LARGE = 0.6
"""Page ready at N=10,000: at most this times the peer's."""
PAGE_READY_SMALL = 0.8
"""Page ready at N=100 and N=1,000: at most this times the peer's."""
STEP_JS = 0.5
"""One step's JS time (median): at most this times the peer's, at every size."""
STEP_GROWTH = 2.0
"""One step at N=10,000: at most this times geostory's own at N=1,000 with frames of the same size."""
BUILD_LINEAR = 12.0
"""In-process build from N=1,000 to N=10,000 (same F): within this factor."""
QGIS_S = 5.0
"""``geostory qgis`` at N=10,000: under this many seconds."""
FRAMES_S = 60.0
"""``geostory frames`` at N=10,000, 50 frames: under this many seconds (on 2 cores)."""


@dataclass(frozen=True)
class Floor:
    """The bare ``import folium, geopandas`` as a whole process."""

    wall_s: float
    cpu_s: float


@dataclass(frozen=True)
class Check:
    """One budget against one measurement."""

    budget: str
    measured: str
    holds: bool


def _mid(results: Results, size: tuple[int, int], tool: str, row: str) -> float | None:
    values = results.get(size, {}).get(tool, {}).get(row)
    return median(values) if values else None


def _ratio(results: Results, size: tuple[int, int], row: str) -> float | None:
    g, p = _mid(results, size, "geostory", row), _mid(results, size, "peer", row)
    return g / p if g is not None and p else None


def _size(size: tuple[int, int]) -> str:
    return f"N={size[0]:,}, F={size[1]}"


def checks(results: Results, floor: Floor) -> Iterator[Check]:
    """Each budget that the measured sizes allow, in the issue's order."""
    for size in results:
        limit = PAGE_READY_LARGE if size[0] >= 10_000 else PAGE_READY_SMALL
        r = _ratio(results, size, "page ready (ms)")
        if r is not None:
            yield Check(f"page ready ≤ {limit}× peer, {_size(size)}", f"{r:.2f}×", r <= limit)
    for size in results:
        r = _ratio(results, size, "step JS, median (ms)")
        if r is not None:
            yield Check(f"step JS ≤ {STEP_JS}× peer, {_size(size)}", f"{r:.2f}×", r <= STEP_JS)
    for (n, f) in results:
        if n == 10_000 and (1_000, f) in results:
            big = _mid(results, (n, f), "geostory", "step JS, median (ms)")
            small = _mid(results, (1_000, f), "geostory", "step JS, median (ms)")
            if big is not None and small:
                yield Check(f"step JS at N=10,000 ≤ {STEP_GROWTH}× own at N=1,000, F={f}",
                            f"{big:.2f} / {small:.2f} ms = {big / small:.2f}×", big <= STEP_GROWTH * small)
            big = _mid(results, (n, f), "geostory", "build, in process (s)")
            small = _mid(results, (1_000, f), "geostory", "build, in process (s)")
            if big is not None and small:
                yield Check(f"in-process build N=1,000 → N=10,000 within {BUILD_LINEAR:g}×, F={f}",
                            f"{small:.2f} → {big:.2f} s = {big / small:.1f}×", big <= BUILD_LINEAR * small)
    build = (10_000, 500)
    for row, floor_s, unit in (("build, whole process (s)", floor.wall_s, "wall"),
                               ("build, whole process CPU (s)", floor.cpu_s, "CPU")):
        value = _mid(results, build, "geostory", row)
        if value is not None:
            limit = 2 * floor_s + 1
            yield Check(f"build ≤ 2 × floor + 1 s ({unit}), {_size(build)}",
                        f"{value:.2f} s vs {limit:.2f} s", value <= limit)
    for size in results:
        if size[0] != 10_000:
            continue
        value = _mid(results, size, "geostory", "qgis, whole process (s)")
        if value is not None:
            yield Check(f"qgis < {QGIS_S:g} s, {_size(size)}", f"{value:.2f} s", value < QGIS_S)
        value = _mid(results, size, "geostory", "frames, whole process (s)")
        if value is not None and size[1] == 50:
            yield Check(f"frames < {FRAMES_S:g} s, {_size(size)}", f"{value:.1f} s", value < FRAMES_S)


def table(results: Results, floor: Floor) -> str:
    """The budgets as a markdown table."""
    lines = ["| budget | measured | holds |", "|---|---|---|"]
    lines += [f"| {c.budget} | {c.measured} | {'yes' if c.holds else '**no**'} |" for c in checks(results, floor)]
    return "\n".join(lines)
