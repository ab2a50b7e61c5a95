"""The story as one JSON document for the page: geometry in Leaflet order, popups, frames and styles.

Everything the browser needs is decided here with the shared core rules (arrow shapes, which features each
frame shows and how, each frame's view, date and name wording, every style value from styles.json), so
story.js only draws and applies it and cannot drift from the QGIS and picture outputs.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from ..geometry import Arrow
from ..i18n import Words
from ..legend import Head, Stroke, line_strokes, movement_look
from ..schema import (
    Citation,
    Correction,
    DatedProps,
    EventProps,
    FeatureProps,
    Frame,
    MovementProps,
    PlaceProps,
    RailwayProps,
    StoryMeta,
)
from ..story import Feature, Story
from ..styles import movement_style, styles
from ..vocabulary import certainty_label, kind_labels, language_names
from ..wording import citation_label, day_text, display_name, tick_text
from .json_values import citation, date_info

DECIMALS = 5
CANVAS_FROM = 2000
"""From this many features the page draws on one canvas per layer instead of an SVG element per shape
(measured faster there: benchmarks/README.md); smaller stories keep SVG, whose elements print sharply and
carry their state as classes."""
TICK_LABELS = 4
"""How many of the time line's ticks carry a date: what fits under a phone's slider."""


def _vertices(geoms: Sequence[BaseGeometry]) -> list[list[list[float]]]:
    """Each geometry's GeoJSON [lon, lat] pairs as Leaflet [lat, lon], rounded so rebuilds are byte-identical:
    read and rounded in one NumPy pass for all of them (shapely's coordinate sequences cost a conversion per
    vertex, and Python's round one call per number)."""
    if not geoms:
        return []
    coords, which = shapely.get_coordinates(np.asarray(geoms, dtype=object), return_index=True)
    pairs = np.round(coords[:, ::-1], DECIMALS).tolist()
    ends = np.cumsum(np.bincount(which, minlength=len(geoms))).tolist()
    return [pairs[a:b] for a, b in zip([0, *ends[:-1]], ends, strict=True)]


def _lines(geom: BaseGeometry) -> list[list[list[float]]]:
    return _vertices(list(geom.geoms) if hasattr(geom, "geoms") else [geom])


def _extras(props: FeatureProps, meta: StoryMeta, w: Words) -> list[str]:
    """Names in other languages, then the extra fields story.json declares with ``"popup": true``."""
    lines = [w("name_in", tag=tag, name=name) for tag, name in language_names(props.extra_fields).items()]
    for key, decl in meta.fields.items():
        value = props.extra_fields.get(key)
        if decl.popup and value is not None and value != "":
            label = decl.label_zh if w.lang == "zh" and decl.label_zh else decl.label
            lines.append(f"{label}: {value}")
    return lines


class _Tables:
    """Values many features share, sent once each: a feature names its movement look and its citations
    by their place in the payload's ``looks`` and ``citations`` (a story's features cite a few works).
    It also remembers what features share while the payload is built (a look per kind, side and route
    certainty; a date's wording; a layer's kind labels), so 10,000 features do not word them 10,000 times."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.looks: dict[str, int] = {}
        self.citations: dict[str, int] = {}
        self._look_of: dict[tuple[str, str, str], int] = {}
        self._citation_of: dict[tuple[Any, ...], int] = {}
        self._dates: dict[tuple[Any, ...], dict[str, Any]] = {}
        self._kinds: dict[str, dict[str, str]] = {}
        self._certainty: dict[str, str] = {}

    @staticmethod
    def _index(table: dict[str, int], value: dict[str, Any]) -> int:
        return table.setdefault(json.dumps(value, sort_keys=True, ensure_ascii=False), len(table))

    def look(self, move: MovementProps) -> int:
        """The movement's look (legend.movement_look: kind, side colour, route certainty) by its index."""
        key = (move.kind, move.side, move.route_certainty)
        if key not in self._look_of:
            meta = self.story.meta
            look = movement_look(move, meta)
            self._look_of[key] = self._index(self.looks, {
                "style": movement_style(move, meta), "strokes": strokes(look.strokes), "head": head(look.head),
                "head_earlier": head(look.earlier().head)})
        return self._look_of[key]

    def citation(self, c: Citation) -> int:
        key = (c.source, c.section, c.paragraph, c.pages, c.note)
        if key not in self._citation_of:
            self._citation_of[key] = self._index(self.citations, citation(c, self.story.meta, self.story.words))
        return self._citation_of[key]

    def date(self, item: DatedProps) -> dict[str, Any]:
        """json_values.date_info, worded once per distinct date (the dict is shared: callers only read it)."""
        key = (item.start, item.end, item.calendar, item.date_certainty, item.date_note, item.dual)
        if key not in self._dates:
            self._dates[key] = date_info(item, self.story.words)
        return self._dates[key]

    def kinds(self, layer: str) -> dict[str, str]:
        if layer not in self._kinds:
            self._kinds[layer] = kind_labels(self.story.meta.kinds, layer, self.story.words)
        return self._kinds[layer]

    def certainty(self, value: str) -> str:
        if value not in self._certainty:
            self._certainty[value] = certainty_label(value, self.story.words)
        return self._certainty[value]

    @staticmethod
    def rows(table: dict[str, int]) -> list[Any]:
        return [json.loads(key) for key in table]


def _details(props: FeatureProps, tables: _Tables) -> list[str]:
    """Short facts under a popup's title: kind, unit, commander, strength, operator, certainty, extras."""
    story = tables.story
    lines = _kind_details(props, tables, story.words)
    if props.extra_fields:
        lines += _extras(props, story.meta, story.words)
    return lines


def _kind_details(props: FeatureProps, tables: _Tables, w: Words) -> list[str]:
    if isinstance(props, PlaceProps):
        lines = [tables.kinds("places")[props.kind]]
        if props.location_certainty != "exact":
            lines.append(w("location_approximate"))
        return lines
    if isinstance(props, RailwayProps):
        return [w("operated_by", operator=props.operator), tables.certainty(props.route_certainty)]
    if isinstance(props, MovementProps):
        lines = [tables.kinds("movements")[props.kind], w("unit", unit=props.unit)]
        if props.commander:
            lines.append(w("commander", name=props.commander))
        lines.append(w("strength", strength=props.strength) if props.strength else w("strength_unknown"))
        lines.append(tables.certainty(props.route_certainty))
        return lines
    if isinstance(props, EventProps):
        return [tables.kinds("events")[props.kind]]
    return []


def _info(f: Feature, story: Story, tables: _Tables) -> dict[str, Any]:
    """What a popup shows: names (only those given), date, facts, narrative, sources and corrections."""
    p = f.props
    info: dict[str, Any] = {"name": display_name(p, story.words), "en": p.name_en}
    if p.name_zh:
        info["zh"] = p.name_zh
    if p.name_period and p.name_period != p.name_en:
        info["then"] = p.name_period  # the name in use at the time of the story
    if isinstance(p, DatedProps):
        info["date"] = tables.date(p)
    side = getattr(p, "side", None)
    if side:
        info["side"] = side
    info["facts"] = _details(p, tables)
    info["narrative"] = p.narrative
    info["sources"] = [tables.citation(c) for c in p.sources]
    if p.corrections:
        info["corrections"] = list(p.corrections)
    return info


def _feature(f: Feature, story: Story, arrow: Arrow | None, vertices: list[list[float]] | None,
             tables: _Tables) -> dict[str, Any]:
    """One feature; ``vertices``: its point's or its arrow's path, from _vertices (None for lines)."""
    out: dict[str, Any] = {"id": f.id, "layer": f.layer, "kind": getattr(f.props, "kind", f.layer)}
    if arrow is not None:  # a movement: its arrow carries it typed
        out["path"] = vertices  # the page sizes and places the head in pixels (arrows.js)
        out["look"] = tables.look(arrow.feature.props)
    elif vertices is not None:
        out["ll"] = vertices[0]
    else:
        out["lines"] = _lines(f.geometry)
    if isinstance(f.props, PlaceProps):
        out["rank"] = f.props.label_rank
    out["info"] = _info(f, story, tables)
    return out


def _features(story: Story, tables: _Tables) -> list[dict[str, Any]]:
    """Every feature in file order, the points' and arrows' vertices read in one pass."""
    derived = story.derived
    arrows = [derived.arrows.get(f.id) for f in derived.features]
    simple = [k for k, (f, a) in enumerate(zip(derived.features, arrows, strict=True))
              if a is not None or f.geometry.geom_type == "Point"]
    geoms = [a.path if a is not None else derived.features[k].geometry for k in simple for a in (arrows[k],)]
    vertices: list[list[list[float]] | None] = [None] * len(arrows)
    for k, v in zip(simple, _vertices(geoms), strict=True):
        vertices[k] = v
    return [_feature(f, story, a, v, tables) for f, a, v in zip(derived.features, arrows, vertices, strict=True)]


def _correction(c: Correction, story: Story) -> dict[str, Any]:
    w, cited = story.words, c.cited
    label = citation_label(cited, story.meta, w)
    return {
        "about": c.about,
        "says": w("seed_says", source=label) if cited.source == "seed" else w("source_says", source=label),
        "claim": c.claim,
        "map_shows": c.map_shows,
        "reason": c.reason,
        "sources": [citation(s, story.meta, story.words) for s in c.sources],
    }


def slider_ticks(frames: Sequence[Frame], words: Words, labels: int = TICK_LABELS) -> list[dict[str, Any]]:
    """The time line's ticks: one per frame, evenly spaced (the slider's value is the frame's index, so
    frames on the same day or months apart are equally easy to reach), about ``labels`` of them labelled
    with their date: every k-th, always the first and the last, the year on the first and where it changes."""
    n = len(frames)
    every = max(1, math.ceil((n - 1) / max(labels - 1, 1)))
    shown = set(range(0, n, every)) | {n - 1}
    if n - 1 - max(shown - {n - 1}, default=0) < every / 2 and len(shown) > 2:
        shown.discard(max(shown - {n - 1}))  # too close to the last label to fit beside it
    ticks: list[dict[str, Any]] = []
    year: int | None = None
    for i, fr in enumerate(frames):
        label = None
        if i in shown:
            label = tick_text(fr.first, words, with_year=fr.first.year != year)
            year = fr.first.year
        ticks.append({"at": i, "label": label, "position": round(i / max(n - 1, 1), 4)})
    return ticks


def _leaflet_bounds(bounds: tuple[float, float, float, float]) -> list[list[float]]:
    """(west, south, east, north) as Leaflet's [[south, west], [north, east]]."""
    west, south, east, north = (round(v, DECIMALS) for v in bounds)
    return [[south, west], [north, east]]


LINE_LAYERS = ("rivers", "railways")


def strokes(stack: tuple[Stroke, ...]) -> list[dict[str, Any]]:
    """The legend rule's strokes, bottom first, as the page draws them (one Leaflet polyline each)."""
    return [{"role": s.role, "colour": s.colour, "width": s.width, "dash": s.svg_dash(), "cap": s.cap,
             "opacity": s.opacity} for s in stack]


def head(h: Head) -> dict[str, Any]:
    """An arrow head as the page draws it: its style, size in pixels, colours and outline."""
    return {"style": h.style, "length": round(h.length, 2), "width": round(h.width, 2), "colour": h.colour,
            "fill": h.fill, "outline": h.outline, "opacity": round(h.opacity, 4)}


def _style(story: Story) -> dict[str, Any]:
    """The parts of styles.json the page draws with; layer styles only for layers the story has."""
    st = styles()
    # each layer's style as styles.json writes it (unset defaults left out, so the page gets the file's keys)
    layers = {name: cfg.model_dump(exclude_unset=True) for name, cfg in st.layers.by_name().items()}
    return {
        "layers": {name: {**cfg, "strokes": strokes(line_strokes(name))} if name in LINE_LAYERS else cfg
                   for name, cfg in layers.items() if story.layers.get(name)},
        "faded": {"opacity": st.faded.opacity, "width_factor": st.faded.width_factor},
        "casing": {"colour": st.casing.colour, "extra_width": st.casing.extra_width},
        "hollow_head_fill": st.hollow_head_fill,
        "outline": {"point": st.outline.point, "head": st.outline.head, "hollow_head": st.outline.hollow_head},
        "draw_order": list(st.draw_order),
        "current_above": list(st.current_above),
        "arrow": {k: getattr(st.arrow.head_px, k) for k in ("min", "max_share", "tip_gap", "shaft_into_head")},
    }


def build_payload(story: Story) -> dict[str, Any]:
    """Everything the page's scripts need, as plain JSON-able data in a stable order.

    Which features a frame shows is the frame model of ``story.derived``: the dated features by first day
    (``order``) and, per frame, how many of them have begun (``begun``) and its own features (``current``),
    so the payload grows with the features plus the frames, not their product. Movement looks and
    citations that features share are sent once (``looks``, ``citations``) and named by index."""
    derived = story.derived
    model = derived.frames
    meta = story.meta
    tables = _Tables(story)
    features = _features(story, tables)
    frames = [{
        "id": fr.id,
        "title": fr.title,
        "date": date_info(fr, story.words),
        "narrative": fr.narrative,
        "sources": [citation(c, meta, story.words) for c in fr.sources],
        "corrections": list(fr.corrections),
        "current": list(model.current[i]),
        "begun": model.begun[i],
        "bounds": _leaflet_bounds(derived.views[i]),
        "at": i,
    } for i, fr in enumerate(story.frames)]
    return {
        "story": {"id": meta.id, "title": meta.title},
        "lang": story.words.html_lang,
        "words": story.words.page_messages(),
        "axis": {"max": max(len(story.frames) - 1, 0), "ticks": slider_ticks(story.frames, story.words),
                 "from": day_text(story.first_day, meta.calendar, story.words),
                 "to": day_text(story.last_day, meta.calendar, story.words)},
        "sides": {k: {"label": s.label, "colour": s.colour} for k, s in meta.sides.items()},
        "style": _style(story),
        "corrections": {c.id: _correction(c, story) for c in meta.corrections},
        "canvas": len(derived.features) >= CANVAS_FROM,
        "features": features,
        "looks": tables.rows(tables.looks),
        "citations": tables.rows(tables.citations),
        "order": list(model.order),
        "frames": frames,
    }
