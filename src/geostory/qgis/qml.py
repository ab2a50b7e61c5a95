"""Layer styles as data (renderers, symbols, labels, temporal settings), rendered to QGIS .qml by templates.

Everything cartographic comes from ``styles.json`` and the story's sides, so the QGIS styles match the
web map. Sizes there are CSS pixels; QGIS gets millimetres at 96 dpi so the styles also print well.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..schema import MovementProps
from ..story import Story
from ..styles import dash_list, movement_style, styles
from ..templating import environment
from ..vocabulary import movement_kinds
from .extents import needs_expressions, qt_datetime, story_span

QGIS_VERSION = "3.22.0-Białowieża"  # written into every .qml and .qgs as the version that wrote them
START_FIELD, END_FIELD, VISIBLE_UNTIL = "start_time", "end_time", "visible_until"
MOVEMENT_KEY = "\"side\" || '|' || \"kind\" || '|' || \"route_certainty\""
HEAD_KEY = "\"side\" || '|' || \"kind\""
# English name, then the Chinese name on a second line when the story gives one. attribute('name_zh') is
# NULL, not an error, where a GeoJSON has no name_zh column at all (QGIS 3.22 has no @feature variable),
# and if() keeps a missing name from making the whole label NULL, as "name_en" || '\n' || "name_zh" would.
ZH = "attribute('name_zh')"
PLACE_LABEL = f"if(coalesce({ZH}, '') = '', \"name_en\", \"name_en\" || '\\n' || {ZH})"


def mm(px: float) -> str:
    """CSS pixels (96 dpi) as a millimetre string."""
    return f"{px * 25.4 / 96:.3f}".rstrip("0").rstrip(".")


def rgba(hex_colour: str, alpha: float = 1.0) -> str:
    h = hex_colour.lstrip("#")
    return f"{int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{round(alpha * 255)}"


@dataclass
class Symbol:
    type: str  # marker, line or fill
    layers: list[dict[str, Any]]
    alpha: float = 1.0


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


def simple_line(colour: str, width_px: float, dash: str | None = None, cap: str = "round", alpha: float = 1.0) -> dict:
    return {"class": "SimpleLine", "props": {
        "capstyle": cap, "customdash": ";".join(mm(d) for d in dash_list(dash)) or "5;2", "customdash_unit": "MM",
        "joinstyle": "round", "line_color": rgba(colour, alpha), "line_style": "solid", "line_width": mm(width_px),
        "line_width_unit": "MM", "offset": "0", "use_custom_dash": "1" if dash else "0"}}


def simple_marker(shape: str, fill: str | None, outline: str, size_px: float, outline_px: float) -> dict:
    return {"class": "SimpleMarker", "props": {
        "angle": "0", "color": rgba(fill) if fill else "0,0,0,0", "joinstyle": "miter", "name": shape,
        "outline_color": rgba(outline), "outline_style": "solid", "outline_width": mm(outline_px),
        "outline_width_unit": "MM", "scale_method": "diameter", "size": mm(size_px), "size_unit": "MM"}}


def simple_fill(colour: str, alpha: float, outline_px: float, fill: str | None = None) -> dict:
    """Filled with the outline colour, or with ``fill`` (a hollow head)."""
    return {"class": "SimpleFill", "props": {
        "color": rgba(fill or colour, alpha), "joinstyle": "miter", "outline_color": rgba(colour, alpha),
        "outline_style": "solid", "outline_width": mm(outline_px), "outline_width_unit": "MM",
        "style": "solid"}}


def casing_line(width_px: float, spec: dict | None = None) -> dict:
    """The pale line under a cased line: styles.json's "casing", optionally overridden by ``spec``."""
    casing = {**styles()["casing"], **(spec or {})}
    return simple_line(casing["colour"], width_px + casing["extra_width"], None, cap="flat")


def end_marker(marker: dict) -> dict:
    """A marker at the line's last vertex, turned to the line's direction (an arrow head)."""
    return {"class": "MarkerLine", "props": {"placement": "lastvertex", "rotate": "1", "offset": "0",
                                             "interval": "3", "interval_unit": "MM"},
            "subsymbol": Symbol("marker", [marker])}


def _movement_categories(story: Story, part: str) -> tuple[str, list[Category]]:
    """Categories for one side, kind (and route certainty for lines) each, in the order of story.json."""
    kinds = movement_kinds(story.meta.kinds)
    certainties = styles()["route_certainty"]
    order = {k: i for i, k in enumerate([*story.meta.sides, *kinds, *certainties])}
    seen: dict[tuple, MovementProps] = {}
    for f in story.layers.get("movements", ()):
        p = f.props
        key = (p.side, p.kind) if part == "head" else (p.side, p.kind, p.route_certainty)
        seen.setdefault(key, p)
    categories = []
    for key in sorted(seen, key=lambda k: [order[x] for x in k]):
        p = seen[key]
        st = movement_style(p, story.meta)
        label = f"{story.meta.sides[p.side].label}: {kinds[p.kind]['label'].lower()}"
        if part != "head" and not kinds[p.kind]["dash"] and p.route_certainty != "known":
            label += f" ({certainties[p.route_certainty]['label'].lower()})"
        categories.append(Category("|".join(key), label, _movement_symbol(part, st)))
    other = styles()["fallback"]
    fallback = {"colour": other["colour"], "width": other["width"], "dash": None, "opacity": other["opacity"],
                "head": "filled", "casing": False}
    categories.append(Category("", other["label"], _movement_symbol(part, fallback)))
    return (HEAD_KEY if part == "head" else MOVEMENT_KEY), categories


