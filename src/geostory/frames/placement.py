"""Greedy label placement: try a few positions around each anchor, keep the first that collides with nothing.

Labels are placed in priority order (the frame's own places first, then by rank), so when space runs out it
is the minor labels that are dropped, never the ones the frame is about.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, cast

from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

HALO = [patheffects.withStroke(linewidth=2.6, foreground="white")]


Candidate = tuple[float, float, str, str]
"""A label position: offset (dx, dy) in points and the text's horizontal and vertical alignment."""


def point_candidates(radius_pt: float) -> list[Candidate]:
    """(dx, dy, ha, va) in points: right, left, above, below, then the four diagonals."""
    r = radius_pt + 2.5
    d = radius_pt * 0.8 + 1.5
    return [(r, 0, "left", "center"), (-r, 0, "right", "center"), (0, r, "center", "bottom"),
            (0, -r, "center", "top"), (d, d, "left", "bottom"), (d, -d, "left", "top"),
            (-d, d, "right", "bottom"), (-d, -d, "right", "top")]


class Placer:
    """Keeps the boxes already taken (labels, markers, scale bar, north arrow) in display pixels."""

    def __init__(self, ax: Axes, renderer: RendererBase, obstacles: Iterable[Bbox] = ()) -> None:
        self.ax = ax
        self.renderer = renderer
        self.taken: list[Bbox] = list(obstacles)
        inner = ax.get_window_extent(renderer)
        self.inside = Bbox.from_extents(inner.x0 + 4, inner.y0 + 4, inner.x1 - 4, inner.y1 - 4)

    def block(self, box: Bbox) -> None:
        self.taken.append(box)

    def marker_box(self, x: float, y: float, radius_pt: float) -> Bbox:
        px, py = self.ax.transData.transform((x, y))
        r = radius_pt * cast(float, self.renderer.points_to_pixels(1.0))
        return Bbox.from_extents(px - r, py - r, px + r, py + r)

    def place(self, text: str, xy: tuple[float, float], candidates: Sequence[Candidate], required: bool = False,
              **style: Any) -> Annotation | None:
        """Annotate ``text`` at the first free candidate offset; None if none is free and it is not required."""
        for dx, dy, ha, va in candidates:
            label = self._make(text, xy, dx, dy, ha, va, style)
            box = label.get_window_extent(self.renderer).padded(2)
            if self._fits(box):
                self.taken.append(box)
                return label
            label.remove()
        if not required:
            return None
        dx, dy, ha, va = candidates[0]
        label = self._make(text, xy, dx, dy, ha, va, style)
        self.taken.append(label.get_window_extent(self.renderer))
        return label

    def _make(self, text: str, xy: tuple[float, float], dx: float, dy: float, ha: str, va: str,
              style: dict[str, Any]) -> Annotation:
        style = {"zorder": 20, "path_effects": HALO, **style}
        return self.ax.annotate(text, xy=xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                annotation_clip=True, **style)

    def _fits(self, box: Bbox) -> bool:
        if not (self.inside.x0 <= box.x0 and box.x1 <= self.inside.x1 and self.inside.y0 <= box.y0
                and box.y1 <= self.inside.y1):
            return False
        return not any(box.overlaps(other) for other in self.taken)
