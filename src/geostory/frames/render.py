"""One frame picture: the frame's map drawn with matplotlib (Agg, no browser, no tiles).

Everything that does not depend on the frame (the projection, every geometry projected once, the looks of
the movements, the offline relief warped onto the story) is prepared once in ``FrameRenderer``
(``layers.Prepared``); ``render`` then draws one frame: the relief and base lines, the movements and dots
it shows, the labels, the furniture and the panel.
"""
from __future__ import annotations

import io
import math
from typing import Any

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from ..schema import Frame, MovementProps
from ..story import Story
from ..styles import PX, styles
from ..wording import display_name, event_label, local_name, river_label, unit_label
from . import backdrop, fonts, layers, panel
from .furniture import furniture
from .placement import Placer, point_candidates
from .projection import fit_extent, projection_name, story_crs
from .text import story_texts

SIZE_PX = (1600, 1000)
"""16:10 at 150 dpi: 10.7 × 6.7 inches, sharp on a 1080p slide and printable at A5 landscape."""
DPI = 150
MAP_BOX = (0.012, 0.06, 0.645, 0.925)  # left, bottom, width, height as shares of the figure
RIVER_LABEL = "#2f6ea5"
EVENT_LABEL = "#6b4a06"
MAX_CONTEXT_LABELS = 240
"""Context places (not named by the frame) get a label while there is room; after this many tries (a
failed try counts three), a crowded map stops trying, so a frame's labels cost grows with what it can show."""
PNG_LEVEL = 1
"""zlib level of the pictures: on relief, level 1 writes files as small as the default 6 in well under half
the time (the encoding was a fifth of a frame's time). Pillow writes no version stamp, so rebuilds are
byte-identical."""
Extent = tuple[float, float, float, float]


def rank_of(f: Any) -> int:
    """A place's label rank (1 the most important), 2 where the story gives none."""
    return int(getattr(f.props, "label_rank", 2) or 2)


def encode_png(image: Image.Image, dpi: int) -> bytes:
    """A frame picture as PNG bytes, with its resolution and nothing that changes between runs."""
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(dpi, dpi), compress_level=PNG_LEVEL)
    return buf.getvalue()


class _Canvas(FigureCanvasAgg):
    """Agg, drawn once at save time (no redraw after each artist is added)."""

    def draw_idle(self, *args: Any, **kwargs: Any) -> None:
        pass


