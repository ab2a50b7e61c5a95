"""QGIS symbol layers as data (class name and properties), in millimetres at 96 dpi, for the templates.

Sizes in ``styles.json`` are CSS pixels; QGIS gets millimetres, so the project's symbols are the same size
on the canvas at every zoom and print at the size they show. A movement is drawn as ``geostory.legend``
says (its strokes bottom first: casing, line, pale core, cross ticks; its head in pixels); the head is
QGIS's own marker-line symbol layer: a triangle marker at the line's last vertex, turned with the line,
its tip on the vertex.

Fading follows the Temporal Controller: a feature whose time has passed (``end_time <= @map_start_time``)
is drawn with the shared fading of ``styles.json`` through data-defined properties; with no time set
(``@map_start_time`` is NULL) everything is drawn as current.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..legend import Head, MovementLook, Stroke
from ..styles import Casing, dash_list, styles

PASSED = "\"end_time\" <= @map_start_time"
"""True for a feature whose time is over at the map's current time; NULL (not faded) without a time."""
CURRENT = "(@map_start_time IS NULL OR \"end_time\" IS NULL OR \"end_time\" > @map_start_time)"
"""The opposite, also true when the map has no time or the feature no end_time (a story before AD 1,
whose GeoPackage cannot hold the date): labels show only on what is current."""

Layer = dict[str, Any]


@dataclass
class Symbol:
    """A QGIS symbol: its type (marker, line or fill), symbol layers, opacity and data-defined properties."""

    type: str
    layers: list[Layer]
    alpha: float = 1.0
    dd: dict[str, str] = field(default_factory=dict)


def mm(px: float) -> str:
    """CSS pixels (96 dpi) as a millimetre string."""
    return f"{px * 25.4 / 96:.3f}".rstrip("0").rstrip(".")


def rgba(hex_colour: str, alpha: float = 1.0) -> str:
    h = hex_colour.lstrip("#")
    return f"{int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{round(alpha * 255)}"


def when_passed(faded: str, now: str) -> str:
    """An expression giving ``faded`` for a feature whose time has passed, else ``now``."""
    return f"if({PASSED}, {faded}, {now})"


def faded_alpha(opacity: float) -> str:
    """Data-defined symbol opacity (0–100): the shared fading for what has passed."""
    fade = styles().faded.opacity
    return when_passed(f"{opacity * fade * 100:.1f}", f"{opacity * 100:.1f}")


def faded_width(width_px: float) -> str:
    """Data-defined line width in millimetres: thinner once passed, by the shared width factor."""
    return when_passed(mm(width_px * styles().faded.width_factor), mm(width_px))


def simple_line(colour: str, width_px: float, dash: str | None = None, cap: str = "round", alpha: float = 1.0,
                trim_end_px: float = 0.0) -> Layer:
    """A line, dashed in millimetres; ``trim_end_px`` stops it short of its end (under an arrow head)."""
    return {"class": "SimpleLine", "props": {
        "capstyle": cap, "customdash": ";".join(mm(d) for d in dash_list(dash)) or "5;2", "customdash_unit": "MM",
        "joinstyle": "round", "line_color": rgba(colour, alpha), "line_style": "solid", "line_width": mm(width_px),
        "line_width_unit": "MM", "offset": "0", "use_custom_dash": "1" if dash else "0",
        "trim_distance_end": mm(trim_end_px), "trim_distance_end_unit": "MM"}}


def simple_marker(shape: str, fill: str | None, outline: str, size_px: float, outline_px: float) -> Layer:
    return {"class": "SimpleMarker", "props": {
        "angle": "0", "color": rgba(fill) if fill else "0,0,0,0", "joinstyle": "miter", "name": shape,
        "outline_color": rgba(outline), "outline_style": "solid", "outline_width": mm(outline_px),
        "outline_width_unit": "MM", "scale_method": "diameter", "size": mm(size_px), "size_unit": "MM"}}


def simple_fill(colour: str, alpha: float, outline_px: float, fill: str | None = None) -> Layer:
    """Filled with the outline colour, or with ``fill`` (a hollow head)."""
    return {"class": "SimpleFill", "props": {
        "color": rgba(fill or colour, alpha), "joinstyle": "miter", "outline_color": rgba(colour, alpha),
        "outline_style": "solid", "outline_width": mm(outline_px), "outline_width_unit": "MM",
        "style": "solid"}}


def casing_line(width_px: float, spec: Casing | None = None, trim_end_px: float = 0.0) -> Layer:
    """The pale line under a cased line: styles.json's "casing", or a layer's own ``spec``."""
    casing = spec or styles().casing
    return simple_line(casing.colour, width_px + casing.extra_width, None, cap="flat", trim_end_px=trim_end_px)


def head_marker(head: Head, fade: bool = False, earlier: Head | None = None) -> Layer:
    """An arrow head sized in millimetres: a triangle turned a quarter so it points along the line, moved
    back by half its length so its tip is on the line's last vertex; with ``fade``, the ``earlier`` head's
    size once the feature's time has passed."""
    layer: Layer = {"class": "EllipseMarker", "props": {
        "symbol_name": "triangle", "symbol_width": mm(head.width), "symbol_width_unit": "MM",
        "symbol_height": mm(head.length), "symbol_height_unit": "MM", "angle": "90",
        "offset": f"0,{mm(head.length / 2)}", "offset_unit": "MM", "color": rgba(head.fill),
        "outline_color": rgba(head.colour), "outline_width": mm(head.outline), "outline_width_unit": "MM",
        "outline_style": "solid", "joinstyle": "miter"}}
    if fade and earlier is not None:
        layer["dd"] = {"width": when_passed(mm(earlier.width), mm(head.width)),
                       "height": when_passed(mm(earlier.length), mm(head.length)),
                       "offset": when_passed(f"'0,{mm(earlier.length / 2)}'", f"'0,{mm(head.length / 2)}'")}
    return layer


def end_marker(marker: Layer) -> Layer:
    """A marker at the line's last vertex, turned to the line's direction (an arrow head)."""
    return {"class": "MarkerLine", "props": {"placement": "lastvertex", "rotate": "1", "offset": "0",
                                             "interval": "3", "interval_unit": "MM"},
            "subsymbol": Symbol("marker", [marker])}


def stroke_line(stroke: Stroke, trim_end_px: float) -> Layer:
    """One of a look's strokes as a QGIS line; cross ticks are a wide line dashed short (tick, gap)."""
    cap = "round" if stroke.cap == "round" else "flat"
    dash = " ".join(f"{d:g}" for d in stroke.dash) or None
    return simple_line(stroke.colour, stroke.width, dash, cap=cap, trim_end_px=trim_end_px)


def arrow_symbol(look: MovementLook, fade: bool) -> Symbol:
    """A movement as QGIS draws it: the look's strokes stopped under the head, and the head; with ``fade``,
    the look's earlier (faded, thinner, smaller-headed) form once the feature's time has passed."""
    trim = look.head.length * 0.6  # the line tucks under the head, so no stroke shows past its sides
    earlier = look.earlier()
    layers: list[Layer] = []
    for now, then in zip(look.strokes, earlier.strokes, strict=True):
        line = stroke_line(now, trim)
        if fade and now.role != "ticks":
            line["dd"] = {"outlineWidth": when_passed(mm(then.width), mm(now.width))}
        layers.append(line)
    layers.append(end_marker(head_marker(look.head, fade, earlier.head)))
    opacity = look.head.opacity
    return Symbol("line", layers, alpha=opacity, dd={"alpha": faded_alpha(opacity)} if fade else {})
