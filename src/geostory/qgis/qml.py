"""Layer styles as data (renderers, symbols, labels, temporal settings), rendered to QGIS .qml by templates.

Everything cartographic comes from ``styles.json`` and the story's sides, so the QGIS styles match the
web map. Sizes there are CSS pixels; QGIS gets millimetres at 96 dpi so the styles also print well.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ..legend import category_label, kind_look, line_strokes, movement_look
from ..schema import MovementProps
from ..story import Story
from ..styles import styles
from ..templating import environment
from ..vocabulary import movement_kinds
from .extents import needs_expressions, qt_datetime, story_span
from .symbols import (
    CURRENT,
    Symbol,
    arrow_symbol,
    faded_alpha,
    mm,
    rgba,
    simple_line,
    simple_marker,
    stroke_line,
    when_passed,
)

QGIS_VERSION = "3.22.0-Białowieża"  # written into every .qml and .qgs as the version that wrote them
START_FIELD, END_FIELD, VISIBLE_UNTIL = "start_time", "end_time", "visible_until"
MOVEMENT_KEY = "\"side\" || '|' || \"kind\" || '|' || \"route_certainty\""
# English name, then the Chinese name on a second line when the story gives one. attribute('name_zh') is
# NULL, not an error, where a GeoJSON has no name_zh column at all (QGIS 3.22 has no @feature variable),
# and if() keeps a missing name from making the whole label NULL, as "name_en" || '\n' || "name_zh" would.
ZH = "attribute('name_zh')"
PLACE_LABEL = f"if(coalesce({ZH}, '') = '', \"name_en\", \"name_en\" || '\\n' || {ZH})"
PLACE_LABEL_ZH = f"if(coalesce({ZH}, '') = '', \"name_en\", {ZH} || '\\n' || \"name_en\")"
"""In a Chinese edition: the Chinese name first, then the English one."""


EVENT_LABEL_COLOUR = "#6b4a06"
RIVER_LABEL_COLOUR = "#2f6ea5"
# A GeoPackage layer has a "label" column (geostory.wording's map words); a GeoJSON falls back to a field.
EVENT_LABEL = "coalesce(attribute('label'), \"name_en\")"
UNIT_LABEL = "coalesce(attribute('label'), \"unit\")"
RIVER_LABEL = "coalesce(attribute('label'), \"name_en\")"
LINE_FLAGS = "14"  # above or below the line, in map orientation
POINT_PLACEMENT, CURVED_PLACEMENT = "6", "3"  # QGIS: ordered positions around a point; curved along a line


@dataclass
class Category:
    value: str
    label: str
    symbol: Symbol


@dataclass
class LayerStyle:
    name: str
    geometry: str  # Point, Line or Polygon (QGIS's names)
    symbol: Symbol | None = None  # single-symbol renderer
    attr: str | None = None  # categorized renderer: the expression and its categories
    categories: list[Category] = field(default_factory=list)
    label: dict[str, Any] | None = None
    temporal: dict[str, str] | None = None

    @property
    def symbols(self) -> list[Symbol]:
        return [self.symbol] if self.symbol is not None else [c.symbol for c in self.categories]


def _movement_categories(story: Story, fade: bool) -> tuple[str, list[Category]]:
    """One category per side, kind and route certainty, in the order of story.json, drawn as the legend
    rule's arrows (``geostory.legend``)."""
    kinds = movement_kinds(story.meta.kinds)
    certainties = styles().route_certainty
    order = {k: i for i, k in enumerate([*story.meta.sides, *kinds, *certainties])}
    seen: dict[tuple[str, str, str], MovementProps] = {}
    for f in story.movements:
        p = f.props
        seen.setdefault((p.side, p.kind, p.route_certainty), p)
    categories = []
    for key in sorted(seen, key=lambda k: [order[x] for x in k]):
        p = seen[key]
        if story.lang == "zh":
            label = category_label(p, story.meta, w=story.words)
        else:
            side = story.meta.sides[p.side].label
            label = short_side(side) + category_label(p, story.meta)[len(side):]
        categories.append(Category("|".join(key), label, arrow_symbol(movement_look(p, story.meta), fade)))
    other = styles().fallback
    look = kind_look("advance", other.colour)
    look = replace(look, strokes=tuple(replace(s, width=other.width, opacity=other.opacity) for s in look.strokes),
                   head=replace(look.head, opacity=other.opacity))
    categories.append(Category("", other.label, arrow_symbol(look, fade)))
    return MOVEMENT_KEY, categories


def short_side(label: str) -> str:
    """A side's name for a key line: before any parenthesis ('Chinese resistance (Ding Chao, …)' →
    'Chinese resistance'); the full name is in the web legend and the pictures' key."""
    return label.split(" (")[0].strip() or label


def _temporal(for_geojson: bool, story: Story | None = None) -> dict[str, str] | None:
    """Cumulative: shown from the start day on; ``visible_until`` is the day after the story ends.

    A story with days before AD 1 has no datetime columns QGIS can read, so it uses expressions on the
    Gregorian ``start_year``/``start_month``/``start_day`` columns instead (see extents.qt_datetime).
    """
    if for_geojson:
        return None
    if story is not None and needs_expressions(story):
        return {"start_expression": qt_datetime(prefix="start"), "end_expression": qt_datetime(story_span(story)[1])}
    return {"start": START_FIELD, "end": VISIBLE_UNTIL}


