"""Checks across a story's files: ids used once, references to places, sides, sources, corrections and seed
paragraphs that exist, frames in order that never show the future, and movements that start and end at
their places.

They run on whatever did validate, so one pass reports as much as it can; a reference to a feature that
exists but failed validation is not reported again, and nothing is judged against a file that could not
be read at all.
"""
from __future__ import annotations

import statistics
from collections.abc import Collection, Iterable, Iterator, Mapping
from typing import Any

import pyproj
import shapely
from pydantic import BaseModel
from shapely.geometry import Point

from . import seed as seed_text
from .errors import shorten
from .messages import Report
from .schema import Citation, DatedProps, Frame, MovementProps, StoryMeta
from .story import Feature

GEOD = pyproj.Geod(ellps="WGS84")  # pyproj's geodesics, not a hand-written haversine

ENDPOINT_TOLERANCE_KM = 25.0
SWAP_DISTANCE_KM = 1500.0
Sections = Mapping[str, list[str]] | None
"""The seed's paragraphs by section; None when the seed could not be read (its citations are not judged)."""
Layers = Mapping[str, tuple[Feature, ...]]


class Anything(Collection[str]):
    """Stands for the ids of a file that could not be read: every reference into it is let through."""

    def __contains__(self, item: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


class ReferenceChecker:
    """Every check that needs more than one file, adding problems to the story's report."""

    def __init__(self, report: Report, meta: StoryMeta, sections: Sections, layers: Layers,
                 declared: Mapping[str, str], unreadable: Collection[str]) -> None:
        self.report = report
        self.meta = meta
        self.sections = sections
        self.layers = layers
        self.places = {f.id: f for f in layers.get("places", ())}
        self.place_ids: Collection[str] = (Anything() if "places" in unreadable
                                           else {fid for fid, layer in declared.items() if layer == "places"})
        self.known_ids: Collection[str] = Anything() if unreadable else declared
        self.corrections = {c.id for c in meta.corrections}
        self.seed_citations = 0
        """Citations of the seed in a story without one: reported once, not once each."""

    def check(self, frames: Iterable[Frame]) -> None:
        check_swapped(self.report, self.layers)
        self.check_unique_ids()
        for c in self.meta.corrections:
            if c.seed is not None:
                self.seed_place("story.json", None, f"corrections.{c.id}.seed", c.seed.section, c.seed.paragraph)
            else:  # a correction against any cited source: checked as a citation
                self.citations("story.json", None, f"corrections.{c.id}.source", [c.cited])
            self.citations("story.json", None, f"corrections.{c.id}.sources", c.sources)
        for features in self.layers.values():
            for f in features:
                self.check_feature(f)
        FrameChecker(self).check(list(frames))
        if self.seed_citations:
            n = self.seed_citations
            self.report.add("story.json", None, "seed", "a 'seed' entry, as the story cites the seed",
                            f"none, while {n} citation{'s' if n > 1 else ''} refer{'' if n > 1 else 's'} to it",
                            "add a 'seed' entry, or cite other sources")

    def check_unique_ids(self) -> None:
        seen: dict[str, str] = {}
        for layer, features in self.layers.items():
            for f in features:
                if f.id in seen:
                    self.report.add(f"{layer}.geojson", f.id, "id", "an id used once in the story",
                                    f"also used in {seen[f.id]}.geojson")
                seen.setdefault(f.id, layer)

    def check_feature(self, f: Feature) -> None:
        filename, p = f"{f.layer}.geojson", f.props
        self.citations(filename, f.id, "properties.sources", p.sources)
        self.known(filename, f.id, "properties.corrections", p.corrections, self.corrections,
                   "a correction id from story.json")
        if isinstance(p, DatedProps):
            for field, expected, found in p.date_problems():
                self.report.add(filename, f.id, f"properties.{field}", expected, found)
        side = _field(p, "side")
        if side is not None and side not in self.meta.sides:
            self.report.add(filename, f.id, "properties.side",
                            f"a side from story.json ({', '.join(self.meta.sides)})", shorten(side))
        place = _field(p, "place")
        if place is not None and place not in self.place_ids:
            self.report.add(filename, f.id, "properties.place", "a place id from places.geojson", shorten(place))
        if isinstance(p, MovementProps):
            self.check_movement(filename, f, p)

    def check_movement(self, filename: str, f: Feature, p: MovementProps) -> None:
        coords = shapely.get_coordinates(f.geometry)
        for field, place_id, point in (("from", p.from_place, coords[0]), ("to", p.to_place, coords[-1])):
            if place_id not in self.place_ids:
                self.report.add(filename, f.id, f"properties.{field}", "a place id from places.geojson",
                                shorten(place_id))
                continue
            place = self.places.get(place_id)
            if place is None or not isinstance(place.geometry, Point):  # declared but invalid: already reported
                continue
            km = distance_km((float(point[0]), float(point[1])), (place.geometry.x, place.geometry.y))
            if km > ENDPOINT_TOLERANCE_KM:
                end = "first" if field == "from" else "last"
                self.report.add(filename, f.id, "geometry.coordinates",
                                f"the {end} point within {ENDPOINT_TOLERANCE_KM:g} km of {place_id!r}",
                                f"{km:.0f} km away")

    def known(self, filename: str, fid: str | None, field: str, values: Iterable[str], known: Collection[str],
              expected: str) -> None:
        for value in values:
            if value not in known:
                self.report.add(filename, fid, field, expected, shorten(value))

    def citations(self, filename: str, fid: str | None, field: str, citations: Iterable[Citation]) -> None:
        for i, c in enumerate(citations):
            where = f"{field}.{i}"
            if c.source == "seed":
                if self.meta.seed is None:
                    self.seed_citations += 1
                elif c.section is None or c.paragraph is None:
                    self.report.add(filename, fid, where, "a seed citation with 'section' and 'paragraph'",
                                    shorten(c.model_dump(exclude_none=True)))
                else:
                    self.seed_place(filename, fid, where, c.section, c.paragraph)
            elif c.source not in self.meta.sources:
                self.report.add(filename, fid, f"{where}.source", "'seed' or a key of 'sources' in story.json",
                                shorten(c.source))

    def seed_place(self, filename: str, fid: str | None, where: str, section: str, paragraph: int) -> None:
        if self.sections is None:  # the seed could not be read: already reported once
            return
        if self.meta.seed is None:
            self.seed_citations += 1
            return
        if section not in self.sections:
            forms = ("" if seed_text.has_headings(self.sections)
                     else f"; no headings found: mark each as {seed_text.HEADING_FORMS}")
            self.report.add(filename, fid, f"{where}.section", f"a seed section ({', '.join(self.sections)}){forms}",
                            shorten(section))
        elif paragraph > len(self.sections[section]):
            self.report.add(filename, fid, f"{where}.paragraph",
                            f"1..{len(self.sections[section])} in seed section {section!r}", str(paragraph))


class FrameChecker:
    """The frames' references, order and dates, judged against the layers."""

    def __init__(self, refs: ReferenceChecker) -> None:
        self.refs = refs
        self.report = refs.report
        self.by_id = {f.id: f for fs in refs.layers.values() for f in fs}

    def check(self, frames: list[Frame]) -> None:
        frame_ids: set[str] = set()
        previous: Frame | None = None
        for fr in frames:
            if fr.id in frame_ids:
                self.report.add("frames.json", fr.id, "id", "a frame id used once", "a duplicate")
            frame_ids.add(fr.id)
            self.check_frame(fr)
            if previous is not None and fr.first.first < previous.first.first:
                self.report.add("frames.json", fr.id, "start", f"frames in date order (on or after {previous.start})",
                                shorten(fr.start))
            previous = fr

    def check_frame(self, fr: Frame) -> None:
        refs = self.refs
        refs.citations("frames.json", fr.id, "sources", fr.sources)
        for field, values in (("features", fr.features), ("focus", fr.focus or [])):
            refs.known("frames.json", fr.id, field, values, refs.known_ids, "a feature id from the layers")
            for fid in sorted({v for v in values if values.count(v) > 1}):
                self.report.add("frames.json", fr.id, field, "each feature once in a frame", f"{fid!r} twice",
                                "remove the repeated id")
        for fid in dict.fromkeys([*fr.features, *(fr.focus or [])]):
            f = self.by_id.get(fid)
            if f is not None and f.first_day is not None and f.first_day > fr.last.last:
                start = f.props.start if isinstance(f.props, DatedProps) else "?"
                self.report.add("frames.json", fr.id, "features",
                                f"features and focus begun by the frame's last day ({fr.end or fr.start})",
                                f"{fid!r} starting {start}")
        refs.known("frames.json", fr.id, "corrections", fr.corrections, refs.corrections,
                   "a correction id from story.json")
        for field, expected, found in fr.date_problems():
            self.report.add("frames.json", fr.id, field, expected, found)


def _field(props: BaseModel, name: str) -> Any:
    """A field's value, or None when the model has no such field (as ``getattr(props, name, None)``, without
    the AttributeError pydantic raises and catches for each model without it)."""
    return getattr(props, name) if name in type(props).model_fields else None


def check_swapped(report: Report, layers: Layers) -> None:
    """Catch a [lat, lon] point that still falls inside the valid ranges, by its distance from the rest."""
    points = [(f, f.geometry) for name in ("places", "events") for f in layers.get(name, ())
              if isinstance(f.geometry, Point)]
    if len(points) < 3:
        return
    centre = (statistics.median(pt.x for _, pt in points), statistics.median(pt.y for _, pt in points))
    for f, pt in points:
        x, y = pt.x, pt.y
        if distance_km((x, y), centre) > SWAP_DISTANCE_KM and distance_km((y, x), centre) < SWAP_DISTANCE_KM:
            report.add(f"{f.layer}.geojson", f.id, "geometry.coordinates",
                       "[longitude, latitude] (this pair looks swapped)", shorten([round(x, 6), round(y, 6)]))


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance on the WGS84 ellipsoid between two (longitude, latitude) points, for the loose checks above."""
    _, _, metres = GEOD.inv(a[0], a[1], b[0], b[1])
    return float(metres) / 1000
