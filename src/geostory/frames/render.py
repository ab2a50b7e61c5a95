"""One frame picture: the frame's map drawn with geopandas + matplotlib (Agg, no browser, no tiles).

Everything that does not depend on the frame (the projection, every geometry projected once, the movement
arrows from ``geometry.arrows``) is prepared once in ``FrameRenderer``; ``render`` then draws one frame.
"""
from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import geopandas
import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from shapely import affinity
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry import box as shapely_box
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring

from .. import geometry
from ..schema import Frame, MovementProps
from ..story import River, Story
from ..styles import PX, Styles, movement_style, styles
from ..wording import display_name, local_name
from . import fonts, panel
from .furniture import furniture
from .placement import Placer, point_candidates
from .projection import fit_extent, story_crs
from .text import short_name, story_texts

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

Extent = tuple[float, float, float, float]
"""(xmin, ymin, xmax, ymax) in the story's projected metres."""

SIZE_PX = (1600, 1000)
"""16:10 at 150 dpi: 10.7 × 6.7 inches, sharp on a 1080p slide and printable at A5 landscape."""
DPI = 150
MAP_BOX = (0.012, 0.06, 0.645, 0.925)  # left, bottom, width, height as shares of the figure
RIVER_LABEL = "#2f6ea5"
EVENT_LABEL = "#6b4a06"
HEAD_CAP = 0.035
"""Arrow heads are sized in kilometres by ``geometry.arrows``; on a frame zoomed to one town a 16 km head
would swamp the map, so a head longer than this share of the map's width is shrunk about its tip."""
PNG_METADATA = {"Software": None}  # no matplotlib version in the file, so rebuilds are byte-identical


def _dashes(dash: str | None, width_pt: float) -> str | tuple[float, tuple[float, ...]]:
    """A matplotlib line style from a CSS dash string; matplotlib scales dashes by line width, so divide."""
    if not dash:
        return "solid"
    return (0, tuple(float(d) * PX / max(width_pt, 0.1) for d in dash.split()))


class _Canvas(FigureCanvasAgg):
    """Agg, drawn once at save time: geopandas calls ``draw_idle`` after every plot, which on a plain Agg
    canvas re-renders the whole figure each time (that alone made a frame five times slower)."""

    def draw_idle(self, *args: Any, **kwargs: Any) -> None:
        pass


def layer_z(style: Styles) -> dict[str, float]:
    """A zorder per layer from styles.json's draw_order, two apart: earlier features at z, current at z + 1."""
    return {layer: 2.0 + 2 * i for i, layer in enumerate(style.draw_order)}