def _side_colour(story: Story) -> str:
    """A label colour expression: the side's colour, as the arrow's."""
    cases = " ".join(f"WHEN '{sid}' THEN '{rgba(side.colour)}'" for sid, side in story.meta.sides.items())
    return f"CASE \"side\" {cases} ELSE '{rgba(styles().fallback.colour)}' END"


def _dated_label(label: dict[str, Any], for_geojson: bool) -> dict[str, Any]:
    """Labels on dated features show only while current (with no time set, always), as in the pictures."""
    if not for_geojson:
        label["dd"] = {**label.get("dd", {}), "Show": CURRENT}
    return label


def layer_styles(story: Story, for_geojson: bool = False) -> dict[str, LayerStyle]:
    """The default style of every layer, keyed by layer name (GeoJSON layers, then the GeoPackage extras)."""
    cfg, outline = styles().layers, styles().outline
    fade = not for_geojson  # the GeoPackage has end_time; a GeoJSON only its ISO text dates
    out: dict[str, LayerStyle] = {}
    places, sizes = cfg.places, styles().place_labels.qgis_pt
    out["places"] = LayerStyle(
        "places", "Point", attr="label_rank",
        categories=[Category(str(rank), label, Symbol("marker", [simple_marker(
            "circle", places.fill, places.colour, 2 * places.radius_for(rank), outline.point)]))
            for rank, label in ((1, "City"), (2, "Town"), (3, "Minor place"))],
        label={"expression": PLACE_LABEL_ZH if story.lang == "zh" else PLACE_LABEL, "size": f"{sizes[1]:g}",
               "size_expression": f'CASE WHEN "label_rank" = 1 THEN {sizes[0]:g} '
                                  f'WHEN "label_rank" = 2 THEN {sizes[1]:g} ELSE {sizes[2]:g} END',
               "placement": POINT_PLACEMENT, "dist": "1.2", "colour": rgba(places.colour), "priority": 8,
               "dd": {"Priority": 'CASE WHEN "label_rank" = 1 THEN 10 WHEN "label_rank" = 2 THEN 8 ELSE 6 END'}})
    out["rivers"] = LayerStyle("rivers", "Line", symbol=Symbol("line", [
        simple_line(cfg.rivers.colour, cfg.rivers.width)]),
        label={"expression": RIVER_LABEL, "size": "8", "italic": True, "placement": CURVED_PLACEMENT,
               "flags": LINE_FLAGS, "layer_type": "LineGeometry", "dist": "0.8", "colour": rgba(RIVER_LABEL_COLOUR)})
    out["railways"] = LayerStyle("railways", "Line", symbol=Symbol("line", [
        stroke_line(stroke, 0.0) for stroke in line_strokes("railways")]))
    ev = cfg.events
    radius = ev.radius_for()
    dot = simple_marker("circle", ev.fill, ev.colour, 2 * radius, outline.point)
    if fade:
        dot["dd"] = {"size": when_passed(mm(2 * radius * styles().faded.width_factor), mm(2 * radius))}
    out["events"] = LayerStyle("events", "Point",
                               symbol=Symbol("marker", [dot], dd={"alpha": faded_alpha(1.0)} if fade else {}),
                               temporal=_temporal(for_geojson, story),
                               label=_dated_label({"expression": EVENT_LABEL, "size": "8", "italic": True,
                                                   "placement": POINT_PLACEMENT, "dist": "1.0",
                                                   "colour": rgba(EVENT_LABEL_COLOUR)}, for_geojson))
    attr, cats = _movement_categories(story, fade=False)
    out["movements"] = LayerStyle("movements", "Line", attr=attr, categories=cats,
                                  temporal=_temporal(for_geojson, story))
    if for_geojson:
        return out
    attr, cats = _movement_categories(story, fade=True)
    out["movement_arrows"] = LayerStyle(
        "movement_arrows", "Line", attr=attr, categories=cats, temporal=_temporal(False, story),
        label=_dated_label({"expression": UNIT_LABEL, "size": "8", "bold": True, "placement": CURVED_PLACEMENT,
                            "flags": LINE_FLAGS, "layer_type": "LineGeometry", "dist": "1.0", "colour": rgba("#222222"),
                            "dd": {"Color": _side_colour(story)}}, False))
    edge = styles().frame_outline
    out["frames"] = LayerStyle("frames", "Polygon", symbol=Symbol("fill", [
        {"class": "SimpleFill", "props": {"color": "0,0,0,0", "outline_color": rgba(edge.colour),
                                          "outline_style": "dash", "outline_width": mm(edge.width),
                                          "outline_width_unit": "MM", "style": "no"}}]))
    return out


def style_qml(style: LayerStyle) -> str:
    """A complete .qml document for one layer."""
    return environment().get_template("qgis-style.qml.j2").render(style=style, QGIS_VERSION=QGIS_VERSION)


def style_sld(style: LayerStyle) -> str:
    """A minimal SLD naming the layer (QGIS reads the QML column; SLD is for other clients)."""
    return environment().get_template("qgis-style.sld.j2").render(style=style)