def _movement_symbol(part: str, st: dict) -> Symbol:
    hollow = st["head"] == "hollow"
    fill = styles()["hollow_head_fill"] if hollow else None
    outline = styles()["outline"]["hollow_head" if hollow else "head"]
    if part == "head":
        return Symbol("fill", [simple_fill(st["colour"], 1.0, outline, fill)], alpha=st["opacity"])
    layers = []
    if st["casing"]:
        layers.append(casing_line(st["width"]))
    layers.append(simple_line(st["colour"], st["width"], st["dash"], cap="flat"))
    if part == "route":  # the raw route: a line with a head drawn by QGIS at its last vertex
        size = st["width"] * styles()["arrow"]["end_marker_factor"]
        head = simple_marker("filled_arrowhead", fill or st["colour"], st["colour"], size, outline)
        layers.append(end_marker(head))
    return Symbol("line", layers, alpha=st["opacity"])


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


def layer_styles(story: Story, for_geojson: bool = False) -> dict[str, LayerStyle]:
    """The default style of every layer, keyed by layer name (GeoJSON layers, then the GeoPackage extras)."""
    cfg, outline = styles()["layers"], styles()["outline"]
    out: dict[str, LayerStyle] = {}
    radius = cfg["places"]["radius"]
    out["places"] = LayerStyle(
        "places", "Point", attr="label_rank",
        categories=[Category(str(rank), label, Symbol("marker", [simple_marker(
            "circle", cfg["places"]["fill"], cfg["places"]["colour"], 2 * radius[rank - 1], outline["point"])]))
            for rank, label in ((1, "City"), (2, "Town"), (3, "Minor place"))],
        label={"expression": PLACE_LABEL, "size": "9",
               "size_expression": 'CASE WHEN "label_rank" = 1 THEN 10.5 WHEN "label_rank" = 2 THEN 9 ELSE 8 END',
               "placement": "6", "dist": "1.2", "colour": rgba(cfg["places"]["colour"])})
    out["rivers"] = LayerStyle("rivers", "Line", symbol=Symbol("line", [
        simple_line(cfg["rivers"]["colour"], cfg["rivers"]["width"])]))
    rail = cfg["railways"]
    rail_casing = [casing_line(rail["width"], rail["casing"] if isinstance(rail["casing"], dict) else None)
                   ] if rail.get("casing") else []
    out["railways"] = LayerStyle("railways", "Line", symbol=Symbol("line", [
        *rail_casing, simple_line(rail["colour"], rail["width"], rail["dash"], cap="flat")]))
    ev = cfg["events"]
    out["events"] = LayerStyle("events", "Point", symbol=Symbol("marker", [
        simple_marker("circle", ev["fill"], ev["colour"], 2 * ev["radius"], outline["point"])]),
        temporal=_temporal(for_geojson, story))
    attr, cats = _movement_categories(story, "route")
    out["movements"] = LayerStyle("movements", "Line", attr=attr, categories=cats, temporal=_temporal(for_geojson, story))
    if for_geojson:
        return out
    attr, cats = _movement_categories(story, "shaft")
    out["movement_arrows"] = LayerStyle("movement_arrows", "Line", attr=attr, categories=cats, temporal=_temporal(False, story))
    attr, cats = _movement_categories(story, "head")
    out["movement_heads"] = LayerStyle("movement_heads", "Polygon", attr=attr, categories=cats, temporal=_temporal(False, story))
    edge = styles()["frame_outline"]
    out["frames"] = LayerStyle("frames", "Polygon", symbol=Symbol("fill", [
        {"class": "SimpleFill", "props": {"color": "0,0,0,0", "outline_color": rgba(edge["colour"]),
                                          "outline_style": "dash", "outline_width": mm(edge["width"]),
                                          "outline_width_unit": "MM", "style": "no"}}]))
    return out


def style_qml(style: LayerStyle) -> str:
    """A complete .qml document for one layer."""
    return environment().get_template("qgis-style.qml.j2").render(style=style, QGIS_VERSION=QGIS_VERSION)


def style_sld(style: LayerStyle) -> str:
    """A minimal SLD naming the layer (QGIS reads the QML column; SLD is for other clients)."""
    return environment().get_template("qgis-style.sld.j2").render(style=style)
