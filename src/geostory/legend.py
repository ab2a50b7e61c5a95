"""The one legend rule: how each movement, line and dot looks, and the key that explains it, for every output.

styles.json holds the values (colours, widths, dashes, head sizes); this module decides, once, how they
combine: colour by side, a line pattern by kind (ticks for rail, a hollow line for a retreat, dots for air),
dashes by route certainty for the kinds without a pattern of their own, a head style and a head size in
screen units, and what "earlier" (faded) does to all of it. The web legend, the frame pictures' key and the
QGIS categories draw the same entries, so no two kinds look alike in one output and alike in another.

All sizes are CSS pixels (see ``styles.PX`` for points; millimetres are pixels times ``MM_PER_PX``).
"""
from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from typing import Any, Literal

from .i18n import Words
from .schema import MovementProps, StoryMeta
from .story import Story
from .styles import LineLayerStyle, PointLayerStyle, dash_list, styles
from .vocabulary import Kinds, certainty_label, kind_labels, layer_label, movement_kinds

Cap = Literal["butt", "round"]
HeadStyle = Literal["filled", "hollow"]
Section = Literal["sides", "movements", "routes", "map"]
State = Literal["current", "earlier"]

MM_PER_PX = 25.4 / 96
"""Millimetres per CSS pixel (96 px to the inch), for QGIS symbols in millimetres."""
SECTION_TITLES: dict[Section, str] = {"sides": "Sides", "movements": "Movements", "routes": "Route", "map": "Map"}
EARLIER_LABEL = "Earlier movement"
FADED_NOTE = "Earlier movements and events are faded; later ones are hidden."
MAP_ORDER = ("events", "places", "rivers", "railways")
"""The order of the base layers in every key: what happens first, then what it happens on."""


@dataclass(frozen=True)
class Stroke:
    """One line drawn along a path; a look is a stack of them, bottom first."""

    colour: str
    width: float
    dash: tuple[float, ...] = ()
    cap: Cap = "butt"
    opacity: float = 1.0
    role: str = "line"
    """casing (pale, under), line (the main one), core (a pale line inside it) or ticks (across it)."""

    def svg_dash(self) -> str | None:
        """The dash as an SVG ``stroke-dasharray``; None for a solid line."""
        return " ".join(f"{x:g}" for x in self.dash) or None


@dataclass(frozen=True)
class Head:
    """An arrow head sized in pixels: its length along the path and its width across."""

    style: HeadStyle
    length: float
    width: float
    colour: str
    fill: str
    outline: float
    opacity: float


@dataclass(frozen=True)
class MovementLook:
    """How one movement is drawn: its strokes, its head, and the rule for shrinking the head on short arrows."""

    kind: str
    certainty: str
    colour: str
    strokes: tuple[Stroke, ...]
    head: Head

    @property
    def width(self) -> float:
        """The main line's width (what "width by kind" means)."""
        return next(s.width for s in self.strokes if s.role == "line")

    def head_length(self, drawn_length: float) -> float:
        """The head's length for an arrow ``drawn_length`` long on screen: never over its share of it, and
        never under the minimum, so even a short arrow shows which way it goes."""
        cfg = styles().arrow.head_px
        return float(max(cfg.min, min(self.head.length, cfg.max_share * drawn_length)))

    def earlier(self) -> MovementLook:
        """The faded look of a movement whose time has passed: lighter, thinner, with a smaller head."""
        faded, cfg = styles().faded, styles().arrow.head_px
        strokes = tuple(replace(s, opacity=s.opacity * faded.opacity, width=s.width * faded.width_factor)
                        for s in self.strokes)
        h = self.head
        head = replace(h, opacity=h.opacity * faded.opacity,
                       length=max(cfg.min, h.length * cfg.earlier_factor),
                       width=max(cfg.min, h.length * cfg.earlier_factor) * cfg.width_ratio)
        return replace(self, strokes=strokes, head=head)

    def as_style(self) -> dict[str, Any]:
        """The flat style dictionary older callers read (colour, width, dash, opacity, head, casing)."""
        line = next(s for s in self.strokes if s.role == "line")
        return {"colour": self.colour, "width": line.width, "dash": line.svg_dash(), "opacity": line.opacity,
                "head": self.head.style, "casing": any(s.role == "casing" for s in self.strokes)}