class FrameRenderer:
    """Draws the frames of one story; ``font_search`` is passed to ``fonts.cjk_font`` (None: the defaults)."""

    def __init__(self, story: Story, size_px: tuple[int, int] = SIZE_PX, dpi: int = DPI,
                 font_search: Sequence[str | Path] | None = None) -> None:
        self.story = story
        self.size_px = size_px
        self.dpi = dpi
        # fails early, naming the package, if the story has CJK text and no CJK font is installed
        self.font = fonts.text_font(story_texts(story), font_search)
        self.families = fonts.families(self.font)
        # parse_math off: a story's "$5 and $10" or "$\\frac{$" is drawn as written, never as TeX mathtext
        self.rc: dict[RcKeyType, Any] = {"font.family": self.families, "axes.unicode_minus": False,
                                         "path.simplify": False, "text.parse_math": False, "text.usetex": False}
        self.crs = story_crs(story)
        self.style = styles()
        self.z = layer_z(self.style)
        features = story.features()
        projected = geopandas.GeoSeries([f.geometry for f in features], crs="EPSG:4326").to_crs(self.crs)
        self.geom = dict(zip([f.id for f in features], projected, strict=True))
        arrows = geometry.arrows(story)
        parts: list[BaseGeometry] = [a.path for a in arrows] + [a.shaft for a in arrows] + [a.head for a in arrows]
        parts = list(geopandas.GeoSeries(parts, crs="EPSG:4326").to_crs(self.crs)) if parts else []
        n = len(arrows)
        self.arrows: dict[str, tuple[LineString, LineString, Polygon]] = {
            a.feature.id: (cast(LineString, parts[i]), cast(LineString, parts[n + i]), cast(Polygon, parts[2 * n + i]))
            for i, a in enumerate(arrows)}
        self.aspect = (MAP_BOX[2] * size_px[0]) / (MAP_BOX[3] * size_px[1])

    # -- layout -------------------------------------------------------------------------------------------

    def extent(self, frame: Frame) -> tuple[float, float, float, float]:
        """The frame's view (``geometry.frame_bounds``, shared with the web map and QGIS) fitted to the map."""
        return fit_extent(geometry.frame_bounds(self.story, frame), self.crs, self.aspect)

    def render(self, frame: Frame, index: int) -> bytes:
        """The PNG bytes of frame number ``index`` (1-based)."""
        with matplotlib.rc_context(self.rc):
            fig = self.figure(frame, index)
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=self.dpi, metadata=PNG_METADATA)
            return buf.getvalue()

    def figure(self, frame: Frame, index: int) -> Figure:
        """The matplotlib figure of frame number ``index``, laid out; ``render`` saves it as PNG."""
        with matplotlib.rc_context(self.rc):
            w, h = self.size_px
            fig = Figure(figsize=(w / self.dpi, h / self.dpi), dpi=self.dpi, facecolor="white")
            canvas = _Canvas(fig)
            ax = fig.add_axes(MAP_BOX)
            x0, y0, x1, y1 = self.extent(frame)
            ax.set_xlim(x0, x1)
            ax.set_ylim(y0, y1)
            ax.set_aspect("equal", adjustable="datalim")
            ax.set_facecolor(panel.PAPER)
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_color("#555555")
                spine.set_linewidth(0.8)
            states = self.story.frame_states(frame)
            current = {i for i, state in states.items() if state == "current"}
            self._context(ax)
            kinds = self._movements(ax, states, (x0, y0, x1, y1))
            self._points(ax, states)
            renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]  # Agg's canvas has no annotations
            placer = Placer(ax, renderer, furniture(ax, renderer, self.crs, self.families))
            self._labels(ax, placer, frame, current, (x0, y0, x1, y1))
            ax.set_xlabel("")
            ax.set_ylabel("")  # geopandas labels projected axes "Easting [metre]"; a map does not need it
            panel.draw(fig, renderer, self.story, frame, index, kinds, self._in_view(states, (x0, y0, x1, y1)),
                       MAP_BOX)
            return fig

    # -- map layers ---------------------------------------------------------------------------------------

    def _series(self, ids: Iterable[str]) -> geopandas.GeoSeries:
        return geopandas.GeoSeries([self.geom[i] for i in ids], crs=self.crs)

    def _xy(self, feature_id: str) -> tuple[float, float]:
        """A point feature's projected position."""
        g = self.geom[feature_id]
        assert isinstance(g, Point)
        return g.x, g.y

    def _context(self, ax: Axes) -> None:
        layers = self.style.layers
        rivers = [f.id for f in self.story.rivers]
        if rivers:
            s = layers.rivers
            self._series(rivers).plot(ax=ax, color=s.colour, linewidth=s.width * PX, zorder=self.z["rivers"],
                                      capstyle="round", joinstyle="round")
        railways = [f.id for f in self.story.railways]
        if railways:
            s = layers.railways
            width = s.width * PX
            z = self.z["railways"]
            if s.casing:
                casing = self.style.casing
                self._series(railways).plot(ax=ax, color=casing.colour, zorder=z - 0.1,
                                            linewidth=width + casing.extra_width * PX)
            self._series(railways).plot(ax=ax, color=s.colour, linewidth=width, zorder=z,
                                        linestyle=_dashes(s.dash, width))

    def _arrow(self, feature_id: str, map_width: float) -> tuple[LineString, Polygon]:
        """The arrow's shaft and head in map metres, the head shrunk if it is large for this map."""
        path, shaft, head = self.arrows[feature_id]
        tip = Point(path.coords[-1])
        corners = list(head.exterior.coords)[:3]
        far = [c for c in corners if Point(c).distance(tip) > 1e-6][:2]
        if len(far) == 2:
            head_len = tip.distance(Point((far[0][0] + far[1][0]) / 2, (far[0][1] + far[1][1]) / 2))
            cap = HEAD_CAP * map_width
            if head_len > cap:
                k = cap / head_len
                head = affinity.scale(head, k, k, origin=tip)
                shaft = cast(LineString, substring(path, 0, max(path.length - cap * 0.6, 0)))
        return shaft, head

    def _movements(self, ax: Axes, states: Mapping[str, str], extent: Extent) -> list[tuple[MovementProps, bool]]:
        """Draw earlier movements faded, then the frame's own on top; return what the legend must explain.

        Pieces that share a style are drawn in one geopandas call (one matplotlib collection each)."""
        faded, casing = self.style.faded, self.style.casing
        view = shapely_box(*extent)
        map_width = extent[2] - extent[0]
        shown: list[tuple[MovementProps, bool]] = []
        batches: dict[tuple[tuple[str, Any], ...], list[BaseGeometry]] = {}

        def add(geom: BaseGeometry, **style: Any) -> None:
            batches.setdefault(tuple(sorted(style.items())), []).append(geom)

        for f in self.story.movements:
            if f.id not in states:
                continue
            now = states[f.id] == "current"
            st = movement_style(f.props, self.story.meta)
            shaft, head = self._arrow(f.id, map_width)
            width = st["width"] * PX * (1.0 if now else faded.width_factor)
            alpha = st["opacity"] * (1.0 if now else faded.opacity)
            z = self.z["movements"] + (1 if now else 0)
            if st["casing"]:
                add(shaft, color=casing.colour, linewidth=width + casing.extra_width * PX, alpha=alpha,
                    zorder=z, capstyle="butt")
            add(shaft, color=st["colour"], linewidth=width, alpha=alpha, zorder=z + 0.1,
                linestyle=_dashes(st["dash"], width), capstyle="butt")
            hollow = st["head"] == "hollow"
            outline = self.style.outline
            add(head, facecolor=self.style.hollow_head_fill if hollow else st["colour"], edgecolor=st["colour"],
                linewidth=(outline.hollow_head if hollow else outline.head) * PX, alpha=alpha,
                zorder=z + 0.2, joinstyle="miter")
            if shaft.intersects(view) or head.intersects(view):  # the key explains only what is in view
                shown.append((f.props, now))
        for style, geoms in batches.items():
            geopandas.GeoSeries(geoms, crs=self.crs).plot(ax=ax, **dict(style))
        return shown

    def _in_view(self, states: Mapping[str, str], extent: Extent) -> set[str]:
        """The layers (other than movements) with a feature shown in the map, for the key."""
        view = shapely_box(*extent)
        return {layer for layer, features in self.story.layers.items()
                if any(f.id in states and view.intersects(self.geom[f.id]) for f in features)}

    def _points(self, ax: Axes, states: Mapping[str, str]) -> None:
        """Places, then events (earlier ones faded like movements)."""
        layers, faded = self.style.layers, self.style.faded
        outline = self.style.outline.point * PX
        s = layers.places
        places = self.story.places
        if places:
            radius = [s.radius_for(f.props.label_rank) * PX for f in places]
            self._series([f.id for f in places]).plot(
                ax=ax, marker="o", markersize=[(2 * r) ** 2 for r in radius], color=s.fill,
                edgecolor=s.colour, linewidth=outline, zorder=self.z["places"])
        s = layers.events
        events = [f.id for f in self.story.events if f.id in states]
        for now in (False, True):
            ids = [i for i in events if (states[i] == "current") == now]
            if ids:
                size = (2 * s.radius_for() * PX * (1.0 if now else faded.width_factor)) ** 2
                self._series(ids).plot(ax=ax, marker="o", markersize=size,
                                       color=s.fill, edgecolor=s.colour, linewidth=outline,
                                       zorder=self.z["events"] + (1 if now else 0),
                                       alpha=1.0 if now else faded.opacity)

    def _labels(self, ax: Axes, placer: Placer, frame: Frame, current: set[str], extent: Extent) -> None:
        x0, y0, x1, y1 = extent
        view = shapely_box(x0, y0, x1, y1)
        place_style, event_style = self.style.layers.places, self.style.layers.events
        places = [f for f in self.story.places if view.contains(self.geom[f.id])]
        for f in places:
            placer.block(placer.marker_box(*self._xy(f.id), place_style.radius_for(f.props.label_rank) * PX))
        small_map = (x1 - x0) < 260_000
        focus = set(frame.focus or ()) | current
        places.sort(key=lambda f: (f.id not in focus, f.props.label_rank, f.props.name_en))
        for f in places:
            rank = f.props.label_rank
            ours = f.id in focus
            if rank == 3 and not (ours or small_map):
                continue
            size = self.style.place_labels.picture_pt[rank - 1] + (0.5 if ours else 0)
            placer.place(display_name(f.props, self.story.words), self._xy(f.id),
                         point_candidates(place_style.radius_for(rank) * PX),
                         required=ours or rank == 1, fontsize=size, color="#111111" if ours else "#3a3a3a",
                         fontweight="bold" if ours or rank == 1 else "normal")
        for event in self.story.events:
            if event.id in current and view.contains(self.geom[event.id]):
                placer.place(short_name(local_name(event.props, self.story.words)), self._xy(event.id),
                             point_candidates(event_style.radius_for() * PX),
                             fontsize=7.5, fontstyle="italic", color=EVENT_LABEL)
        for move in self.story.movements:
            if move.id not in current:
                continue
            path = self.arrows[move.id][0].intersection(view)
            if path.is_empty or path.length == 0:
                continue
            colour = self.story.meta.sides[move.props.side].colour
            for share in (0.5, 0.38, 0.62, 0.28, 0.72):
                p = path.interpolate(share, normalized=True)
                if placer.place(move.props.unit, (p.x, p.y), [(0, 7, "center", "bottom"), (0, -7, "center", "top")],
                                fontsize=7.5, fontweight="bold", color=colour):
                    break
        for river in self.story.rivers:
            self._river_label(ax, placer, river, view)

    def _river_label(self, ax: Axes, placer: Placer, f: River, view: Polygon) -> None:
        clipped = self.geom[f.id].intersection(view)
        parts = getattr(clipped, "geoms", [clipped])
        line = max(parts, key=lambda g: g.length, default=None)
        if line is None or line.is_empty or line.length < (view.bounds[2] - view.bounds[0]) * 0.15:
            return
        for share in (0.5, 0.35, 0.65, 0.2, 0.8):
            a = line.interpolate(max(share - 0.04, 0), normalized=True)
            b = line.interpolate(min(share + 0.04, 1), normalized=True)
            angle = math.degrees(math.atan2(b.y - a.y, b.x - a.x))
            angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
            p = line.interpolate(share, normalized=True)
            off = (-math.sin(math.radians(angle)) * 6, math.cos(math.radians(angle)) * 6)
            if placer.place(display_name(f.props, self.story.words), (p.x, p.y),
                            [(off[0], off[1], "center", "center")], fontsize=7.5, fontstyle="italic",
                            color=RIVER_LABEL, rotation=angle, rotation_mode="anchor"):
                return
