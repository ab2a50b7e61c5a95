"""The payload as the page carries it: columns of numbers and strings instead of one object per feature.

A 10,000-feature page spent most of the time before its first drawing in the browser's HTML parser and
JSON.parse going through the payload, whose bytes were mostly the same keys, layer and kind names, dates,
facts and source lists repeated for every feature, and coordinates. Here each feature field is one array
(``features.id``, ``features.geom``, ...); coordinates are whole numbers, each vertex the step from the one
before; values features share are sent once in a table and named by index (``layers``, ``kinds``,
``dates``, ``texts``, ``source_lists``, beside the payload's ``looks`` and ``citations``); fields few
features have are sparse (index → value); the slider's ticks stay in the page's markup. story.js's
``unpack`` rebuilds the payload build_payload wrote (the tests compare the two), so the scripts read it
unchanged. Same payload, same bytes.
"""
from __future__ import annotations

import json
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from .payload import DECIMALS


class _Table:
    """Values sent once, each named by its place; ``key`` says when two values are the same one."""

    def __init__(self) -> None:
        self.places: dict[Any, int] = {}
        self.values: list[Any] = []

    def add(self, value: Any, key: Any) -> int:
        place = self.places.get(key)
        if place is None:
            place = self.places[key] = len(self.values)
            self.values.append(value)
        return place

    def text(self, value: str) -> int:
        return self.add(value, value)

    def numbers(self, value: list[int]) -> int:
        return self.add(value, tuple(value))

    def record(self, value: dict[str, Any]) -> int:
        return self.add(value, json.dumps(value, sort_keys=True, ensure_ascii=False))


SCALE = 10 ** DECIMALS


def _flat(points: list[list[float]]) -> list[int]:
    """[lat, lon] pairs (rounded to DECIMALS) as whole numbers of 1e-5 degree, each pair after the first as
    the step from the one before: a curved arrow's 33 vertices cost a few digits each. Dividing by SCALE in
    the page gives back the very same numbers (both are the double nearest the decimal)."""
    out: list[int] = []
    lat0 = lon0 = 0
    for lat, lon in points:
        lat1, lon1 = round(lat * SCALE), round(lon * SCALE)
        out += (lat1 - lat0, lon1 - lon0)
        lat0, lon0 = lat1, lon1
    return out


def _geom(f: dict[str, Any]) -> list[Any]:
    if "path" in f:
        return _flat(f["path"])
    if "ll" in f:
        return _flat([f["ll"]])
    return [_flat(line) for line in f["lines"]]


def pack(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload in columns and tables (see the module's docstring); ``unpack`` in story.js undoes it."""
    layers, kinds, dates, texts, source_lists, sides = (_Table() for _ in range(6))
    features = payload["features"]
    col: dict[str, list[Any]] = {key: [] for key in ("id", "layer", "kind", "geom", "rank", "look", "en", "date",
                                                     "side", "facts", "narrative", "sources")}
    sparse: dict[str, dict[int, Any]] = {key: {} for key in ("name", "zh", "then", "corrections")}
    by_object: dict[int, int] = {}  # build_payload shares one dict among features of the same date

    def date(value: dict[str, Any]) -> int:
        if id(value) not in by_object:
            by_object[id(value)] = dates.record(value)
        return by_object[id(value)]

    for k, f in enumerate(features):
        info = f["info"]
        col["id"].append(f["id"])
        col["layer"].append(layers.text(f["layer"]))
        col["kind"].append(kinds.text(f["kind"]))
        col["geom"].append(_geom(f))
        col["rank"].append(f.get("rank", 0))
        col["look"].append(f.get("look", -1))
        col["en"].append(info["en"])
        col["date"].append(date(info["date"]) if "date" in info else -1)
        col["side"].append(sides.text(info["side"]) if "side" in info else -1)
        col["facts"].append([texts.text(fact) for fact in info["facts"]])
        col["narrative"].append(info["narrative"])
        col["sources"].append(source_lists.numbers(info["sources"]))
        if info["name"] != info["en"]:
            sparse["name"][k] = info["name"]
        for key in ("zh", "then", "corrections"):
            if key in info:
                sparse[key][k] = info[key]
    citations = _Table()
    for c in payload["citations"]:
        citations.record(c)
    frames = payload["frames"]
    frame_cols = {
        "id": [fr["id"] for fr in frames],
        "title": [fr["title"] for fr in frames],
        "date": [dates.record(fr["date"]) for fr in frames],
        "narrative": [fr["narrative"] for fr in frames],
        "sources": [source_lists.numbers([citations.record(c) for c in fr["sources"]]) for fr in frames],
        "corrections": [fr["corrections"] for fr in frames],
        "current": [fr["current"] for fr in frames],
        "begun": [fr["begun"] for fr in frames],
        "bounds": [fr["bounds"] for fr in frames],
    }
    out = {k: v for k, v in payload.items() if k not in ("features", "frames", "axis", "citations")}
    return {**out, "features": {**col, **sparse}, "frames": frame_cols, "layers": layers.values,
            "kinds": kinds.values, "side_keys": sides.values, "dates": dates.values, "texts": texts.values,
            "source_lists": source_lists.values, "citations": citations.values, "scale": SCALE}


def page_json(payload: dict[str, Any]) -> Markup:
    """The packed payload as the text of the page's ``<script type="application/json">``: compact UTF-8
    JSON with <, >, & and ' escaped by Jinja's own tojson, so no author text can end the element."""
    return htmlsafe_json_dumps(pack(payload), ensure_ascii=False, separators=(",", ":"))