class FrameRenderer:
    """Draws the frames of one story; ``font_search`` is passed to ``fonts.cjk_font`` (None: the defaults)."""

    def __init__(self, story: Story, size_px: tuple[int, int] = SIZE_PX, dpi: int = DPI,
                 font_search: Any = None) -> None:
        self.story = story
        self.size_px = size_px
        self.dpi = dpi
        # fails early, naming the package, if the story has CJK text and no CJK font is installed
        self.font = fonts.text_font(story_texts(story), font_search)
        self.families = fonts.families(self.font)
        # parse_math off: a story's "$5 and $10" is drawn as written, never as TeX mathtext
        self.rc: dict[str, Any] = {"font.family": self.families, "axes.unicode_minus": False, "path.simplify": False,
                                   "lines.scale_dashes": False, "text.parse_math": False, "text.usetex": False}
        self.crs = story_crs(story)
        self.z = layers.z_orders()
        self._places = list(story.layers.get("places", ()))
        self._place_rank = np.array([min(rank_of(f), 3) for f in self._places], dtype=np.intp)
        self._by_rank = sorted(range(len(self._places)), key=lambda i: (rank_of(self._places[i]),
                                                                        self._places[i].props.name_en))
        """Places by label rank, then name: the order labels are tried in."""
        self.prep = layers.Prepared.of(story, self.crs)
        self.aspect = (MAP_BOX[2] * size_px[0]) / (MAP_BOX[3] * size_px[1])
        prose = [f.props.narrative for f in story.features()]
        prose += [t for fr in story.frames for t in (fr.title, fr.narrative)]
        self.river_names = {f.id: river_label(f.props.name_en, f.props.name_period, prose)
                            for f in story.layers.get("rivers", ())}

    # -- layout -------------------------------------------------------------------------------------------

    def extent(self, frame: Frame) -> Extent:
        """The frame's view (shared with the web map and QGIS) fitted to the map's aspect ratio."""
        d = self.story.derived
        return fit_extent(d.views[d.frame_index[frame.id]], self.crs, self.aspect)

    def render(self, frame: Frame, index: int) -> bytes:
        """The PNG bytes of frame number ``index`` (1-based)."""
        return encode_png(self.picture(frame, index), self.dpi)

    def picture(self, frame: Frame, index: int) -> Image.Image:
        """Frame number ``index`` drawn, as an RGB image: what ``render`` encodes, and what the GIF and the
        contact sheet reduce without decoding the PNG again."""
        with matplotlib.rc_context(self.rc):  # type: ignore[arg-type]
            fig = self.figure(frame, index)
            fig.canvas.draw()
            w, h = fig.canvas.get_width_height()
            rgba = fig.canvas.buffer_rgba()  # type: ignore[attr-defined]
            return Image.frombuffer("RGBA", (w, h), rgba, "raw", "RGBA", 0, 1).convert("RGB")

    def figure(self, frame: Frame, index: int) -> Figure:
        """The matplotlib figure of frame number ``index``, laid out; ``render`` saves it as PNG."""
        with matplotlib.rc_context(self.rc):  # type: ignore[arg-type]
            w, h = self.size_px
            fig = Figure(figsize=(w / self.dpi, h / self.dpi), dpi=self.dpi, facecolor="white")
            _Canvas(fig)
            ax = fig.add_axes(MAP_BOX)
            extent = self.extent(frame)
            x0, y0, x1, y1 = extent
            ax.set_xlim(x0, x1)
            ax.set_ylim(y0, y1)
            ax.set_aspect("equal", adjustable="datalim")
            ax.set_facecolor(panel.PAPER)
            ax.set_xticks([])
            ax.set_yticks([])
            for spine in ax.spines.values():
                spine.set_color("#555555")
                spine.set_linewidth(0.8)
                spine.set_zorder(30)
            ax.apply_aspect()
            states: dict[str, str] = dict(self.story.frame_states(frame))
            current = {i for i, state in states.items() if state == "current"}
            self._static(ax, extent)
            drawn = layers.draw_movements(ax, self.prep, states, self.z, self.dpi, extent)
            layers.draw_events(ax, self.story, self.prep, states, self.z["events"], extent)
            ax.set_xlim(x0, x1)
            ax.set_ylim(y0, y1)
            renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
            placer = Placer(ax, renderer, furniture(ax, renderer, self.crs, self.families))
            shown = self._labels(placer, frame, current, states, drawn, extent)
            panel.draw(fig, renderer, self.story, frame, index, shown, self._in_view(states, extent), MAP_BOX)
            panel.credits(fig, self.story, MAP_BOX, projection_name(self.crs))
            return fig

    # -- layers -------------------------------------------------------------------------------------------

    def _static(self, ax: Any, extent: Extent) -> None:
        """What every frame draws the same way: the relief, the rivers and railways, the places."""
        backdrop.draw_relief(ax, self.prep.relief, self.prep.relief_extent, self.z["relief"])
        for name in ("rivers", "railways"):
            layers.draw_lines(ax, name, self.prep.lines[name], self.z[name])
        layers.place_dots(ax, self.prep, self.z["places"], extent)

    def _in_view(self, states: dict[str, str], extent: Extent) -> set[str]:
        """The layers (other than movements) with a feature shown in the map, for the key."""
        out = set()
        for name in ("rivers", "railways"):
            if any(layers.in_view(part, extent).any() for part in self.prep.lines[name]):
                out.add(name)
        for name in ("places", "events"):
            ids = [f.id for f in self.story.layers.get(name, ()) if f.id in states]
            if ids and layers.in_view(np.array([self.prep.points[i] for i in ids]), extent).any():
                out.add(name)
        return out

    # -- labels -------------------------------------------------------------------------------------------

    def _labels(self, placer: Placer, frame: Frame, current: set[str], states: dict[str, str],
                drawn: list[layers.DrawnArrow], extent: Extent) -> list[tuple[MovementProps, bool]]:
        """Every place and event the frame names, the current units, rivers, then context places by rank.

        Returns the movements in view, each with whether it is current, for the key."""
        prep, story = self.prep, self.story
        radius = np.array([styles().layers.places.radius_for(r) * PX for r in (1, 2, 3)])[self._place_rank - 1]
        inside = layers.in_view(prep.place_xy, extent)
        for box in placer.marker_boxes(prep.place_xy[inside], radius[inside]):
            placer.block(box)
        ranked = [self._places[i] for i in self._by_rank if inside[i]]
        events = [f for f in story.layers.get("events", ()) if f.id in current
                  and layers.in_view(prep.points[f.id], extent)]
        for f in events:
            p = prep.points[f.id]
            placer.block(placer.marker_box(p[0], p[1], 7 * PX))
        named = set(frame.focus or ()) | current
        for f in events:  # the frame's own events: required
            p = prep.points[f.id]
            placer.place(event_label(local_name(f.props, story.words)), (p[0], p[1]), point_candidates(7 * PX),
                         required=True,
                         fontsize=7.5, fontstyle="italic", color=EVENT_LABEL)
        for f in (f for f in ranked if f.id in named):
            self._place_label(placer, f, required=True, ours=True)
        for a in drawn:
            if a.current:
                self._unit_label(placer, a, extent)
        for f in story.layers.get("rivers", ()):
            self._river_label(placer, f.id, extent)
        budget = MAX_CONTEXT_LABELS
        rest = (f for f in ranked if f.id not in named)
        for f in rest:  # context places by rank, while the map has room: a crowded map stops trying
            if budget <= 0:
                break
            placed = self._place_label(placer, f, required=False, ours=False)
            budget -= 1 if placed else 3
        return [(a.props, a.current) for a in drawn if a.seen]

    def _place_label(self, placer: Placer, f: Any, required: bool, ours: bool) -> bool:
        rank = min(rank_of(f), 3)
        size = styles().place_labels.picture_pt[rank - 1] + (0.5 if ours else 0)
        p = self.prep.points[f.id]
        radius = styles().layers.places.radius_for(rank) * PX
        return placer.place(display_name(f.props, self.story.words), (p[0], p[1]), point_candidates(radius),
                            required=required, fontsize=size, color="#111111" if ours else "#3a3a3a",
                            fontweight="bold" if ours or rank == 1 else "normal") is not None

    def _unit_label(self, placer: Placer, a: layers.DrawnArrow, extent: Extent) -> None:
        """The unit beside its arrow, at the first free spot along it (middle first)."""
        colour = self.story.meta.sides[a.props.side].colour
        inside = a.path[layers.in_view(a.path, extent)]
        path = inside if len(inside) >= 2 else a.path
        if layers.path_length(path) == 0:
            return
        text = unit_label(a.props.unit or a.props.name_en)
        for k, share in enumerate((0.5, 0.38, 0.62, 0.28, 0.72)):
            p = layers.point_along(path, share)
            last = k == 4
            if placer.place(text, p, [(0, 7, "center", "bottom"), (0, -7, "center", "top"),
                                      (9, 0, "left", "center"), (-9, 0, "right", "center")],
                            required=last, leader_from=99, fontsize=7.5, fontweight="bold", color=colour):
                return

    def _river_label(self, placer: Placer, fid: str, extent: Extent) -> None:
        """One name per river (the period name where the story uses it), along its longest stretch in view."""
        shown = self._river_parts(fid, extent)
        if not shown:
            return
        line = max(shown, key=layers.path_length)
        if layers.path_length(line) < (extent[2] - extent[0]) * 0.15:
            return
        for share in (0.5, 0.35, 0.65, 0.2, 0.8):
            a = layers.point_along(line, max(share - 0.04, 0))
            b = layers.point_along(line, min(share + 0.04, 1))
            angle = math.degrees(math.atan2(b[1] - a[1], b[0] - a[0]))
            angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle
            if abs(angle) > 60:
                continue
            p = layers.point_along(line, share)
            off = (-math.sin(math.radians(angle)) * 6, math.cos(math.radians(angle)) * 6)
            if placer.place(self.river_names[fid], p, [(off[0], off[1], "center", "center")], fontsize=7.5,
                            fontstyle="italic", color=RIVER_LABEL, rotation=angle, rotation_mode="anchor"):
                return

    def _river_parts(self, fid: str, extent: Extent) -> list[layers.Coords]:
        """The stretches of a river inside the view, as projected coordinate runs."""
        out = []
        for part in self.prep.river_parts[fid]:
            mask = layers.in_view(part, extent)
            runs = np.split(part, np.flatnonzero(np.diff(mask.astype(np.int8))) + 1)
            flags = np.split(mask, np.flatnonzero(np.diff(mask.astype(np.int8))) + 1)
            out += [r for r, m in zip(runs, flags, strict=True) if m[0] and len(r) >= 2]
        return out