@dataclass(frozen=True)
class PointLook:
    """A place or event dot."""

    radius: float
    colour: str
    fill: str
    outline: float


@dataclass(frozen=True)
class LegendEntry:
    """One line of a key: its section, what it explains (``key``) and the symbol to draw beside its label."""

    section: Section
    key: str
    label: str
    label_zh: str | None = None
    colour: str | None = None
    movement: MovementLook | None = None
    strokes: tuple[Stroke, ...] = ()
    point: PointLook | None = None


def kind_look(kind: str, colour: str, certainty: str = "known", kinds: Kinds | None = None) -> MovementLook:
    """The look of a movement of ``kind`` in ``colour``, its line dashed by ``certainty`` unless the kind has
    a pattern of its own (air's dots); ``kinds``: the story's own, beside the built-in ones."""
    st = styles()
    spec = movement_kinds(kinds)[kind]
    own = spec.dash
    dash = tuple(dash_list(own or st.route_certainty[certainty].dash))
    opacity = spec.opacity
    strokes: list[Stroke] = []
    if spec.casing:
        casing = st.casing
        strokes.append(Stroke(casing.colour, spec.width + casing.extra_width, opacity=opacity, role="casing"))
    strokes.append(Stroke(colour, spec.width, dash, spec.cap, opacity))
    if spec.core:
        strokes.append(Stroke(spec.core.colour, spec.core.width, dash, opacity=opacity, role="core"))
    if spec.ticks:
        t = spec.ticks
        strokes.append(Stroke(colour, t.length, (t.width, t.spacing), opacity=opacity, role="ticks"))
    cfg = st.arrow.head_px
    length = min(max(spec.head_length, cfg.min), cfg.max)
    hollow = spec.head == "hollow"
    head = Head(spec.head, length, length * cfg.width_ratio, colour,
                st.hollow_head_fill if hollow else colour, st.outline.hollow_head if hollow else st.outline.head,
                opacity)
    return MovementLook(kind, "known" if own else certainty, colour, tuple(strokes), head)


def movement_look(props: MovementProps, meta: StoryMeta, state: State = "current") -> MovementLook:
    """How this movement is drawn in ``state``: colour by side, pattern by kind, dashes by route certainty."""
    look = kind_look(props.kind, meta.sides[props.side].colour, props.route_certainty, meta.kinds)
    return look.earlier() if state == "earlier" else look


def shows_certainty(kind: str, kinds: Kinds | None = None) -> bool:
    """Whether a kind's line is dashed by its route certainty (not when the kind has its own pattern)."""
    return not movement_kinds(kinds)[kind].dash


def category_label(props: MovementProps, meta: StoryMeta, with_certainty: bool = True,
                   w: Words | None = None) -> str:
    """A QGIS category's label: side and kind, and the route certainty where the line shows it."""
    if w is not None and w.lang == "zh":
        side = meta.sides[props.side]
        label = f"{side.label_zh or side.label}：{kind_labels(meta.kinds, 'movements', w)[props.kind]}"
        if with_certainty and shows_certainty(props.kind, meta.kinds) and props.route_certainty != "known":
            label += f"（{certainty_label(props.route_certainty, w)}）"
        return label
    st = styles()
    label = f"{meta.sides[props.side].label}: {movement_kinds(meta.kinds)[props.kind].label.lower()}"
    if with_certainty and shows_certainty(props.kind, meta.kinds) and props.route_certainty != "known":
        label += f" ({st.route_certainty[props.route_certainty].label.lower()})"
    return label


