"""Map furniture: a scale bar (lower left) and a north arrow turned to true north (lower right)."""
from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.patches import Polygon as PolygonPatch
from matplotlib.transforms import Bbox
from matplotlib_scalebar.scalebar import ScaleBar
from pyproj import CRS

from .projection import north_angle

INK = "#222222"


def furniture(ax: Axes, renderer: RendererBase, crs: CRS, families: list[str]) -> list[Bbox]:
    """Scale bar (lower left) and north arrow (lower right); return their boxes so labels avoid them."""
    bar = ScaleBar(1, "m", location="lower left", length_fraction=0.22, width_fraction=0.01, box_alpha=0.75,
                   color=INK, border_pad=0.7, pad=0.35, sep=3, scale_loc="top",
                   font_properties={"size": 7.5, "family": families})
    bar.set_zorder(21)  # above every map layer: labels already keep clear of it
    ax.add_artist(bar)
    x0, y0, x1, y1 = ax.get_xlim()[0], ax.get_ylim()[0], ax.get_xlim()[1], ax.get_ylim()[1]
    size = (y1 - y0) * 0.045
    cx, cy = x1 - (x1 - x0) * 0.045, y0 + (y1 - y0) * 0.07
    angle = north_angle(crs, cx, cy)
    t = math.radians(angle)
    ux, uy = math.sin(t), math.cos(t)  # towards true north
    nx, ny = -uy, ux
    tip = (cx + ux * size, cy + uy * size)
    tail = (cx - ux * size * 0.8, cy - uy * size * 0.8)
    left = (cx - ux * size * 0.45 + nx * size * 0.45, cy - uy * size * 0.45 + ny * size * 0.45)
    right = (cx - ux * size * 0.45 - nx * size * 0.45, cy - uy * size * 0.45 - ny * size * 0.45)
    ax.add_patch(PolygonPatch([tip, left, tail], closed=True, facecolor=INK, edgecolor=INK,
                              linewidth=0.8, zorder=21))
    ax.add_patch(PolygonPatch([tip, right, tail], closed=True, facecolor="white", edgecolor=INK,
                              linewidth=0.8, zorder=21))
    ax.text(cx + ux * size * 1.45, cy + uy * size * 1.45, "N", ha="center", va="center", fontsize=9,
            fontweight="bold", color=INK, zorder=21, rotation=-angle)
    box = ax.get_window_extent(renderer)
    return [Bbox.from_extents(box.x0, box.y0, box.x0 + box.width * 0.3, box.y0 + box.height * 0.1),
            Bbox.from_extents(box.x1 - box.width * 0.09, box.y0, box.x1, box.y0 + box.height * 0.16)]
