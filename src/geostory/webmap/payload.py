"""The story as one JSON document for the page: geometry in Leaflet order, popups, frames and styles.

Everything the browser needs is decided here (arrow shapes, dash patterns, date labels, frame bounds), so
story.js only draws and switches states, and the same rules as the QGIS and picture outputs apply.
"""
from __future__ import annotations

from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from ..geometry import Arrow, arrows
from ..schema import Correction, Dated, EventProps, FeatureProps, MovementProps, PlaceProps, RailwayProps
from ..story import Feature, Story
from ..styles import movement_style, styles
from .labels import citation, date_info, day_number, format_span

DECIMALS = 5
PLACE_KINDS = {"city": "City", "town": "Town", "station": "Railway station", "battlefield": "Battlefield",
               "region": "Region"}
EVENT_KINDS = {"battle": "Battle", "riot": "Riot", "political": "Political event", "military": "Military action",
               "negotiation": "Negotiation", "transport": "Transport"}


def _ll(coords) -> list[list[float]]:
    """GeoJSON [lon, lat] pairs to Leaflet [lat, lon], rounded so rebuilds are byte-identical."""
    return [[round(float(y), DECIMALS), round(float(x), DECIMALS)] for x, y in coords]


def _lines(geom: BaseGeometry) -> list[list[list[float]]]:
    parts = geom.geoms if hasattr(geom, "geoms") else [geom]
    return [_ll(part.coords) for part in parts]


def _details(props: FeatureProps, story: Story) -> list[str]:
    """Short facts under a popup's title: kind, unit, commander, strength, operator, certainty."""
    st = styles()
    if isinstance(props, PlaceProps):
        lines = [PLACE_KINDS[props.kind]]
        if props.location_certainty != "exact":
            lines.append("Location approximate")
        return lines
    if isinstance(props, RailwayProps):
        return [f"Operated by {props.operator_1932}", st["route_certainty"][props.route_certainty]["label"]]
    if isinstance(props, MovementProps):
        lines = [st["movement_kinds"][props.kind]["label"], f"Unit: {props.unit}"]
        if props.commander:
            lines.append(f"Commander: {props.commander}")
        lines.append(f"Strength: {props.strength}" if props.strength else "Strength: unknown")
        lines.append(st["route_certainty"][props.route_certainty]["label"])
        return lines
    if isinstance(props, EventProps):
        return [EVENT_KINDS[props.kind]]
    return []


def _info(f: Feature, story: Story) -> dict[str, Any]:
    """What a popup shows: names, date, facts, narrative, sources and the corrections that apply."""
    p = f.props
    info: dict[str, Any] = {"en": p.name_en, "zh": p.name_zh}
    if p.name_1930s and p.name_1930s != p.name_en:
        info["old"] = p.name_1930s
    if isinstance(p, Dated):
        info["date"] = date_info(p)
    side = getattr(p, "side", None)
    if side:
        info["side"] = side
    info["facts"] = _details(p, story)
    info["narrative"] = p.narrative
    info["sources"] = [citation(c, story.meta) for c in p.sources]
    if p.corrections:
        info["corrections"] = list(p.corrections)
    return info


def _feature(f: Feature, story: Story, arrow: Arrow | None) -> dict[str, Any]:
    out: dict[str, Any] = {"id": f.id, "layer": f.layer, "kind": getattr(f.props, "kind", f.layer)}
    if f.first_day is not None:
        out["first"] = day_number(f.first_day)
        out["last"] = day_number(f.last_day)
    if arrow is not None:
        assert isinstance(f.props, MovementProps)
        out["shaft"] = _ll(arrow.shaft.coords)
        out["head"] = _ll(arrow.head.exterior.coords[:-1])
        out["style"] = movement_style(f.props, story.meta)
    elif f.geometry.geom_type == "Point":
        out["ll"] = _ll(f.geometry.coords)[0]
    else:
        out["lines"] = _lines(f.geometry)
    if isinstance(f.props, PlaceProps):
        out["rank"] = f.props.label_rank
    out["info"] = _info(f, story)
    return out


def _bounds(geoms: list[BaseGeometry]) -> list[list[float]]:
    """[[south, west], [north, east]] of some geometries, as Leaflet's fitBounds takes it."""
    west, south, east, north = shapely.total_bounds(geoms)
    return [[round(float(south), DECIMALS), round(float(west), DECIMALS)],
            [round(float(north), DECIMALS), round(float(east), DECIMALS)]]


def _correction(c: Correction, story: Story) -> dict[str, Any]:
    return {
        "about": c.about,
        "seed": f"Seed, {c.seed.section} ¶{c.seed.paragraph}",
        "seed_claim": c.seed_claim,
        "map_shows": c.map_shows,
        "reason": c.reason,
        "sources": [citation(s, story.meta) for s in c.sources],
    }


def build_payload(story: Story) -> dict[str, Any]:
    """Everything story.js needs, as plain JSON-able data in a stable order."""
    by_movement = {a.feature.id: a for a in arrows(story)}
    shapes = {f.id: (by_movement[f.id].path if f.id in by_movement else f.geometry) for f in story.features()}
    meta = story.meta
    frames = []
    for fr in story.frames:
        ids = fr.focus or fr.features
        frames.append({
            "id": fr.id,
            "title": fr.title,
            "date": date_info(fr),
            "narrative": fr.narrative,
            "sources": [citation(c, meta) for c in fr.sources],
            "corrections": list(fr.corrections),
            "features": list(fr.features),
            "bounds": _bounds([shapes[i] for i in ids]),
            "first": day_number(fr.first.first),
            "last": day_number(fr.last.last),
        })
    st = styles()
    return {
        "story": {"id": meta.id, "title": meta.title},
        "axis": {
            "first": day_number(story.first_day),
            "last": day_number(story.last_day),
            "from": format_span(story.first_day.isoformat()),
            "to": format_span(story.last_day.isoformat()),
        },
        "sides": {k: {"label": s.label, "zh": s.label_zh, "colour": s.colour} for k, s in meta.sides.items()},
        "style": {"faded": st["faded_opacity"],
                  "layers": {name: cfg for name, cfg in st["layers"].items() if story.layers.get(name)}},
        "corrections": {c.id: _correction(c, story) for c in meta.corrections},
        "features": [_feature(f, story, by_movement.get(f.id)) for f in story.features()],
        "frames": frames,
    }
