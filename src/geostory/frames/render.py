"""One frame picture: the frame's map drawn with geopandas + matplotlib (Agg, no browser, no tiles).

Everything that does not depend on the frame (the projection, every geometry projected once, the movement
arrows from ``geometry.arrows``) is prepared once in ``FrameRenderer``; ``render`` then draws one frame.
"""
from __future__ import annotations

import io
import math

import geopandas
import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Polygon as PolygonPatch
from matplotlib.transforms import Bbox
from matplotlib_scalebar.scalebar import ScaleBar
from shapely import affinity
from shapely.geometry import Point
from shapely.geometry import box as shapely_box
from shapely.ops import substring

from .. import geometry
from ..schema import Frame, MovementProps
from ..story import Story
from ..styles import movement_style, styles
from . import fonts, panel
from .labels import Placer, point_candidates
from .projection import fit_extent, north_angle, story_crs

SIZE_PX = (1600, 1000)
"""16:10 at 150 dpi: 10.7 × 6.7 inches, sharp on a 1080p slide and printable at A5 landscape."""
DPI = 150
MAP_BOX = (0.012, 0.06, 0.645, 0.925)  # left, bottom, width, height as shares of the figure
PAPER = "#f4f1ea"
PX = 0.75  # styles.json widths and dashes are CSS pixels; one CSS pixel is 0.75 pt
RIVER_LABEL = "#2f6ea5"
EVENT_LABEL = "#6b4a06"
HEAD_CAP = 0.045
"""Arrow heads are sized in kilometres by ``geometry.arrows``; on a frame zoomed to one town a 16 km head
would swamp the map, so a head longer than this share of the map's width is shrunk about its tip."""
PNG_METADATA = {"Software": None}  # no matplotlib version in the file, so rebuilds are byte-identical


def _dashes(dash: str | None, width_pt: float):
    """A matplotlib line style from a CSS dash string; matplotlib scales dashes by line width, so divide."""
    if not dash:
        return "solid"
    return (0, tuple(float(d) * PX / max(width_pt, 0.1) for d in dash.split()))


class _Canvas(FigureCanvasAgg):
    """Agg, drawn once at save time: geopandas calls ``draw_idle`` after every plot, which on a plain Agg
    canvas re-renders the whole figure each time (that alone made a frame five times slower)."""

    def draw_idle(self, *args, **kwargs) -> None:
        pass


def _short(text: str, limit: int = 34) -> str:
    """Event names can be sentences; on the map keep the part before a colon, cut at a word."""
    text = text.split(": ")[0]
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;") + "…"


