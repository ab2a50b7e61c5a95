"""The side panel beside the map (story title, date, frame title, caption, sources, legend) and the credit line.

The legend lives in the panel, not on the map, so it never covers the action; it lists only what the frame
actually shows.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from matplotlib.artist import Artist
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Transform

from ..schema import Frame, MovementProps
from ..story import Story
from ..styles import PX, LineLayerStyle, dash_list, panel_colours, styles
from ..vocabulary import certainty_label, kind_labels, layer_label, movement_kinds
from ..wording import date_label
from .text import caption, source_line, wrap

INK, MUTED, ACCENT = panel_colours().ink, panel_colours().muted, panel_colours().accent
"""The panel's text colours: the web page's (``styles.panel_colours``)."""
PAPER = "#f4f1ea"
"""The map's background; line keys are drawn on a swatch of it, so a white casing shows as on the map."""


@dataclass(eq=False)  # hashable: matplotlib looks handles up in its handler map
class ArrowKey:
    """A legend handle: a movement arrow with a colour, width, dash, head and opacity."""

    colour: str
    width: float
    dash: str | None
    head: str = "filled"
    alpha: float = 1.0
    casing: bool = False


class ArrowHandler(HandlerBase):
    def create_artists(self, legend: Legend, orig_handle: Artist, xdescent: float, ydescent: float, width: float,
                       height: float, fontsize: float, trans: Transform) -> list[Artist]:
        key = cast(ArrowKey, orig_handle)  # matplotlib passes the handle given, whatever its stubs say
        y = height / 2 - ydescent
        x0, x1 = -xdescent, -xdescent + width
        head = min(height * 1.05, width * 0.35)
        lw = key.width * PX
        dashes = [d * PX / lw for d in dash_list(key.dash)]
        st = styles()
        artists: list[Artist] = [swatch(x0, y, width, height)]
        if key.casing:
            artists.append(Line2D([x0, x1 - head * 0.6], [y, y], color=st.casing.colour, alpha=key.alpha,
                                  linewidth=lw + st.casing.extra_width * PX, solid_capstyle="butt"))
        line = Line2D([x0, x1 - head * 0.6], [y, y], color=key.colour, linewidth=lw, alpha=key.alpha,
                      solid_capstyle="butt", dash_capstyle="butt")
        if dashes:
            line.set_dashes(dashes)
        hollow = key.head == "hollow"
        tri = Polygon([[x1, y], [x1 - head, y + head * 0.42], [x1 - head, y - head * 0.42]], closed=True,
                      facecolor=st.hollow_head_fill if hollow else key.colour, edgecolor=key.colour,
                      linewidth=(st.outline.hollow_head if hollow else st.outline.head) * PX, alpha=key.alpha)
        artists += [line, tri]
        for a in artists:
            a.set_transform(trans)
        return artists


def swatch(x0: float, y: float, width: float, height: float) -> Rectangle:
    pad = height * 0.35
    return Rectangle((x0 - pad, y - height / 2 - pad), width + 2 * pad, height + 2 * pad, facecolor=PAPER,
                     edgecolor="none")


class LineKey:
    """A legend handle for a context line (river, railway), drawn on the paper swatch."""

    def __init__(self, spec: LineLayerStyle) -> None:
        self.spec = spec


class LineHandler(HandlerBase):
    def create_artists(self, legend: Legend, orig_handle: Artist, xdescent: float, ydescent: float, width: float,
                       height: float, fontsize: float, trans: Transform) -> list[Artist]:
        key = cast(LineKey, orig_handle)  # as in ArrowHandler
        y = height / 2 - ydescent
        x0 = -xdescent
        lw = key.spec.width * PX
        artists: list[Artist] = [swatch(x0, y, width, height)]
        if key.spec.casing:
            casing = styles().casing
            artists.append(Line2D([x0, x0 + width], [y, y], color=casing.colour,
                                  linewidth=lw + casing.extra_width * PX, solid_capstyle="butt"))
        line = Line2D([x0, x0 + width], [y, y], color=key.spec.colour, linewidth=lw, solid_capstyle="butt")
        if key.spec.dash:
            line.set_dashes([d * PX / lw for d in dash_list(key.spec.dash)])
        artists.append(line)
        for a in artists:
            a.set_transform(trans)
        return artists


