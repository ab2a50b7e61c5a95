"""The map layers of a frame picture, drawn with plain matplotlib collections from coordinates projected once.

``Prepared`` holds what does not depend on the frame: every feature's coordinates in the pictures'
projection (numpy arrays), the movements' looks from ``geostory.legend`` and the offline relief warped
once onto the story's extent. Each frame then only adds collections for what it shows.

Movements follow the legend rule: their strokes (casing, line, pale core, cross ticks) in points, and a
head sized in points on the page, not on the ground, turned along the arrow's last stretch as drawn: every
current movement shows its direction at every scale and no head dominates. Current arrows are drawn above
places and events, earlier ones below them, faded and thinner.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

import numpy as np
import numpy.typing as npt
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.markers import MarkerStyle
from matplotlib.path import Path
from matplotlib.transforms import IdentityTransform
from PIL import Image
from pyproj import CRS, Transformer

from .. import relief
from ..legend import MovementLook, Stroke, line_strokes, movement_look, point_look
from ..schema import MovementProps
from ..story import Story
from ..styles import PX, styles

Coords = npt.NDArray[np.float64]
Extent = tuple[float, float, float, float]
VIEW_MARGIN = 0.05
"""Features this far (a share of the view's width) outside a frame's view are not drawn: the map clips them
anyway, and the margin keeps every dot, head and stroke that reaches into the view."""
RELIEF_MAX_SIDE = 1000
RELIEF_PIXEL_M = 1500.0
"""The relief under the pictures is warped once per story at about this ground size per pixel (finer than
its 2 arc-minute source), then drawn smoothed."""


def z_orders() -> dict[str, float]:
    """A zorder per layer from styles.json's draw_order, two apart; current movements go above everything."""
    z = {layer: 2.0 + 2 * i for i, layer in enumerate(styles().draw_order)}
    z["relief"] = 0.5
    z["current_movements"] = max(z.values()) + 2
    return z


def _coords(geom: Any) -> list[Coords]:
    """The parts of a (multi)line or point as coordinate arrays."""
    parts = getattr(geom, "geoms", [geom])
    return [np.asarray(p.coords, dtype=np.float64) for p in parts]


def grown(extent: Extent, share: float = VIEW_MARGIN) -> Extent:
    """``extent`` widened by ``share`` of its width on every side."""
    x0, y0, x1, y1 = extent
    m = (x1 - x0) * share
    return x0 - m, y0 - m, x1 + m, y1 + m


@dataclass(frozen=True)
class Arrows:
    """Every movement's projected path, end to end in one array, so a frame measures, trims and heads all its
    arrows in a few numpy calls rather than a dozen per arrow."""

    ids: list[str]
    props: list[MovementProps]
    xy: Coords
    """Every path's vertices, one path after another."""
    start: npt.NDArray[np.intp]
    """Each path's first vertex in ``xy``, and one past its last."""
    end: npt.NDArray[np.intp]
    along: Coords
    """The distance to each vertex along its path, running on from one path to the next (never falling), so
    one sorted search finds a distance on any path."""
    bounds: Coords
    """(x0, y0, x1, y1) of each path."""

    @classmethod
    def of(cls, moves: list[Any], paths: dict[str, Coords]) -> Arrows:
        runs = [paths[f.id] for f in moves]
        sizes = np.array([len(r) for r in runs], dtype=np.intp)
        end = np.cumsum(sizes)
        start = end - sizes
        xy = np.concatenate(runs) if runs else np.zeros((0, 2))
        seg = np.hypot(*np.diff(xy, axis=0).T) if len(xy) else np.zeros(0)
        seg[end[:-1] - 1] = 0.0  # no step from one path's end to the next path's start
        along = np.concatenate([[0.0], np.cumsum(seg)]) if len(xy) else np.zeros(0)
        bounds = np.array([[*r.min(axis=0), *r.max(axis=0)] for r in runs]).reshape(-1, 4)
        return cls([f.id for f in moves], [f.props for f in moves], xy, start, end, along, bounds)


@dataclass
class Prepared:
    """Everything a frame picture draws that does not depend on the frame (see the module docstring)."""

    crs: CRS
    lines: dict[str, list[Coords]]
    """Rivers and railways: every part of every feature."""
    river_parts: dict[str, list[Coords]]
    """River id to its parts (for its label)."""
    points: dict[str, Coords]
    """Feature id to its projected point (places and events)."""
    paths: dict[str, Coords]
    """Movement id to its projected arrow path (curved where the story bends it)."""
    looks: dict[str, MovementLook]
    earlier_looks: dict[str, MovementLook]
    """Movement id to its faded look (``MovementLook.earlier``)."""
    arrows: Arrows
    place_xy: Coords
    """Every place's point, in file order, and the radius of its dot in points."""
    place_radius: Coords
    relief: Image.Image | None
    """The relief warped onto ``relief_extent`` (RGBA, rows from the north), drawn by ``backdrop.Relief``."""
    relief_extent: tuple[float, float, float, float]

    @classmethod
    def of(cls, story: Story, crs: CRS) -> Prepared:
        to_map = Transformer.from_crs("EPSG:4326", crs, always_xy=True)

        def project(runs: list[Coords]) -> list[Coords]:
            """Many coordinate runs projected in one call (one call per run cost more than the work)."""
            if not runs:
                return []
            stacked = np.concatenate(runs)
            x, y = to_map.transform(stacked[:, 0], stacked[:, 1])
            return np.split(np.column_stack([x, y]), np.cumsum([len(r) for r in runs])[:-1])

        rivers = [(f.id, c) for f in story.layers.get("rivers", ()) for c in _coords(f.geometry)]
        river_parts: dict[str, list[Coords]] = {f.id: [] for f in story.layers.get("rivers", ())}
        for (fid, _), c in zip(rivers, project([c for _, c in rivers]), strict=True):
            river_parts[fid].append(c)
        lines = {"rivers": [c for parts in river_parts.values() for c in parts],
                 "railways": project([c for f in story.layers.get("railways", ()) for c in _coords(f.geometry)])}
        dots = [f for layer in ("places", "events") for f in story.layers.get(layer, ())]
        projected = project([np.asarray(f.geometry.coords, dtype=np.float64) for f in dots])
        points = {f.id: xy[0] for f, xy in zip(dots, projected, strict=True)}
        arrows = story.derived.arrows
        paths = dict(zip(arrows, project([np.asarray(a.path.coords, dtype=np.float64) for a in arrows.values()]),
                         strict=True))
        by_kind: dict[tuple[str, str, str], MovementLook] = {}  # thousands of movements share a few looks
        looks: dict[str, MovementLook] = {}
        for f in story.layers.get("movements", ()):
            if isinstance(f.props, MovementProps):
                key = (f.props.kind, f.props.side, f.props.route_certainty)
                looks[f.id] = by_kind.get(key) or by_kind.setdefault(key, movement_look(f.props, story.meta))
        faded = {look: look.earlier() for look in set(looks.values())}
        earlier = {fid: faded[look] for fid, look in looks.items()}
        places = list(story.layers.get("places", ()))
        radius = {r: point_look("places", r).radius * PX for r in {getattr(f.props, "label_rank", 2) for f in places}}
        place_xy = np.array([points[f.id] for f in places]).reshape(-1, 2)
        place_radius = np.array([radius[getattr(f.props, "label_rank", 2)] for f in places], dtype=np.float64)
        everything = [*lines["rivers"], *lines["railways"], *paths.values(),
                      *(p[None, :] for p in points.values())]
        stacked = np.concatenate(everything) if everything else np.zeros((1, 2))
        x0, y0 = stacked.min(axis=0)
        x1, y1 = stacked.max(axis=0)
        pad = max(x1 - x0, y1 - y0, 200_000.0) * 0.35  # frames add margins and a minimum size
        extent = (float(x0 - pad), float(y0 - pad), float(x1 + pad), float(y1 + pad))
        width = min(RELIEF_MAX_SIDE, max(2, math.ceil((extent[2] - extent[0]) / RELIEF_PIXEL_M)))
        height = min(RELIEF_MAX_SIDE, max(2, math.ceil((extent[3] - extent[1]) / RELIEF_PIXEL_M)))
        rgb = relief.warp(crs, extent, width, height)
        rgba = None if rgb is None else Image.fromarray(np.ascontiguousarray(rgb), "RGB").convert("RGBA")
        moves = [f for f in story.layers.get("movements", ()) if isinstance(f.props, MovementProps)]
        return cls(crs, lines, river_parts, points, paths, looks, earlier, Arrows.of(moves, paths), place_xy,
                   place_radius, rgba, extent)


def stroke_kwargs(s: Stroke, alpha: float = 1.0) -> dict[str, Any]:
    """A legend stroke as matplotlib line keywords, in points (dashes not scaled by width)."""
    kw: dict[str, Any] = {"colors": s.colour, "linewidths": s.width * PX, "alpha": s.opacity * alpha,
                          "capstyle": "round" if s.cap == "round" else "butt", "joinstyle": "round"}
    if s.dash:
        kw["linestyles"] = [(0.0, tuple(d * PX for d in s.dash))]
    return kw


def draw_lines(ax: Axes, layer: str, parts: list[Coords], z: float) -> None:
    """A base line layer (rivers, railways) as the legend rule's strokes, one collection per stroke."""
    if not parts:
        return
    for k, s in enumerate(line_strokes(layer)):
        ax.add_collection(LineCollection(parts, zorder=z + k * 0.01, **stroke_kwargs(s)), autolim=False)


def draw_dots(ax: Axes, xy: Coords, radius_pt: float, fill: str, edge: str, outline_pt: float,
              z: float, alpha: float = 1.0) -> None:
    """Dots of one size in points (places of a rank, events): one size, so Agg draws the dot once and copies
    it to each place (a size per dot makes it draw each one again, the costliest layer at 10,000 features)."""
    if len(xy) == 0:
        return
    marker = MarkerStyle("o")
    coll = PathCollection([marker.get_path().transformed(marker.get_transform())],
                          sizes=[(2 * radius_pt) ** 2], offsets=xy, offset_transform=ax.transData, facecolors=fill,
                          edgecolors=edge, linewidths=outline_pt, alpha=alpha, zorder=z)
    coll.set_transform(IdentityTransform())  # sizes in points, as scatter draws them
    ax.add_collection(coll, autolim=False)


def place_dots(ax: Axes, prep: Prepared, z: float, view: Extent) -> None:
    """The places in and near ``view``, sized by rank, the largest first, so a smaller dot near a larger
    one is drawn on it, never hidden under it."""
    near = in_view(prep.place_xy, grown(view))
    look = point_look("places")
    for radius in sorted(set(prep.place_radius[near].tolist()), reverse=True):
        pick = near & (prep.place_radius == radius)
        draw_dots(ax, prep.place_xy[pick], radius, look.fill, look.colour, look.outline * PX, z)


class DrawnArrow(NamedTuple):
    """What the key and the labels need to know about an arrow a frame shows (thousands a frame: a tuple)."""

    props: MovementProps
    current: bool
    path: Coords
    seen: bool
    """Whether a vertex of it is in the frame's view (the key lists only those)."""


def draw_movements(ax: Axes, prep: Prepared, states: dict[str, str], z: dict[str, float], dpi: float,
                   view: Extent) -> list[DrawnArrow]:
    """Earlier movements faded below the places, current ones above the events; heads in points.

    Returns every movement the frame shows; only those reaching into the view are drawn. Each head is turned
    along its arrow's last head length as drawn (from the last vertex at least that far back), and the shaft
    stops under the head."""
    a = prep.arrows
    px_per_css = dpi / 96.0
    xlim, ylim = ax.get_xlim(), ax.get_ylim()
    near = grown((xlim[0], ylim[0], xlim[1], ylim[1]))
    px_per_data = ax.get_window_extent().width / (xlim[1] - xlim[0])
    shown = [k for k, fid in enumerate(a.ids) if fid in states]
    now = [states[a.ids[k]] == "current" for k in shown]
    seen = reaches(a, view)[shown].tolist() if shown else []
    drawn = [DrawnArrow(a.props[k], cur, prep.paths[a.ids[k]], vis)
             for k, cur, vis in zip(shown, now, seen, strict=True)]
    b = a.bounds[shown].reshape(-1, 4)
    inside = (b[:, 2] >= near[0]) & (b[:, 0] <= near[2]) & (b[:, 3] >= near[1]) & (b[:, 1] <= near[3])
    pick = [(k, cur) for k, cur, keep in zip(shown, now, inside.tolist(), strict=True) if keep]
    if not pick:
        return drawn
    looks = [prep.looks[a.ids[k]] if cur else prep.earlier_looks[a.ids[k]] for k, cur in pick]
    idx = np.array([k for k, _ in pick], dtype=np.intp)
    s, e = a.start[idx], a.end[idx] - 1  # first and last vertex
    length = a.along[e] - a.along[s]
    head = np.array([lk.head_length(t) for lk, t in zip(looks, (length * px_per_data / px_per_css).tolist(),
                                                           strict=True)]) * px_per_css  # display pixels
    width = head * np.array([lk.head.width / lk.head.length for lk in looks])
    # the head: from the last vertex at least a head length back from the tip, in display pixels
    back = np.clip(np.searchsorted(a.along, a.along[e] - head / px_per_data, side="right") - 1, s, e)
    tip, frm = np.split(ax.transData.transform(np.concatenate([a.xy[e], a.xy[back]])), 2)
    d = tip - frm
    norm = np.hypot(d[:, 0], d[:, 1])
    has_head = norm > 0
    u = d / np.where(has_head, norm, 1.0)[:, None]
    normal = np.column_stack([-u[:, 1], u[:, 0]]) * (width / 2)[:, None]
    base = tip - u * head[:, None]
    tris = np.stack([tip, base + normal, base - normal], axis=1)
    # the shaft: the path less 0.6 head lengths, cut inside its segment
    keep = np.maximum(length - head * 0.6 / px_per_data, 0.0)
    cut = np.searchsorted(a.along, a.along[s] + keep, side="right")
    whole = cut > e
    cut = np.where(whole, e, cut)
    step = a.along[cut] - a.along[cut - 1]
    t = np.where(step > 0, (a.along[s] + keep - a.along[cut - 1]) / np.where(step > 0, step, 1.0), 0.0)
    ends = a.xy[cut - 1] + (a.xy[cut] - a.xy[cut - 1]) * t[:, None]
    batches: dict[tuple[float, Stroke], list[Path]] = {}
    heads: dict[tuple[Any, ...], list[int]] = {}
    for i, ((k, cur), look) in enumerate(zip(pick, looks, strict=True)):
        shaft = Path(a.xy[a.start[k]:a.end[k]] if whole[i] else np.vstack([a.xy[a.start[k]:cut[i]], ends[i]]))
        zz = z["current_movements"] if cur else z["movements"]
        for n, stroke in enumerate(look.strokes):  # one path, shared by the arrow's strokes
            batches.setdefault((zz + n * 0.01, stroke), []).append(shaft)
        if has_head[i]:
            h = look.head
            heads.setdefault((zz + 0.05, h.fill, h.colour, h.outline * PX, h.opacity), []).append(i)
    for (zz, stroke), paths in batches.items():  # one collection per look of stroke
        kw = stroke_kwargs(stroke)
        ax.add_collection(PathCollection(paths, zorder=zz, facecolors="none", edgecolors=kw.pop("colors"),
                                         **kw), autolim=False)
    for (zz, fill, edge, outline, opacity), rows in heads.items():  # an (n, 3, 2) array: matplotlib's fast path
        ax.add_collection(PolyCollection(cast(Any, tris[rows]), transform=IdentityTransform(), facecolors=fill,
                                         edgecolors=edge, linewidths=outline, alpha=opacity, zorder=zz,
                                         joinstyle="miter"), autolim=False)
    return drawn


def draw_events(ax: Axes, story: Story, prep: Prepared, states: dict[str, str], z: float, view: Extent) -> None:
    """Events in and near ``view``: earlier ones faded and smaller, current ones on top."""
    faded = styles().faded
    look = point_look("events")
    events = [f.id for f in story.layers.get("events", ()) if f.id in states]
    if not events:
        return
    xy = np.array([prep.points[i] for i in events])
    now = np.array([states[i] == "current" for i in events])
    near = in_view(xy, grown(view))
    for current in (False, True):
        pick = near & (now == current)
        if pick.any():
            r = look.radius * PX * (1.0 if current else faded.width_factor)
            draw_dots(ax, xy[pick], r, look.fill, look.colour, look.outline * PX, z + (1 if current else 0),
                      alpha=1.0 if current else faded.opacity)


def path_length(path: Coords) -> float:
    return float(np.hypot(*np.diff(path, axis=0).T).sum())


def point_along(path: Coords, share: float) -> tuple[float, float]:
    """The point ``share`` (0–1) of the way along ``path``."""
    seg = np.hypot(*np.diff(path, axis=0).T)
    cum = np.concatenate([[0.0], np.cumsum(seg)])
    at = share * cum[-1]
    k = min(int(np.searchsorted(cum, at, side="right")), len(path) - 1)
    t = (at - cum[k - 1]) / seg[k - 1] if seg[k - 1] > 0 else 0.0
    p = path[k - 1] + (path[k] - path[k - 1]) * t
    return float(p[0]), float(p[1])


def reaches(a: Arrows, extent: Extent) -> npt.NDArray[np.bool_]:
    """Per path of ``a``: whether it reaches into ``extent``, by a vertex or by a segment across it (a straight
    movement has two vertices: it may cross the view with both outside). A segment meets the box unless
    their boxes are apart or all four corners lie on one side of its line."""
    if len(a.start) == 0:
        return np.zeros(0, dtype=bool)
    x0, y0, x1, y1 = extent
    p, q = a.xy[:-1], a.xy[1:]
    lo, hi = np.minimum(p, q), np.maximum(p, q)
    meets = (hi[:, 0] >= x0) & (lo[:, 0] <= x1) & (hi[:, 1] >= y0) & (lo[:, 1] <= y1)
    d = q - p
    corners = np.array([[x0, y0], [x0, y1], [x1, y0], [x1, y1]])
    side = (d[:, None, 0] * (corners[None, :, 1] - p[:, None, 1])
            - d[:, None, 1] * (corners[None, :, 0] - p[:, None, 0]))
    meets &= ~((side > 0).all(axis=1) | (side < 0).all(axis=1))
    meets = np.append(meets, False)  # a segment per vertex, the last of all none
    meets[a.end - 1] = False  # nor from one path's end to the next path's start
    return np.logical_or.reduceat(meets, a.start) | np.logical_or.reduceat(in_view(a.xy, extent), a.start)


def in_view(xy: Coords, extent: Extent) -> npt.NDArray[np.bool_]:
    x0, y0, x1, y1 = extent
    return (xy[..., 0] >= x0) & (xy[..., 0] <= x1) & (xy[..., 1] >= y0) & (xy[..., 1] <= y1)


__all__ = ["DrawnArrow", "Prepared", "draw_dots", "draw_events", "draw_lines", "draw_movements",
           "in_view", "path_length", "place_dots", "point_along", "reaches", "z_orders"]