def line_strokes(layer: str) -> tuple[Stroke, ...]:
    """A base line layer (rivers, railways) as strokes, bottom first."""
    st = styles()
    cfg = _line_layer(layer)
    opacity = cfg.opacity
    strokes: list[Stroke] = []
    if cfg.casing:
        strokes.append(Stroke(st.casing.colour, cfg.width + st.casing.extra_width, opacity=opacity, role="casing"))
    strokes.append(Stroke(cfg.colour, cfg.width, tuple(dash_list(cfg.dash)), "round", opacity))
    if cfg.core:
        core = cfg.core
        strokes.append(Stroke(core.colour, core.width, tuple(dash_list(core.dash)), opacity=opacity, role="core"))
    return tuple(strokes)


def point_look(layer: str, rank: int = 2) -> PointLook:
    """A place dot (by label rank, 1 the largest) or an event dot."""
    cfg = styles().layers.by_name()[layer]
    if not isinstance(cfg, PointLayerStyle):
        raise ValueError(f"{layer} is not a layer of points")
    return PointLook(float(cfg.radius_for(rank)), cfg.colour, cfg.fill, styles().outline.point)


def _line_layer(layer: str) -> LineLayerStyle:
    cfg = styles().layers.by_name()[layer]
    if not isinstance(cfg, LineLayerStyle):
        raise ValueError(f"{layer} is not a layer of lines")
    return cfg


def legend_entries(story: Story, shown: Iterable[tuple[MovementProps, bool]] | None = None,
                   layers: Collection[str] | None = None) -> list[LegendEntry]:
    """The key for the whole story, or (with ``shown``: movements in view, each with whether it is current,
    and ``layers``: other layers with something in view) for one frame. Only what is there is explained.

    Sides are keyed by colour; kinds, route certainties and "earlier" in the legend's ink, so colour keeps
    meaning side alone.
    """
    st = styles()
    whole = shown is None
    if shown is None:
        shown = [(f.props, True) for f in story.movements]
    moves = list(shown)
    if layers is None:
        layers = [name for name, feats in story.layers.items() if feats]
    ink = st.legend.ink
    events = [f.props for f in story.events]
    used_sides = {p.side for p, _ in moves} | ({e.side for e in events if e.side} if "events" in layers else set())
    w = story.words
    zh = w.lang == "zh"  # a Chinese interface: the Chinese label alone, where the story gives one
    entries = [LegendEntry("sides", key, (side.label_zh or side.label) if zh else side.label,
                           None if zh else side.label_zh, colour=side.colour)
               for key, side in story.meta.sides.items() if key in used_sides]
    kinds = {p.kind for p, _ in moves}
    labels = kind_labels(story.meta.kinds, "movements", w)
    entries += [LegendEntry("movements", kind, labels[kind], None if zh else spec.label_zh,
                            movement=kind_look(kind, ink, kinds=story.meta.kinds))
                for kind, spec in movement_kinds(story.meta.kinds).items() if kind in kinds]
    if moves and (whole or any(not now for _, now in moves)):  # the whole story's key: all states
        entries.append(LegendEntry("movements", "earlier", w.get("earlier_movement", EARLIER_LABEL),
                                   movement=kind_look("advance", ink).earlier()))
    certainties = {p.route_certainty for p, _ in moves if shows_certainty(p.kind, story.meta.kinds)}
    width = st.legend.route_key_width
    entries += [LegendEntry("routes", name, certainty_label(name, w),
                            strokes=(Stroke(ink, width, tuple(dash_list(spec.dash))),))
                for name, spec in st.route_certainty.items() if name in certainties and spec.dash]
    layer_styles = st.layers.by_name()
    for name in MAP_ORDER:
        if name in layers and name in layer_styles:
            label = layer_label(name, w)
            if name in ("events", "places"):
                entries.append(LegendEntry("map", name, label, point=point_look(name)))
            else:
                entries.append(LegendEntry("map", name, label, strokes=line_strokes(name)))
    return entries