def legend_entries(story: Story, kinds: list[tuple[MovementProps, bool]], layers_shown: set[str]
                   ) -> tuple[list[Any], list[str]]:
    """The key's handles (artists, or ArrowKey/LineKey for the handlers above) and their labels."""
    st = styles()
    ink, key_width = st.legend.ink, st.legend.route_key_width  # keys for a line style, not a side
    w = story.words
    handles: list[Any] = []  # matplotlib takes any handle its handler_map knows, whatever its stubs say
    labels: list[str] = []
    sides = [s for s in story.meta.sides if any(p.side == s for p, _ in kinds)]
    for side_id in sides:
        side = story.meta.sides[side_id]
        handles.append(Patch(facecolor=side.colour, edgecolor="none"))
        side_label = (side.label_zh or side.label) if w.lang == "zh" else (
            side.label + (f"  {side.label_zh}" if side.label_zh else ""))
        labels.append(wrap(side_label, 48))
    movement_specs = movement_kinds(story.meta.kinds)
    kind_words = kind_labels(story.meta.kinds, "movements", w)
    for kind, spec in movement_specs.items():
        if any(p.kind == kind for p, _ in kinds):
            handles.append(ArrowKey(ink, spec.width, spec.dash, spec.head, spec.opacity, spec.casing))
            labels.append(kind_words[kind])
    for certainty, route in st.route_certainty.items():
        dashed_kinds = [p for p, _ in kinds if movement_specs[p.kind].dash is None]
        if route.dash and any(p.route_certainty == certainty for p in dashed_kinds):
            handles.append(ArrowKey(ink, key_width, route.dash))
            labels.append(certainty_label(certainty, w))
    if any(not now for _, now in kinds):
        handles.append(ArrowKey(ink, key_width * st.faded.width_factor, None, alpha=st.faded.opacity))
        labels.append(w("earlier_movement"))
    layers, outline = st.layers, st.outline.point * PX
    if "events" in layers_shown:
        handles.append(Line2D([], [], marker="o", linestyle="none", markeredgewidth=outline,
                              markersize=layers.events.radius_for() * 2 * PX,
                              markerfacecolor=layers.events.fill, markeredgecolor=layers.events.colour))
        labels.append(layer_label("events", w))
    if "places" in layers_shown:
        handles.append(Line2D([], [], marker="o", linestyle="none", markeredgewidth=outline,
                              markerfacecolor=layers.places.fill,
                              markersize=layers.places.radius_for(2) * 2 * PX,
                              markeredgecolor=layers.places.colour))
        labels.append(layer_label("places", w))
    if "rivers" in layers_shown:
        handles.append(LineKey(layers.rivers))
        labels.append(layer_label("rivers", w))
    if "railways" in layers_shown:
        handles.append(LineKey(layers.railways))
        labels.append(layer_label("railways", w))
    return handles, labels


def draw(fig: Figure, renderer: RendererBase, story: Story, frame: Frame, index: int,
         kinds: list[tuple[MovementProps, bool]], layers_shown: set[str],
         map_box: tuple[float, float, float, float]) -> None:
    """Stack the panel's texts from the top, measuring each so the next starts just below it.

    ``kinds``: the movements in view, each with whether it is current; ``layers_shown``: the other layers
    with something in view. The key explains only those."""
    fig_h = fig.get_figheight() * fig.dpi
    left = map_box[0] + map_box[2] + 0.022
    right = 0.985
    top = map_box[1] + map_box[3]
    y = top

    fig_w = fig.get_figwidth() * fig.dpi

    def put(text: str, gap: float = 0.0, chars: int | None = None, **style: Any) -> Text:
        """Place text at the cursor; with ``chars``, wrap it, narrowing until it fits the panel's width."""
        nonlocal y
        y -= gap
        t = fig.text(left, y, wrap(text, chars) if chars else text, ha="left", va="top", **style)
        while chars and chars > 12 and t.get_window_extent(renderer).width > (right - left) * fig_w:
            chars -= 2
            t.set_text(wrap(text, chars))
        y -= t.get_window_extent(renderer).height / fig_h
        return t

    title = story.meta.title.upper() + (f"   {story.meta.title_zh}" if story.meta.title_zh else "")
    put(title, fontsize=8, color=MUTED, fontweight="bold")
    fig.text(right, top, f"{index} / {len(story.frames)}", ha="right", va="top", fontsize=8, color=MUTED)
    y -= 0.012
    fig.add_artist(Line2D([left, right], [y, y], transform=fig.transFigure, color="#bdbdbd", linewidth=0.8))
    put(date_label(frame, story.words), gap=0.018, fontsize=15, color=ACCENT, fontweight="bold")
    put(frame.title, chars=34, gap=0.010, fontsize=13.5, color=INK, fontweight="bold", linespacing=1.15)
    put(caption(frame.narrative), chars=56, gap=0.018, fontsize=9.5, color="#333333", linespacing=1.4)
    put(source_line(story, frame), chars=84, gap=0.014, fontsize=7, color=MUTED, linespacing=1.3)
    handles, labels = legend_entries(story, kinds, layers_shown)
    bottom = map_box[1]
    sizes = ((8, 0.55), (7.4, 0.4), (6.8, 0.25))
    for size, spacing in sizes:  # shrink the key if a long caption crowds it
        legend = fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(left - 0.004, y - 0.02),
                            bbox_transform=fig.transFigure, frameon=False, fontsize=size, handlelength=3.4,
                            handleheight=1.0, labelspacing=spacing, borderaxespad=0, borderpad=0, title="Key",
                            title_fontproperties={"size": size + 0.5, "weight": "bold"}, alignment="left",
                            handler_map={ArrowKey: ArrowHandler(), LineKey: LineHandler()})
        if legend.get_window_extent(renderer).y0 / fig_h >= bottom or size == sizes[-1][0]:
            break
        legend.remove()
    legend.get_title().set_color(INK)
    credits = (story.meta.credits or "") + "  Projection: local Lambert conformal conic (metres); made with geostory."
    fig.text(map_box[0], 0.022, wrap(credits.strip(), 250), ha="left", va="center", fontsize=6.5, color=MUTED,
             linespacing=1.3)
