"""Label placement for the frame pictures: labels move rather than drop, in time linear in the labels.

Each label tries positions around its anchor, nearest first (eight around the dot, then two rings further
out with a thin leader line back to it), and takes the first whose box is inside the map and overlaps no
box already taken (other labels, dots, the scale bar and north arrow). Boxes are measured once from the
font, not by drawing trial texts, and kept in a grid of cells, so a check looks only at nearby boxes:
placing n labels costs about n checks, not n².

A *required* label (a place or event the frame names) is never dropped: when no position is free it takes
the position that overlaps least. Optional labels (context places) are left out when there is no room.
Labels are placed in priority order, so what is dropped is always the minor ones.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.transforms import Bbox

HALO = [patheffects.withStroke(linewidth=2.6, foreground="white")]
CELL = 48.0
"""Grid cell size in display pixels."""
PAD = 2.0
Box = tuple[float, float, float, float]
"""(x0, y0, x1, y1) in display pixels, y up."""
_CHARS: dict[tuple[str, float, str, str, float], tuple[float, float, float]] = {}  # by char, style, px per pt
"""Character widths per style, measured once per process (see ``Placer.size``)."""
Candidate = tuple[float, float, str, str]
"""(dx, dy, ha, va): an offset in points from the anchor and the text's alignment there."""


def point_candidates(radius_pt: float, rings: int = 3) -> list[Candidate]:
    """Right, left, above, below, then the diagonals; then the same further out (``rings`` in all)."""
    out: list[Candidate] = []
    for ring in range(rings):
        r = (radius_pt + 2.5) * (1 + 1.6 * ring)
        d = (radius_pt * 0.8 + 1.5) * (1 + 1.6 * ring)
        out += [(r, 0, "left", "center"), (-r, 0, "right", "center"), (0, r, "center", "bottom"),
                (0, -r, "center", "top"), (d, d, "left", "bottom"), (d, -d, "left", "top"),
                (-d, d, "right", "bottom"), (-d, -d, "right", "top")]
    return out


@dataclass(frozen=True)
class Placed:
    """A placed label: its text artist and the box it takes."""

    artist: Annotation
    box: Box
    moved: bool


