"""The broken-story corpus: the real Harbin story, broken one way per case, as a small declarative table.

Each case names one change to a copy of ``geodata/``: ``Set`` a JSON value (by a path of keys and list
positions), ``Drop`` one, write ``Raw`` bytes or ``Replace`` some, or make the file a ``Link``, ``Pipe``,
``Folder`` or a ``Huge`` sparse file. ``expected.json`` holds the exact lines each case prints (regenerate with
GEOSTORY_REGEN=1 after a deliberate change of wording, and read the diff).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Set:
    file: str
    path: JsonPath
    value: Any


@dataclass(frozen=True)
class Drop:
    file: str
    path: JsonPath


@dataclass(frozen=True)
class Raw:
    file: str
    data: bytes


@dataclass(frozen=True)
class Replace:
    file: str
    old: bytes
    new: bytes


@dataclass(frozen=True)
class Link:
    file: str
    target: str  # relative to the story folder


@dataclass(frozen=True)
class Pipe:
    file: str


@dataclass(frozen=True)
class Folder:
    file: str


@dataclass(frozen=True)
class Huge:
    file: str
    size: int


Change = Set | Drop | Raw | Replace | Link | Pipe | Folder | Huge

P0 = ("features", 0, "properties")  # the first feature's properties: harbin, jiangqiao-campaign, ...
F0 = ("frames", 0)  # the first frame, 1931-11-background
NESTED = b"[" * 100_000 + b"]" * 100_000
GB = 1024 * 1024 * 1024

CASES: dict[str, list[Change]] = {
    # whole files
    "story-null": [Raw("story.json", b"null")],
    "frames-null": [Raw("frames.json", b"null")],
    "places-null": [Raw("places.geojson", b"null")],
    "events-a-list": [Raw("events.geojson", b"[]")],
    "frames-empty": [Set("frames.json", ("frames",), [])],
    "story-empty-file": [Raw("story.json", b"")],
    "places-truncated": [Raw("places.geojson", b'{"type": "FeatureCollection", "features": [')],
    "events-nested-100000": [Raw("events.geojson", NESTED)],
    "frames-nested-deep": [Set("frames.json", (*F0, "narrative"), json.loads("[" * 80 + "]" * 80))],
    "story-duplicate-key": [Raw("story.json", b'{"id": "harbin-1932", "id": "other"}')],
    "rivers-nan": [Raw("rivers.geojson", b'{"type": "FeatureCollection", "features": [NaN]}')],
    "movements-latin1": [Raw("movements.geojson", '{"type": "FeatureCollection", "features": []} é'.encode("latin-1"))],
    "railways-huge": [Huge("railways.geojson", GB)],
    "seed-huge": [Huge("defense-of-harbin.txt", GB)],
    # files that are not files, or not in the story
    "events-a-folder": [Folder("events.geojson")],
    "events-a-fifo": [Pipe("events.geojson")],
    "frames-link-outside": [Link("frames.json", "../secret.json")],
    "places-link-loop": [Link("places.geojson", "places.geojson")],
    "seed-absolute": [Set("story.json", ("seed", "file"), "/etc/passwd")],
    "seed-dotdot": [Set("story.json", ("seed", "file"), "../../../../../../etc/shadow")],
    "seed-link-outside": [Link("defense-of-harbin.txt", "../secret.json")],
    "seed-a-folder": [Set("story.json", ("seed", "file"), ".")],
    "seed-missing": [Set("story.json", ("seed", "file"), "no-such-seed.txt")],
    # geometry
    "coordinates-strings": [Set("places.geojson", ("features", 0, "geometry", "coordinates"), ["126.6", "45.75"])],
    "coordinates-booleans": [Set("places.geojson", ("features", 0, "geometry", "coordinates"), [True, False])],
    "coordinates-3d": [Set("places.geojson", ("features", 0, "geometry", "coordinates"), [126.63, 45.75, 140])],
    "coordinates-one-number": [Set("places.geojson", ("features", 0, "geometry", "coordinates"), [126.63])],
    "coordinates-null": [Set("events.geojson", ("features", 0, "geometry", "coordinates"), None)],
    "line-of-points-3d": [Set("movements.geojson", ("features", 0, "geometry", "coordinates", 0), [123.9, 47.3, 5])],
    "line-empty": [Set("rivers.geojson", ("features", 0, "geometry", "coordinates"), [])],
    "geometry-polygon": [Set("places.geojson", ("features", 0, "geometry", "type"), "Polygon")],
    "geometry-missing": [Drop("events.geojson", ("features", 0, "geometry"))],
    "coordinates-projected": [Set("places.geojson", ("features", 0, "geometry", "coordinates"), [14.1e6, 5.74e6])],
    "coordinates-swapped": [Set("places.geojson", ("features", 0, "geometry", "coordinates"), [45.75, 126.63])],
    "coordinates-infinite": [Replace("places.geojson", b"126.627,", b"1e400,")],
    "line-of-one-point": [Set("rivers.geojson", ("features", 0, "geometry", "coordinates"), [[126.6, 45.7]])],
    "line-of-one-place": [Set("rivers.geojson", ("features", 0, "geometry", "coordinates"), [[126.6, 45.7]] * 3)],
    "line-not-nested": [Set("railways.geojson", ("features", 0, "geometry", "coordinates"), [123.9, 47.3])],
    "feature-not-a-feature": [Set("places.geojson", ("features", 0, "type"), "Point")],
    "features-not-a-list": [Set("events.geojson", ("features",), {"type": "Feature"})],
    "crs-member": [Set("rivers.geojson", ("crs",), {"type": "name", "properties": {"name": "EPSG:3857"}})],
    # ids
    "id-capitals": [Set("events.geojson", ("features", 0, "id"), "Jiangqiao_Campaign")],
    "id-number": [Set("places.geojson", ("features", 0, "id"), 7)],
    "id-missing": [Drop("railways.geojson", ("features", 0, "id"))],
    "id-twice": [Set("events.geojson", ("features", 1, "id"), "jiangqiao-campaign")],
    "frame-id-spaces": [Set("frames.json", (*F0, "id"), "1931 11 background")],
    "story-id-unicode": [Set("story.json", ("id",), "哈尔滨-1932")],
    # values and types
    "label-rank-boolean": [Set("places.geojson", (*P0, "label_rank"), True)],
    "label-rank-float": [Set("places.geojson", (*P0, "label_rank"), 2.0)],
    "paragraph-string": [Set("events.geojson", (*P0, "sources", 0, "paragraph"), "1")],
    "curve-boolean": [Set("movements.geojson", (*P0, "curve"), True)],
    "curve-too-big": [Set("movements.geojson", (*P0, "curve"), 2.5)],
    "year-float": [Set("story.json", ("sources", "coogan1994", "year"), 1994.5)],
    "name-a-number": [Set("places.geojson", (*P0, "name_en"), 1932)],
    "narrative-empty": [Set("events.geojson", (*P0, "narrative"), "")],
    "sources-empty": [Set("events.geojson", (*P0, "sources"), [])],
    "sources-a-string": [Set("events.geojson", (*P0, "sources"), "seed")],
    "sides-empty": [Set("story.json", ("sides",), {})],
    "colour-a-name": [Set("story.json", ("sides", "chinese", "colour"), "red")],
    "kind-unknown": [Set("movements.geojson", (*P0, "kind"), "teleport")],
    "unknown-field": [Set("places.geojson", (*P0, "population"), 380000)],
    "properties-null": [Set("rivers.geojson", ("features", 0, "properties"), None)],
    "frame-features-empty": [Set("frames.json", (*F0, "features"), [])],
    # dates
    "date-arabic-indic-digits": [Set("events.geojson", (*P0, "start"), "١٩٣١-١١-٠٤")],
    "date-fullwidth-digits": [Set("frames.json", (*F0, "start"), "１９３１-11")],
    "date-not-iso": [Set("events.geojson", (*P0, "start"), "4 November 1931")],
    "date-impossible": [Set("movements.geojson", (*P0, "start"), "1931-02-30")],
    "date-end-before-start": [Set("events.geojson", (*P0, "end"), "1931-11-01")],
    "date-a-number": [Set("events.geojson", (*P0, "start"), 1931)],
    "approximate-without-note": [Set("events.geojson", (*P0, "date_certainty"), "approximate")],
    # text
    "lone-surrogate": [Replace("story.json", b'"The Defense of Harbin, 1932"', b'"The Defense of Harbin \\ud800"')],
    "control-character": [Set("events.geojson", (*P0, "name_en"), "Jiangqiao\u0007 campaign")],
    "escape-sequence": [Set("frames.json", (*F0, "title"), "\u001b[31mred\u001b[0m")],
    "bidi-override-in-id": [Set("events.geojson", ("features", 0, "id"), "jiangqiao-\u202ecampaign")],
    "nul-in-key": [Set("places.geojson", (*P0, "name\u0000"), "x")],
    # references
    "frame-feature-twice": [Set("frames.json", (*F0, "features", 1), "jiangqiao-campaign")],
    "frame-feature-unknown": [Set("frames.json", (*F0, "features", 0), "battle-of-wagram")],
    "frame-in-the-future": [Set("frames.json", (*F0, "features", 0), "fall-of-harbin")],
    "frames-out-of-order": [Set("frames.json", ("frames", 1, "start"), "1931-10-01")],
    "side-unknown": [Set("movements.geojson", (*P0, "side"), "martians")],
    "place-unknown": [Set("events.geojson", (*P0, "place"), "atlantis")],
    "movement-from-unknown": [Set("movements.geojson", (*P0, "from"), "atlantis")],
    "source-unknown": [Set("events.geojson", (*P0, "sources", 1, "source"), "napoleon-memoirs")],
    "seed-section-unknown": [Set("events.geojson", (*P0, "sources", 0, "section"), "Epilogue")],
    "seed-paragraph-unknown": [Set("events.geojson", (*P0, "sources", 0, "paragraph"), 99)],
    "seed-citation-without-paragraph": [Drop("events.geojson", (*P0, "sources", 0, "paragraph"))],
    "correction-unknown": [Set("events.geojson", (*P0, "corrections"), ["no-such-correction"])],
    "correction-seed-paragraph-unknown": [Set("story.json", ("corrections", 0, "seed", "paragraph"), 42)],
    "seed-dropped-but-cited": [Drop("story.json", ("seed",))],
}


def _walk(obj: Any, path: JsonPath) -> tuple[Any, str | int]:
    for key in path[:-1]:
        obj = obj[key]
    return obj, path[-1]


def apply(story: Path, changes: list[Change]) -> None:
    """Break a copy of the story folder as the case says."""
    for change in changes:
        target = story / change.file
        if isinstance(change, (Set, Drop)):
            data = json.loads(target.read_text(encoding="utf-8"))
            parent, key = _walk(data, change.path)
            if isinstance(change, Set):
                parent[key] = change.value
            else:
                del parent[key]
            target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        elif isinstance(change, Raw):
            target.write_bytes(change.data)
        elif isinstance(change, Replace):
            data = target.read_bytes()
            assert change.old in data, change
            target.write_bytes(data.replace(change.old, change.new))
        elif isinstance(change, Link):
            target.unlink(missing_ok=True)
            target.symlink_to(change.target)
        elif isinstance(change, Pipe):
            target.unlink()
            os.mkfifo(target)
        elif isinstance(change, Folder):
            target.unlink()
            target.mkdir()
            (target / "inside.json").write_text("{}", encoding="utf-8")
        else:
            with target.open("r+b") as fh:
                fh.truncate(change.size)  # sparse: no disk used, and nothing may read it