class FrameRenderer:
    def __init__(self, story: Story, size_px: tuple[int, int] = SIZE_PX, dpi: int = DPI) -> None:
        self.story = story
        self.size_px = size_px
        self.dpi = dpi
        self.families = fonts.families()  # fails early, naming the package, if no CJK font is installed
        self.crs = story_crs(story)
        self.style = styles()
        features = story.features()
        projected = geopandas.GeoSeries([f.geometry for f in features], crs="EPSG:4326").to_crs(self.crs)
        self.geom = dict(zip([f.id for f in features], projected))
        arrows = geometry.arrows(story)
        parts = [a.path for a in arrows] + [a.shaft for a in arrows] + [a.head for a in arrows]
        parts = list(geopandas.GeoSeries(parts, crs="EPSG:4326").to_crs(self.crs)) if parts else []
        n = len(arrows)
        self.arrows = {a.feature.id: (parts[i], parts[n + i], parts[2 * n + i]) for i, a in enumerate(arrows)}
        self.aspect = (MAP_BOX[2] * size_px[0]) / (MAP_BOX[3] * size_px[1])

    # -- layout -------------------------------------------------------------------------------------------

    def extent(self, frame: Frame) -> tuple[float, float, float, float]:
        """Fit the frame's focus (else its features) with a margin, like the web map's fitBounds."""
        ids = frame.focus or frame.features
        shapes = [self.arrows[i][0] if i in self.arrows else self.geom[i] for i in ids if i in self.geom]
        bounds = geopandas.GeoSeries(shapes).total_bounds
        return fit_extent(tuple(bounds), self.aspect)

    def render(self, frame: Frame, index: int) -> bytes:
        """The PNG bytes of frame number ``index`` (1-based)."""
        rc = {"font.family": self.families, "axes.unicode_minus": False, "path.simplify": False}
        with matplotlib.rc_context(rc):
            w, h = self.size_px
            fig = Figure(figsize=(w / self.dpi, h / self.dpi), dpi=self.dpi, facecolor="white")
            _Canvas(fig)
            ax = fig.add_axes(MAP_BOX)
            x0, y0, x1, y1 = self.extent(frame)
            ax.set_xlim(x0, x1)
            ax.set_ylim(y0, y1)
            ax.set_aspect("equal", adjustable="datalim")
            ax.set_facecolor(PAPER)
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_color("#555555")
                spine.set_linewidth(0.8)
            visible = {f.id for f in self.story.visible_in(frame)}
            current = set(frame.features)
            self._context(ax)
            kinds = self._movements(ax, visible, current, (x0, y0, x1, y1))
            self._points(ax, visible, current)
            renderer = fig.canvas.get_renderer()
            placer = Placer(ax, renderer, self._furniture(ax, renderer))
            self._labels(ax, placer, frame, visible, current, (x0, y0, x1, y1))
            ax.set_xlabel("")
            ax.set_ylabel("")  # geopandas labels projected axes "Easting [metre]"; a map does not need it
            panel.draw(fig, renderer, self.story, frame, index, kinds, MAP_BOX)
            buf = io.BytesIO()
            fig.savefig(buf, format="png", dpi=self.dpi, metadata=PNG_METADATA)
            return buf.getvalue()

    # -- map layers ---------------------------------------------------------------------------------------

    def _series(self, ids) -> geopandas.GeoSeries:
        return geopandas.GeoSeries([self.geom[i] for i in ids], crs=self.crs)

    def _context(self, ax) -> None:
        layers = self.style["layers"]
        rivers = [f.id for f in self.story.layers.get("rivers", ())]
        if rivers:
            s = layers["rivers"]
            self._series(rivers).plot(ax=ax, color=s["colour"], linewidth=s["width"] * PX, zorder=2,
                                      capstyle="round", joinstyle="round")
        railways = [f.id for f in self.story.layers.get("railways", ())]
        if railways:
            s = layers["railways"]
            width = s["width"] * PX
            self._series(railways).plot(ax=ax, color=s["colour"], linewidth=width, zorder=3,
                                        linestyle=_dashes(s.get("dash"), width))

    def _arrow(self, feature_id: str, map_width: float):
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
                shaft = substring(path, 0, max(path.length - cap * 0.6, 0))
        return shaft, head

    def _movements(self, ax, visible: set[str], current: set[str], extent) -> list[tuple[MovementProps, bool]]:
        """Draw earlier movements faded, then the frame's own on top; return what the legend must explain.

        Pieces that share a style are drawn in one geopandas call (one matplotlib collection each)."""
        faded = self.style["faded_opacity"]
        view = shapely_box(*extent)
        map_width = extent[2] - extent[0]
        shown = []
        batches: dict[tuple, list] = {}

        def add(geom, **style) -> None:
            batches.setdefault(tuple(sorted(style.items())), []).append(geom)

        for f in self.story.layers.get("movements", ()):
            if f.id not in visible:
                continue
            now = f.id in current
            st = movement_style(f.props, self.story.meta)
            shaft, head = self._arrow(f.id, map_width)
            width = st["width"] * PX * (1.0 if now else 0.8)
            alpha = st["opacity"] * (1.0 if now else faded)
            z = 8 if now else 4
            if now:  # a white halo lifts the frame's own movements off everything else
                add(shaft, color="white", linewidth=width + 3.2, zorder=z - 0.2, capstyle="round")
                add(head, facecolor="white", edgecolor="white", linewidth=3.0, zorder=z - 0.2)
            if st["casing"]:
                add(shaft, color="#1d1d1d", linewidth=width + 1.8, zorder=z - 0.1, alpha=alpha)
            add(shaft, color=st["colour"], linewidth=width, alpha=alpha, zorder=z,
                linestyle=_dashes(st["dash"], width), capstyle="butt")
            hollow = st["head"] == "hollow"
            add(head, facecolor="white" if hollow else st["colour"], edgecolor=st["colour"],
                linewidth=1.4 if hollow else 0.6, alpha=alpha, zorder=z + 0.1, joinstyle="miter")
            if shaft.intersects(view) or head.intersects(view):  # the key explains only what is in view
                shown.append((f.props, now))
        for style, geoms in batches.items():
            geopandas.GeoSeries(geoms, crs=self.crs).plot(ax=ax, **dict(style))
        return shown

    def _points(self, ax, visible: set[str], current: set[str]) -> None:
        layers = self.style["layers"]
        s = layers["places"]
        places = list(self.story.layers.get("places", ()))
        if places:
            radius = [s["radius"][f.props.label_rank - 1] * PX for f in places]
            self._series([f.id for f in places]).plot(
                ax=ax, marker="o", markersize=[(2 * r) ** 2 for r in radius], color=s["fill"],
                edgecolor=s["colour"], linewidth=1.1, zorder=9.5)
        s = layers["events"]
        events = [f for f in self.story.layers.get("events", ()) if f.id in visible]
        for now in (False, True):
            ids = [f.id for f in events if (f.id in current) == now]
            if ids:
                size = (2 * s["radius"] * PX * (1.0 if now else 0.8)) ** 2
                self._series(ids).plot(ax=ax, marker="o", markersize=size, color=s["fill"], edgecolor=s["colour"],
                                       linewidth=1.1, zorder=10 if now else 5,
                                       alpha=1.0 if now else self.style["faded_opacity"] + 0.2)

    def _furniture(self, ax, renderer) -> list[Bbox]:
        """Scale bar (lower left) and north arrow (lower right); return their boxes so labels avoid them."""
        bar = ScaleBar(1, "m", location="lower left", length_fraction=0.22, width_fraction=0.01, box_alpha=0.75,
                       color="#222222", border_pad=0.7, pad=0.35, sep=3, scale_loc="top",
                       font_properties={"size": 7.5, "family": self.families})
        ax.add_artist(bar)
        x0, y0, x1, y1 = ax.get_xlim()[0], ax.get_ylim()[0], ax.get_xlim()[1], ax.get_ylim()[1]
        size = (y1 - y0) * 0.045
        cx, cy = x1 - (x1 - x0) * 0.045, y0 + (y1 - y0) * 0.07
        angle = north_angle(self.crs, cx, cy)

        t = math.radians(angle)
        ux, uy = math.sin(t), math.cos(t)  # towards true north
        nx, ny = -uy, ux
        tip = (cx + ux * size, cy + uy * size)
        tail = (cx - ux * size * 0.8, cy - uy * size * 0.8)
        left = (cx - ux * size * 0.45 + nx * size * 0.45, cy - uy * size * 0.45 + ny * size * 0.45)
        right = (cx - ux * size * 0.45 - nx * size * 0.45, cy - uy * size * 0.45 - ny * size * 0.45)
        ax.add_patch(PolygonPatch([tip, left, tail], closed=True, facecolor="#222222", edgecolor="#222222",
                                  linewidth=0.8, zorder=21))
        ax.add_patch(PolygonPatch([tip, right, tail], closed=True, facecolor="white", edgecolor="#222222",
                                  linewidth=0.8, zorder=21))
        ax.text(cx + ux * size * 1.45, cy + uy * size * 1.45, "N", ha="center", va="center", fontsize=9,
                fontweight="bold", color="#222222", zorder=21, rotation=-angle)
        box = ax.get_window_extent(renderer)
        return [Bbox.from_extents(box.x0, box.y0, box.x0 + box.width * 0.3, box.y0 + box.height * 0.1),
                Bbox.from_extents(box.x1 - box.width * 0.09, box.y0, box.x1, box.y0 + box.height * 0.16)]

    def _labels(self, ax, placer: Placer, frame: Frame, visible, current, extent) -> None:
        x0, y0, x1, y1 = extent
        view = shapely_box(x0, y0, x1, y1)
        radius = self.style["layers"]["places"]["radius"]
        places = [f for f in self.story.layers.get("places", ()) if view.contains(self.geom[f.id])]
        for f in places:
            placer.block(placer.marker_box(self.geom[f.id].x, self.geom[f.id].y, radius[f.props.label_rank - 1] * PX))
        small_map = (x1 - x0) < 260_000
        focus = set(frame.focus or ()) | current
        places.sort(key=lambda f: (f.id not in focus, f.props.label_rank, f.props.name_en))
        for f in places:
            rank = f.props.label_rank
            ours = f.id in focus
            if rank == 3 and not (ours or small_map):
                continue
            size = {1: 9.5, 2: 8.5, 3: 7.5}[rank] + (0.5 if ours else 0)
            g = self.geom[f.id]
            placer.place(f"{f.props.name_en} {f.props.name_zh}", (g.x, g.y), point_candidates(radius[rank - 1] * PX),
                         required=ours or rank == 1, fontsize=size, color="#111111" if ours else "#3a3a3a",
                         fontweight="bold" if ours or rank == 1 else "normal")
        for f in self.story.layers.get("events", ()):
            g = self.geom[f.id]
            if f.id in current and view.contains(g):
                placer.place(_short(f.props.name_en), (g.x, g.y), point_candidates(self.style["layers"]["events"]["radius"] * PX),
                             fontsize=7.5, fontstyle="italic", color=EVENT_LABEL)
        for f in self.story.layers.get("movements", ()):
            if f.id not in current:
                continue
            path = self.arrows[f.id][0].intersection(view)
            if path.is_empty or path.length == 0:
                continue
            colour = self.story.meta.sides[f.props.side].colour
            for share in (0.5, 0.38, 0.62, 0.28, 0.72):
                p = path.interpolate(share, normalized=True)
                if placer.place(f.props.unit, (p.x, p.y), [(0, 7, "center", "bottom"), (0, -7, "center", "top")],
                                fontsize=7.5, fontweight="bold", color=colour):
                    break
        for f in self.story.layers.get("rivers", ()):
            self._river_label(ax, placer, f, view)

    def _river_label(self, ax, placer: Placer, f, view) -> None:

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
            if placer.place(f"{f.props.name_en} {f.props.name_zh}", (p.x, p.y),
                            [(off[0], off[1], "center", "center")], fontsize=7.5, fontstyle="italic",
                            color=RIVER_LABEL, rotation=angle, rotation_mode="anchor"):
                return
