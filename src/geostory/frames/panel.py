"""The side panel beside the map (story title, date, frame title, caption, corrections, sources, key) and the
credit line.

The key lives in the panel, not on the map, so it never covers the action; it lists only what the frame
shows, with the entries of the one legend rule (``geostory.legend``) that the web legend and QGIS use. The
caption is the frame's whole narrative; only when even the smallest type cannot fit it beside the key is it
cut at a sentence and marked as continued.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Transform

from ..legend import LegendEntry, Stroke, legend_entries
from ..schema import Frame, MovementProps
from ..story import Story
from ..styles import PX, panel_colours
from ..vocabulary import certainty_label, kind_labels, layer_label
from ..wording import date_label, frame_sources
from .text import sentences, wrap

INK, MUTED, ACCENT = panel_colours().ink, panel_colours().muted, panel_colours().accent
"""The panel's text colours: the web page's (``styles.panel_colours``)."""
PAPER = "#f4f1ea"
"""A swatch behind line keys, so a white casing or core shows as on the map."""
CONTINUED = "(continued on the web map)"
CAPTION_SIZES = (9.5, 9.0, 8.5, 8.0, 7.6)
NOTE_SIZE = 6.4


class EntryHandler(HandlerBase):
    """Draws a legend rule entry: a movement's strokes and head, a line layer's strokes, or a dot."""

    def create_artists(self, legend: Legend, orig_handle: Any, xdescent: float, ydescent: float, width: float,
                       height: float, fontsize: float, trans: Transform) -> list[Any]:
        entry: LegendEntry = orig_handle.entry
        y = height / 2 - ydescent
        x0, x1 = -xdescent, -xdescent + width
        artists: list[Any] = []
        if entry.colour is not None and entry.movement is None:
            artists.append(Rectangle((x0, y - height * 0.45), width, height * 0.9, facecolor=entry.colour,
                                     edgecolor="none"))
        elif entry.point is not None:
            p = entry.point
            artists.append(Line2D([(x0 + x1) / 2], [y], marker="o", linestyle="none", markersize=p.radius * 2 * PX,
                                  markerfacecolor=p.fill, markeredgecolor=p.colour, markeredgewidth=p.outline * PX))
        else:
            pad = height * 0.35
            artists.append(Rectangle((x0 - pad, y - height / 2 - pad), width + 2 * pad, height + 2 * pad,
                                     facecolor=PAPER, edgecolor="none"))
            look = entry.movement
            strokes: Sequence[Stroke] = look.strokes if look is not None else entry.strokes
            head = min(height * 1.25, width * 0.38) if look is not None else 0.0
            for s in strokes:
                line = Line2D([x0, x1 - head * 0.6], [y, y], color=s.colour, linewidth=s.width * PX,
                              alpha=s.opacity, solid_capstyle="butt", dash_capstyle="butt")
                if s.dash:
                    line.set_dashes([d * PX / max(s.width * PX, 0.1) for d in s.dash])
                artists.append(line)
            if look is not None:
                h = look.head
                half = head * h.width / h.length / 2
                artists.append(Polygon([[x1, y], [x1 - head, y + half], [x1 - head, y - half]], closed=True,
                                       facecolor=h.fill, edgecolor=h.colour, linewidth=h.outline * PX,
                                       alpha=h.opacity))
        for a in artists:
            a.set_transform(trans)
        return artists


class Handle:
    """A legend handle carrying one legend rule entry (hashable, as matplotlib's handler map needs)."""

    def __init__(self, entry: LegendEntry) -> None:
        self.entry = entry


def key_entries(story: Story, shown: list[tuple[MovementProps, bool]],
                layers: set[str]) -> tuple[list[Any], list[str]]:
    """Handles and labels for what the frame shows, from the one legend rule."""
    handles: list[Any] = []
    labels: list[str] = []
    w = story.words
    kinds = kind_labels(story.meta.kinds, "movements", w)
    for e in legend_entries(story, shown, layers):
        handles.append(Handle(e))
        if e.section == "sides":  # a side by its name (its notes are in the web legend)
            name = e.label.split(" (")[0]
            label = (e.label_zh or name) if w.lang == "zh" else name + (f"  {e.label_zh}" if e.label_zh else "")
        elif e.section == "movements":
            label = w("earlier_movement") if e.key == "earlier" else kinds.get(e.key, e.label)
        elif e.section == "routes":
            label = certainty_label(e.key, w)
        else:
            label = layer_label(e.key, w)
        labels.append(wrap(label, 30))
    return handles, labels


def draw(fig: Figure, renderer: RendererBase, story: Story, frame: Frame, index: int,
         shown: list[tuple[MovementProps, bool]], layers_shown: set[str],
         map_box: tuple[float, float, float, float]) -> None:
    """The key anchored at the panel's foot, then the texts stacked from the top, measured as they go."""
    fig_w, fig_h = fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi
    left = map_box[0] + map_box[2] + 0.022
    right = 0.985
    top = map_box[1] + map_box[3]
    bottom = map_box[1]
    handles, labels = key_entries(story, shown, layers_shown)
    legend = None
    tries = [(ncol, size, spacing) for ncol in (1, 2) for size, spacing in ((7.8, 0.45), (7.2, 0.3))]
    for k, (ncol, size, spacing) in enumerate(tries):  # one column if it fits, else two
        legend = fig.legend(handles, labels, loc="lower left", bbox_to_anchor=(left - 0.004, bottom),
                            bbox_transform=fig.transFigure, frameon=False, fontsize=size, handlelength=3.0,
                            handleheight=1.1, labelspacing=spacing, borderaxespad=0, borderpad=0, title="Key",
                            title_fontproperties={"size": size + 0.5, "weight": "bold"}, alignment="left",
                            ncols=ncol, columnspacing=1.0, handletextpad=0.6, handler_map={Handle: EntryHandler()})
        box = legend.get_window_extent(renderer)
        if (box.y1 / fig_h < top - 0.55 and box.x1 <= right * fig_w) or k == len(tries) - 1:
            break
        legend.remove()
    assert legend is not None
    legend.get_title().set_color(INK)
    floor = legend.get_window_extent(renderer).y1 / fig_h + 0.018
    col = Column(fig, renderer, left, right - 0.045, top)  # the story's title keeps clear of "8 / 13"
    title = story.meta.title.upper() + (f"   {story.meta.title_zh}" if story.meta.title_zh else "")
    col.put(title, wrap_it=True, fontsize=8, color=MUTED, fontweight="bold")
    col.right = right
    fig.text(right, top, f"{index} / {len(story.frames)}", ha="right", va="top", fontsize=8, color=MUTED)
    col.y -= 0.012
    fig.add_artist(Line2D([left, right], [col.y, col.y], transform=fig.transFigure, color="#bdbdbd",
                          linewidth=0.8))
    w = story.words
    col.put(date_label(frame, w), gap=0.018, fontsize=15, color=ACCENT, fontweight="bold")
    col.put(frame.title, gap=0.010, wrap_it=True, fontsize=13.5, color=INK, fontweight="bold", linespacing=1.15)
    corrected = [c.about.rstrip(".") + "." for c in story.meta.corrections if c.id in frame.corrections]
    notes = [(w("corrected", text=" ".join(corrected)), ACCENT)] if corrected else []
    notes.append((frame_sources(frame, story.meta, w), MUTED))
    caption_and_notes(col, frame.narrative, notes, floor)


class Column:
    """A text column in figure coordinates, filled from the top: ``y`` is where the next text starts.

    Text is wrapped to the column's width by measured word widths (each word measured once per style), so
    laying out a long caption costs one text layout, not one per trial width."""

    def __init__(self, fig: Figure, renderer: RendererBase, left: float, right: float, top: float) -> None:
        self.fig, self.renderer = fig, renderer
        self.left, self.right, self.y = left, right, top
        self.fig_w, self.fig_h = fig.get_figwidth() * fig.dpi, fig.get_figheight() * fig.dpi
        self._widths: dict[tuple[str, float, str], float] = {}

    def _width(self, word: str, size: float, weight: str) -> float:
        key = (word, size, weight)
        if key not in self._widths:
            prop = FontProperties(size=size, weight=weight)
            self._widths[key] = float(self.renderer.get_text_width_height_descent(word, prop, ismath=False)[0])
        return self._widths[key]

    def lines(self, text: str, size: float, weight: str = "normal") -> list[str]:
        """``text`` broken into lines that fit the column (a word longer than the column stands alone)."""
        room = (self.right - self.left) * self.fig_w * 0.985
        space = self._width("a a", size, weight) - 2 * self._width("a", size, weight)
        out: list[str] = []
        line, used = "", 0.0
        for word in text.split():
            w = self._width(word, size, weight)
            if line and used + space + w > room:
                out.append(line)
                line, used = word, w
            else:
                line, used = (f"{line} {word}", used + space + w) if line else (word, w)
        if line:
            out.append(line)
        return out

    def height(self, n_lines: int, size: float, linespacing: float) -> float:
        """The height (figure share) of ``n_lines`` of text at ``size`` points, as matplotlib lays them out:
        each line below the first moves down by the font's "lp" height less its descent, times the spacing."""
        prop = FontProperties(size=size)
        _, h, d = self.renderer.get_text_width_height_descent("lp", prop, ismath=False)
        return float(h + d + (n_lines - 1) * (h - d) * linespacing) / self.fig_h

    def put(self, text: str, gap: float = 0.0, wrap_it: bool = False, **style: Any) -> Text:
        """Text at the cursor (wrapped to the column with ``wrap_it``); the cursor moves below it."""
        self.y -= gap
        size = float(style.get("fontsize", 10))
        body = "\n".join(self.lines(text, size, str(style.get("fontweight", "normal")))) if wrap_it else text
        t = self.fig.text(self.left, self.y, body, ha="left", va="top", **style)
        self.y -= t.get_window_extent(self.renderer).height / self.fig_h
        return t


def caption_and_notes(col: Column, narrative: str, notes: list[tuple[str, str]], floor: float) -> str:
    """The whole narrative, then the corrections and sources, all above ``floor`` (the key's top): in the
    largest type that fits; in the smallest, cut at a sentence and marked as continued. Returns the caption.

    Heights are estimated from measured line heights to pick a size, then checked on the drawn texts (a
    wrong guess costs one more layout)."""
    parts = sentences(narrative)
    note_lines = sum(len(col.lines(line, NOTE_SIZE)) for line, _ in notes)
    notes_h = col.height(note_lines, NOTE_SIZE, 1.25) + 0.008 * len(notes) + 0.018
    start = col.y
    room = start - floor - notes_h
    first = next((k for k, size in enumerate(CAPTION_SIZES)
                  if col.height(len(col.lines(narrative, size)), size, 1.35) <= room), len(CAPTION_SIZES) - 1)
    trials = [(size, len(parts)) for size in CAPTION_SIZES[first:]]
    trials += [(CAPTION_SIZES[-1], keep) for keep in range(len(parts) - 1, 0, -1)]
    text = ""
    for n, (size, keep) in enumerate(trials):
        text = " ".join(parts[:keep]) + ("" if keep == len(parts) else f" {CONTINUED}")
        col.y = start
        drawn = [col.put(text, gap=0.018, wrap_it=True, fontsize=size, color="#333333", linespacing=1.35)]
        drawn += [col.put(line, gap=0.008, wrap_it=True, fontsize=NOTE_SIZE, color=colour, linespacing=1.25)
                  for line, colour in notes]
        if col.y >= floor or n == len(trials) - 1:
            break
        for t in drawn:
            t.remove()
    return text


def credits(fig: Figure, story: Story, map_box: tuple[float, float, float, float], projection: str) -> None:
    """The credit line under the map: the story's credits, the relief's, the projection (``projection``)."""
    from ..relief import ATTRIBUTION

    text = " ".join(filter(None, [story.meta.credits, f"{ATTRIBUTION}.",
                                  f"Projection: {projection} (metres); made with geostory."]))
    fig.text(map_box[0], 0.022, wrap(text, 250), ha="left", va="center", fontsize=6.5, color=MUTED,
             linespacing=1.3)


__all__ = ["CONTINUED", "EntryHandler", "Handle", "Patch", "credits", "draw", "key_entries"]