class Placer:
    """Keeps the boxes already taken in a grid and places labels among them (see the module docstring)."""

    def __init__(self, ax: Axes, renderer: RendererBase, obstacles: Iterable[Box | Bbox] = ()) -> None:
        self.ax = ax
        self.renderer = renderer
        self.pt = float(renderer.points_to_pixels(1.0))  # type: ignore[arg-type]
        self.cells: dict[tuple[int, int], list[Box]] = defaultdict(list)
        inner = ax.get_window_extent(renderer)
        self.inside = (inner.x0 + 4, inner.y0 + 4, inner.x1 - 4, inner.y1 - 4)
        for box in obstacles:
            self.block(box)

    # -- the grid --------------------------------------------------------------------------------------

    def _cells(self, box: Box) -> Iterator[tuple[int, int]]:
        for i in range(int(box[0] // CELL), int(box[2] // CELL) + 1):
            for j in range(int(box[1] // CELL), int(box[3] // CELL) + 1):
                yield i, j

    def block(self, box: Box | Bbox) -> None:
        """Take ``box`` (display pixels), so no label is placed over it."""
        if isinstance(box, Bbox):
            box = (float(box.x0), float(box.y0), float(box.x1), float(box.y1))
        for cell in self._cells(box):
            self.cells[cell].append(box)

    def collides(self, box: Box) -> bool:
        """Whether ``box`` leaves the map or touches a box already taken (stops at the first)."""
        x0, y0, x1, y1 = self.inside
        if box[0] < x0 or box[1] < y0 or box[2] > x1 or box[3] > y1:
            return True
        for cell in self._cells(box):
            for o in self.cells.get(cell, ()):
                if box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3]:
                    return True
        return False

    def overlap(self, box: Box) -> float:
        """The area of ``box`` covered by boxes already taken (each counted once), plus what is off the map."""
        seen: set[int] = set()
        area = 0.0
        for cell in self._cells(box):
            for other in self.cells.get(cell, ()):
                if id(other) in seen:
                    continue
                seen.add(id(other))
                w = min(box[2], other[2]) - max(box[0], other[0])
                h = min(box[3], other[3]) - max(box[1], other[1])
                if w > 0 and h > 0:
                    area += w * h
        x0, y0, x1, y1 = self.inside
        outside_w = max(0.0, x0 - box[0]) + max(0.0, box[2] - x1)
        outside_h = max(0.0, y0 - box[1]) + max(0.0, box[3] - y1)
        return float(area + (outside_w * (box[3] - box[1]) + outside_h * (box[2] - box[0])) * 4)

    # -- measuring ---------------------------------------------------------------------------------------

    def marker_boxes(self, xy: npt.NDArray[np.float64], radius_pt: npt.NDArray[np.float64]) -> list[Box]:
        """The boxes of many dots (data coordinates, radii in points), transformed in one call."""
        if len(xy) == 0:
            return []
        p = self.ax.transData.transform(xy)
        r = radius_pt * self.pt
        return list(zip((p[:, 0] - r).tolist(), (p[:, 1] - r).tolist(), (p[:, 0] + r).tolist(),
                        (p[:, 1] + r).tolist(), strict=True))

    def marker_box(self, x: float, y: float, radius_pt: float) -> Box:
        px, py = (float(v) for v in self.ax.transData.transform((x, y)))
        r = radius_pt * self.pt
        return (px - r, py - r, px + r, py + r)

    def size(self, text: str, style: dict[str, Any]) -> tuple[float, float, float]:
        """Width, height and descent of ``text`` in display pixels: the sum of its characters' widths, each
        measured once per process and style (a label box needs no kerning; measuring thousands of place
        names one by one would cost more than drawing them)."""
        size, weight = float(style.get("fontsize", 8)), str(style.get("fontweight", "normal"))
        italic = str(style.get("fontstyle", "normal"))
        width = sum(self._char(ch, size, weight, italic)[0] for ch in text)
        _, h, d = self._char("Hg", size, weight, italic)
        return width, h, d

    def _char(self, ch: str, size: float, weight: str, italic: str) -> tuple[float, float, float]:
        key = (ch, size, weight, italic, self.pt)
        found = _CHARS.get(key)
        if found is None:
            prop = FontProperties(size=size, weight=weight, style=italic)  # type: ignore[arg-type]
            w, h, d = self.renderer.get_text_width_height_descent(ch, prop, ismath=False)
            found = _CHARS[key] = (float(w) if ch != " " else float(h) * 0.3, float(h), float(d))
        return found

    def box_at(self, anchor: tuple[float, float], cand: Candidate, w: float, h: float, rotation: float = 0.0) -> Box:
        dx, dy, ha, va = cand
        x = anchor[0] + dx * self.pt
        y = anchor[1] + dy * self.pt
        if rotation:  # a centred, turned label (a river): the box around the turned text
            t = math.radians(rotation)
            hw = (abs(math.cos(t)) * w + abs(math.sin(t)) * h) / 2
            hh = (abs(math.sin(t)) * w + abs(math.cos(t)) * h) / 2
            return (x - hw - PAD, y - hh - PAD, x + hw + PAD, y + hh + PAD)
        x0 = {"left": x, "right": x - w, "center": x - w / 2}[ha]
        y0 = {"bottom": y, "top": y - h, "center": y - h / 2}[va]
        return (x0 - PAD, y0 - PAD, x0 + w + PAD, y0 + h + PAD)

    # -- placing -----------------------------------------------------------------------------------------

    def place(self, text: str, xy: tuple[float, float], candidates: list[Candidate], required: bool = False,
              leader_from: int = 8, **style: Any) -> Placed | None:
        """Label ``text`` at ``xy`` (data coordinates) at the first free candidate; see the module docstring.

        Candidates from index ``leader_from`` on are far from the anchor and get a leader line."""
        anchor = tuple(float(v) for v in self.ax.transData.transform(xy))
        w, h, _ = self.size(text, style)
        rotation = float(style.get("rotation", 0.0))
        best: tuple[float, int, Box] | None = None
        if not required:  # an optional label: a free spot near its dot, or none
            for k, cand in enumerate(candidates[:leader_from]):
                box = self.box_at((anchor[0], anchor[1]), cand, w, h, rotation)
                if not self.collides(box):
                    best = (0.0, k, box)
                    break
            if best is None:
                return None
        else:
            for k, cand in enumerate(candidates):
                box = self.box_at((anchor[0], anchor[1]), cand, w, h, rotation)
                if not self.collides(box):
                    best = (0.0, k, box)
                    break
                cost = self.overlap(box)
                if best is None or cost < best[0]:
                    best = (cost, k, box)
        assert best is not None
        _, k, box = best
        self.block(box)
        dx, dy, ha, va = candidates[k]
        artist = self.ax.annotate(text, xy=xy, xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                                  annotation_clip=True, **{"zorder": 20, "path_effects": HALO, **style})
        moved = k >= leader_from
        if moved:
            self._leader(anchor, box, style.get("color", "#333333"))
        return Placed(artist, box, moved)

    def _leader(self, anchor: tuple[float, ...], box: Box, colour: str) -> None:
        """A thin line from the dot to the nearest edge of its moved label."""
        tx = min(max(anchor[0], box[0]), box[2])
        ty = min(max(anchor[1], box[1]), box[3])
        inv = self.ax.transData.inverted()
        (ax0, ay0), (ax1, ay1) = inv.transform([anchor, (tx, ty)])
        self.ax.add_line(Line2D([ax0, ax1], [ay0, ay1], color=colour, linewidth=0.6, alpha=0.8, zorder=19))
