"""The side panel beside the map (story title, date, frame title, caption, sources, legend) and the credit line.

The legend lives in the panel, not on the map, so it never covers the action; it lists only what the frame
actually shows.
"""
from __future__ import annotations

from matplotlib.legend_handler import HandlerBase
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon

from ..schema import Frame, MovementProps
from ..story import Story
from ..styles import dash_list, styles
from .text import caption, date_label, source_line, wrap

INK = "#1f1f1f"
MUTED = "#6b6b6b"
ACCENT = "#8c1d18"
PX = 0.75
NEUTRAL = "#4a4a4a"


class ArrowKey:
    """A legend handle: a movement arrow with a colour, width, dash, head and opacity."""

    def __init__(self, colour: str, width: float, dash: str | None, head: str = "filled", alpha: float = 1.0,
                 casing: bool = False) -> None:
        self.colour, self.width, self.dash, self.head, self.alpha, self.casing = colour, width, dash, head, alpha, casing


class ArrowHandler(HandlerBase):
    def create_artists(self, legend, key, xdescent, ydescent, width, height, fontsize, trans):
        y = height / 2 - ydescent
        x0, x1 = -xdescent, -xdescent + width
        head = min(height * 1.05, width * 0.35)
        lw = key.width * PX
        dashes = [d * PX / lw for d in dash_list(key.dash)]
        artists = []
        if key.casing:
            artists.append(Line2D([x0, x1 - head * 0.6], [y, y], color="#1d1d1d", linewidth=lw + 1.8, alpha=key.alpha))
        line = Line2D([x0, x1 - head * 0.6], [y, y], color=key.colour, linewidth=lw, alpha=key.alpha,
                      solid_capstyle="butt", dash_capstyle="butt")
        if dashes:
            line.set_dashes(dashes)
        hollow = key.head == "hollow"
        tri = Polygon([[x1, y], [x1 - head, y + head * 0.42], [x1 - head, y - head * 0.42]], closed=True,
                      facecolor="white" if hollow else key.colour, edgecolor=key.colour,
                      linewidth=1.2 if hollow else 0.5, alpha=key.alpha)
        artists += [line, tri]
        for a in artists:
            a.set_transform(trans)
        return artists


def legend_entries(story: Story, kinds: list[tuple[MovementProps, bool]], visible_events: bool):
    st = styles()
    handles, labels = [], []
    sides = [s for s in story.meta.sides if any(p.side == s for p, _ in kinds)]
    for side_id in sides:
        side = story.meta.sides[side_id]
        handles.append(Patch(facecolor=side.colour, edgecolor="none"))
        labels.append(wrap(side.label + (f"  {side.label_zh}" if side.label_zh else ""), 48))
    for kind, spec in st["movement_kinds"].items():
        if any(p.kind == kind for p, _ in kinds):
            handles.append(ArrowKey(NEUTRAL, spec["width"], spec["dash"], spec["head"], spec["opacity"],
                                    bool(spec.get("casing"))))
            labels.append(spec["label"])
    for certainty, spec in st["route_certainty"].items():
        dashed_kinds = [p for p, _ in kinds if st["movement_kinds"][p.kind]["dash"] is None]
        if spec["dash"] and any(p.route_certainty == certainty for p in dashed_kinds):
            handles.append(ArrowKey(NEUTRAL, 3.0, spec["dash"]))
            labels.append(spec["label"])
    if any(not now for _, now in kinds):
        handles.append(ArrowKey(NEUTRAL, 3.0, None, alpha=st["faded_opacity"]))
        labels.append("Earlier movement")
    layers = st["layers"]
    if visible_events:
        handles.append(Line2D([], [], marker="o", linestyle="none", markersize=layers["events"]["radius"] * 2 * PX,
                              markerfacecolor=layers["events"]["fill"], markeredgecolor=layers["events"]["colour"]))
        labels.append("Event")
    handles.append(Line2D([], [], marker="o", linestyle="none", markersize=layers["places"]["radius"][1] * 2 * PX,
                          markerfacecolor=layers["places"]["fill"], markeredgecolor=layers["places"]["colour"]))
    labels.append("Place")
    if story.layers.get("rivers"):
        handles.append(Line2D([], [], color=layers["rivers"]["colour"], linewidth=layers["rivers"]["width"] * PX))
        labels.append(layers["rivers"]["label"])
    if story.layers.get("railways"):
        rail = layers["railways"]
        line = Line2D([], [], color=rail["colour"], linewidth=rail["width"] * PX)
        line.set_dashes([d * PX / (rail["width"] * PX) for d in dash_list(rail.get("dash"))])
        handles.append(line)
        labels.append(rail["label"])
    return handles, labels


def draw(fig, renderer, story: Story, frame: Frame, index: int, kinds, map_box) -> None:
    """Stack the panel's texts from the top, measuring each so the next starts just below it."""
    fig_h = fig.get_figheight() * fig.dpi
    left = map_box[0] + map_box[2] + 0.022
    right = 0.985
    top = map_box[1] + map_box[3]
    y = top

    fig_w = fig.get_figwidth() * fig.dpi

    def put(text: str, gap: float = 0.0, chars: int | None = None, **style):
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
    put(date_label(frame), gap=0.018, fontsize=15, color=ACCENT, fontweight="bold")
    put(frame.title, chars=34, gap=0.010, fontsize=13.5, color=INK, fontweight="bold", linespacing=1.15)
    put(caption(frame.narrative), chars=56, gap=0.018, fontsize=9.5, color="#333333", linespacing=1.4)
    put(source_line(story, frame), chars=84, gap=0.014, fontsize=7, color=MUTED, linespacing=1.3)
    visible_events = any(f.id in frame.features or (f.first_day and f.first_day <= frame.last.last)
                         for f in story.layers.get("events", ()))
    handles, labels = legend_entries(story, kinds, visible_events)
    bottom = map_box[1]
    sizes = ((8, 0.55), (7.4, 0.4), (6.8, 0.25))
    for size, spacing in sizes:  # shrink the key if a long caption crowds it
        legend = fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(left - 0.004, y - 0.02),
                            bbox_transform=fig.transFigure, frameon=False, fontsize=size, handlelength=3.4,
                            handleheight=1.0, labelspacing=spacing, borderaxespad=0, borderpad=0, title="Key",
                            title_fontproperties={"size": size + 0.5, "weight": "bold"}, alignment="left",
                            handler_map={ArrowKey: ArrowHandler()})
        if legend.get_window_extent(renderer).y0 / fig_h >= bottom or size == sizes[-1][0]:
            break
        legend.remove()
    legend.get_title().set_color(INK)
    credits = (story.meta.credits or "") + "  Projection: local Lambert conformal conic (metres); made with geostory."
    fig.text(map_box[0], 0.022, wrap(credits.strip(), 250), ha="left", va="center", fontsize=6.5, color=MUTED,
             linespacing=1.3)
