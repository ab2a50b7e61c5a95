"""The story's colours, widths and dashes as KML styles, from the one legend rule (``geostory.legend``).

KML 2.2 has no dashed lines, so a dashed style is drawn as dashes: the line cut into pieces on the ground,
``KM_PER_PX`` kilometres per pixel of the web map's dash pattern. Dots are small PNG icons drawn here with
Pillow in the layer's colours and packed into the KMZ, so Google Earth needs no network for them.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import cast

import shapely
from fastkml import styles as kml_styles
from fastkml.links import Icon
from PIL import Image, ImageDraw
from shapely.geometry import LineString, MultiLineString
from shapely.geometry.base import BaseGeometry
from shapely.ops import substring

from ..geometry import LocalPlane
from ..legend import line_strokes, movement_look, point_look
from ..schema import MovementProps, StoryMeta

KM_PER_PX = 0.5
"""Ground length of one pixel of a dash pattern: at Google Earth's regional views (a few hundred km across)
an '8 6' route dash becomes 4 km drawn, 3 km gap, about what the web map shows at its frame views."""
ICON_PX = 32
LABEL_SCALE = {1: 1.0, 2: 0.85, 3: 0.7}
"""Place labels by label rank, as the web map sizes them."""
ICON_DISPLAY_PX = 32
"""Google Earth draws an icon of scale 1 about 32 px wide: a dot of radius r px is scale 2r / 32."""


def kml_colour(hex_colour: str, opacity: float = 1.0) -> str:
    """'#b2182b' at 0.95 opacity as KML's aabbggrr: 'f22b18b2'."""
    r, g, b = hex_colour[1:3], hex_colour[3:5], hex_colour[5:7]
    return f"{round(opacity * 255):02x}{b}{g}{r}".lower()


def icon_png(fill: str, outline: str) -> bytes:
    """A round dot, ``fill`` inside an ``outline`` ring, on a transparent square (no metadata: same bytes)."""
    image = Image.new("RGBA", (ICON_PX, ICON_PX), (0, 0, 0, 0))
    ring = max(ICON_PX // 10, 2)
    ImageDraw.Draw(image).ellipse((1, 1, ICON_PX - 2, ICON_PX - 2), fill=fill, outline=outline, width=ring)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


@dataclass(frozen=True)
class Line:
    """A line's KML look: colour (aabbggrr), width in pixels, dash pattern in pixels (empty: solid)."""

    colour: str
    width: float
    dash: tuple[float, ...]


def movement_line(props: MovementProps, meta: StoryMeta) -> Line:
    look = movement_look(props, meta)
    line = next(s for s in look.strokes if s.role == "line")
    return Line(kml_colour(look.colour, line.opacity), line.width, line.dash)


def layer_line(layer: str) -> Line:
    line = next(s for s in line_strokes(layer) if s.role == "line")
    return Line(kml_colour(line.colour, line.opacity), line.width, line.dash)


def dashed(geom: BaseGeometry, dash: tuple[float, ...], plane: LocalPlane) -> BaseGeometry:
    """The line cut into its dashes on the ground (unchanged when solid)."""
    if not dash or len(dash) % 2 or min(dash) < 0 or dash[0] <= 0:
        return geom
    pattern = [d * KM_PER_PX for d in dash]
    pieces: list[LineString] = []
    parts = geom.geoms if isinstance(geom, MultiLineString) else [geom]
    for part in parts:
        km = cast(LineString, plane.to_km(part))
        at = 0.0
        while at < km.length:
            for on, off in zip(pattern[::2], pattern[1::2], strict=True):
                end = min(at + on, km.length)
                if end > at:
                    pieces.append(cast(LineString, plane.to_degrees(substring(km, at, end))))
                at = end + off
                if at >= km.length:
                    break
    return shapely.MultiLineString(pieces) if pieces else geom


def line_style(style_id: str, line: Line, fill: str | None = None) -> kml_styles.Style:
    """A KML style for a line; with ``fill`` (aabbggrr), also for the arrow head polygon drawn with it."""
    parts: list[kml_styles.LineStyle | kml_styles.PolyStyle] = [kml_styles.LineStyle(color=line.colour,
                                                                                     width=line.width)]
    if fill is not None:
        parts.append(kml_styles.PolyStyle(color=fill, fill=True, outline=True))
    return kml_styles.Style(id=style_id, styles=parts)


def dot_style(style_id: str, layer: str, icon: str, rank: int = 2) -> kml_styles.Style:
    look = point_look(layer, rank)
    return kml_styles.Style(id=style_id, styles=[
        kml_styles.IconStyle(scale=round(2 * look.radius / ICON_DISPLAY_PX, 3), icon=Icon(href=icon)),
        kml_styles.LabelStyle(scale=LABEL_SCALE.get(rank, 0.85)),
    ])


def hidden_style(style_id: str) -> kml_styles.Style:
    """For the frame placemarks: no icon and no label on the map, only their balloon and view."""
    return kml_styles.Style(id=style_id, styles=[kml_styles.IconStyle(scale=0), kml_styles.LabelStyle(scale=0)])


def dot_icons() -> dict[str, bytes]:
    """The KMZ's icon files, by their path inside the archive."""
    out = {}
    for layer in ("places", "events"):
        look = point_look(layer)
        out[f"files/{layer}.png"] = icon_png(look.fill, look.colour)
    return out
