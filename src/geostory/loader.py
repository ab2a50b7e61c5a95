"""Read a story folder, validate everything, and return a Story or raise StoryError with every problem."""
from __future__ import annotations

import json
import math
import statistics
from pathlib import Path
from typing import Any

import shapely
from pydantic import BaseModel, ValidationError
from shapely.geometry import shape

from . import seed as seed_text
from .errors import Problem, StoryError, shorten
from .schema import LAYERS, Citation, Dated, Frame, MovementProps, StoryMeta
from .story import Feature, Story

ENDPOINT_TOLERANCE_KM = 25.0
SWAP_DISTANCE_KM = 1500.0


def default_story_dir() -> Path:
    """The story used when none is named: ``geodata/`` here, else the Harbin story of this checkout."""
    here = Path.cwd() / "geodata"
    checkout = Path(__file__).resolve().parents[2] / "geodata"  # an editable install, as `make` sets up
    if (here / "story.json").is_file() or not (checkout / "story.json").is_file():
        return here
    return checkout


def load_story(path: str | Path | None = None) -> Story:
    """Load and validate a story folder; raise StoryError listing every problem found."""
    return _Loader(Path(path) if path is not None else default_story_dir()).load()


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.unreadable: set[str] = set()
        """Layers whose file could not be read at all: references into them cannot be judged."""
        self.declared: dict[str, str] = {}
        """Every feature id found in a layer file, valid or not, so references to it are not flagged."""

    def name(self, filename: str) -> str:
        return f"{self.root.name}/{filename}"

    def problem(self, file: str, feature: str | None, field: str | None, expected: str, found: str) -> None:
        self.problems.append(Problem(self.name(file), feature, field, expected, found))

    def read_json(self, filename: str, required: bool) -> Any:
        path = self.root / filename
        if not path.is_file():
            if required:
                self.problem(filename, None, None, "this file in the story folder", "no such file")
            return None
        data = path.read_bytes()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.problem(filename, None, None, "UTF-8 text", f"byte 0x{data[exc.start]:02x} at offset {exc.start}")
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            self.problem(filename, None, None, "valid JSON", f"{exc.msg} at line {exc.lineno} column {exc.colno}")
            return None

    def validate(self, model: type[BaseModel], obj: Any, filename: str, feature: str | None, prefix: str = "") -> Any:
        try:
            return model.model_validate(obj)
        except ValidationError as exc:
            for err in exc.errors():
                field = (prefix + ".".join(str(p) for p in err["loc"])).rstrip(".")
                self.problem(filename, feature, field or None, *_describe(err))
            return None

    def load(self) -> Story:
        if not self.root.is_dir():
            found = "a file" if self.root.exists() else "no such folder"
            raise StoryError([Problem(str(self.root), None, None, "a story folder containing story.json", found)])
        meta_obj = self.read_json("story.json", required=True)
        meta = self.validate(StoryMeta, meta_obj, "story.json", None) if meta_obj is not None else None
        sections = self.load_seed(meta)
        layers: dict[str, tuple[Feature, ...]] = {}
        for layer, (model, geometry_types, required) in LAYERS.items():
            features = self.load_layer(layer, model, geometry_types, required)
            if features is not None:
                layers[layer] = features
        frames = self.load_frames()
        # Cross-file checks run on whatever did validate, so one pass reports as much as it can;
        # references to features that exist but failed validation are not reported again.
        if meta is not None:
            self.check_swapped(layers)
            self.check_references(meta, sections, layers, frames)
        if self.problems:
            raise StoryError(self.problems)
        return Story(self.root, meta, layers, tuple(frames))

    def load_frames(self) -> list[Frame]:
        obj = self.read_json("frames.json", required=True)
        if obj is None:
            return []
        if not isinstance(obj, dict) or not isinstance(obj.get("frames"), list) or not obj["frames"]:
            self.problem("frames.json", None, "frames", "an object with a non-empty list 'frames'", shorten(obj))
            return []
        frames = []
        for index, item in enumerate(obj["frames"]):
            fid = item.get("id") if isinstance(item, dict) else None
            frame = self.validate(Frame, item, "frames.json", fid if isinstance(fid, str) else f"#{index}")
            if frame is not None:
                frames.append(frame)
        return frames

    def load_seed(self, meta: StoryMeta | None) -> dict[str, list[str]] | None:
        """The seed's sections, or None when it could not be read (its citations are then not checked)."""
        if meta is None or meta.seed is None:
            return {}
        path = self.root / meta.seed.file
        if not path.is_file():
            self.problem("story.json", None, "seed.file", "a seed text file relative to the story folder", shorten(meta.seed.file))
            return None
        data = path.read_bytes()
        try:
            return seed_text.paragraphs(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            self.problem("story.json", None, "seed.file", f"UTF-8 text in {meta.seed.file}", f"byte 0x{data[exc.start]:02x} at offset {exc.start}")
            return None

    def load_layer(self, layer: str, model: type[BaseModel], geometry_types: tuple[str, ...], required: bool):
        filename = f"{layer}.geojson"
        obj = self.read_json(filename, required)
        if obj is None:
            if (self.root / filename).exists() or required:
                self.unreadable.add(layer)
            return None
        if not isinstance(obj, dict) or obj.get("type") != "FeatureCollection" or not isinstance(obj.get("features"), list):
            self.problem(filename, None, None, "a GeoJSON FeatureCollection", shorten(obj if not isinstance(obj, dict) else obj.get("type")))
            return None
        if "crs" in obj:
            self.problem(filename, None, "crs", "WGS84 longitude/latitude with no 'crs' member (RFC 7946)", shorten(obj["crs"]))
        features = []
        for index, item in enumerate(obj["features"]):
            fid = item.get("id") if isinstance(item, dict) else None
            label = fid if isinstance(fid, str) else f"#{index}"
            if not isinstance(item, dict) or item.get("type") != "Feature":
                self.problem(filename, label, None, "a GeoJSON Feature", shorten(item))
                continue
            if not isinstance(fid, str) or not fid:
                self.problem(filename, label, "id", "a string id on the feature", shorten(fid))
                continue
            self.declared.setdefault(fid, layer)
            geometry = self.check_geometry(filename, label, item.get("geometry"), geometry_types)
            props = self.validate(model, item.get("properties"), filename, label, "properties.")
            if geometry is not None and props is not None:
                features.append(Feature(fid, layer, geometry, props))
        return tuple(features)

    def check_geometry(self, filename: str, fid: str, geom: Any, types: tuple[str, ...]):
        expected_type = " or ".join(types)
        if not isinstance(geom, dict) or "type" not in geom:
            self.problem(filename, fid, "geometry", f"a GeoJSON {expected_type} geometry", shorten(geom))
            return None
        if geom["type"] not in types:
            self.problem(filename, fid, "geometry.type", expected_type, shorten(geom["type"]))
            return None
        try:
            shp = shape(geom)
            coords = shapely.get_coordinates(shp)
        except Exception:  # shapely raises several types for malformed coordinate arrays
            self.problem(filename, fid, "geometry.coordinates", f"coordinates of a {geom['type']}", shorten(geom.get("coordinates")))
            return None
        if shp.is_empty or len(coords) == 0:
            self.problem(filename, fid, "geometry.coordinates", f"a non-empty {geom['type']}", "no coordinates")
            return None
        for lon, lat in coords.tolist():
            if not (math.isfinite(lon) and math.isfinite(lat)):
                self.problem(filename, fid, "geometry.coordinates", "finite numbers", shorten([lon, lat]))
                return None
            if abs(lon) <= 180 and abs(lat) <= 90:
                continue
            if max(abs(lon), abs(lat)) > 1000:
                expected = "WGS84 degrees (these look like projected metres)"
            else:
                expected = "longitude -180..180 and latitude -90..90, in [longitude, latitude] order"
            self.problem(filename, fid, "geometry.coordinates", expected, shorten([lon, lat]))
            return None
        if geom["type"] in ("LineString", "MultiLineString") and shp.length == 0:
            self.problem(filename, fid, "geometry.coordinates", "a line through at least two distinct points", shorten(geom.get("coordinates")))
            return None
        return shp

    def check_swapped(self, layers) -> None:
        """Catch a [lat, lon] point that still falls inside the valid ranges, by its distance from the rest."""
        points = [f for name in ("places", "events") for f in layers.get(name, ()) if f.geometry.geom_type == "Point"]
        if len(points) < 3:
            return
        centre = (statistics.median(f.geometry.x for f in points), statistics.median(f.geometry.y for f in points))
        for f in points:
            x, y = f.geometry.x, f.geometry.y
            if _distance_km((x, y), centre) > SWAP_DISTANCE_KM and _distance_km((y, x), centre) < SWAP_DISTANCE_KM:
                self.problem(f"{f.layer}.geojson", f.id, "geometry.coordinates", "[longitude, latitude] (this pair looks swapped)", shorten([round(x, 6), round(y, 6)]))

    def check_references(self, meta: StoryMeta, sections, layers, frames: list[Frame]) -> None:
        seen: dict[str, str] = {}
        for layer, features in layers.items():
            for f in features:
                if f.id in seen:
                    self.problem(f"{layer}.geojson", f.id, "id", "an id used once in the story", f"also used in {seen[f.id]}.geojson")
                seen.setdefault(f.id, layer)
        places = {f.id: f for f in layers.get("places", ())}
        place_ids = {fid for fid, layer in self.declared.items() if layer == "places"}
        if "places" in self.unreadable:
            place_ids = _Anything()
        known_ids = _Anything() if self.unreadable else self.declared
        by_id = {f.id: f for fs in layers.values() for f in fs}
        corrections = {c.id for c in meta.corrections}
        for c in meta.corrections:
            self.check_seed_place("story.json", None, f"corrections.{c.id}.seed", c.seed.section, c.seed.paragraph, meta, sections)
            self.check_citations("story.json", None, f"corrections.{c.id}.sources", c.sources, meta, sections)
        for layer, features in layers.items():
            filename = f"{layer}.geojson"
            for f in features:
                p = f.props
                self.check_citations(filename, f.id, "properties.sources", p.sources, meta, sections)
                self.check_known(filename, f.id, "properties.corrections", p.corrections, corrections, "a correction id from story.json")
                if isinstance(p, Dated):
                    for field, expected, found in p.date_problems():
                        self.problem(filename, f.id, f"properties.{field}", expected, found)
                side = getattr(p, "side", None)
                if side is not None and side not in meta.sides:
                    self.problem(filename, f.id, "properties.side", f"a side from story.json ({', '.join(meta.sides)})", shorten(side))
                place = getattr(p, "place", None)
                if place is not None and place not in place_ids:
                    self.problem(filename, f.id, "properties.place", "a place id from places.geojson", shorten(place))
                if isinstance(p, MovementProps):
                    self.check_movement(filename, f, p, places, place_ids)
        frame_ids: set[str] = set()
        previous = None
        for fr in frames:
            if fr.id in frame_ids:
                self.problem("frames.json", fr.id, "id", "a frame id used once", "a duplicate")
            frame_ids.add(fr.id)
            self.check_citations("frames.json", fr.id, "sources", fr.sources, meta, sections)
            self.check_known("frames.json", fr.id, "features", fr.features, known_ids, "a feature id from the layers")
            self.check_known("frames.json", fr.id, "focus", fr.focus or [], known_ids, "a feature id from the layers")
            for fid in dict.fromkeys([*fr.features, *(fr.focus or [])]):
                f = by_id.get(fid)
                if f is not None and f.first_day is not None and f.first_day > fr.last.last:
                    self.problem("frames.json", fr.id, "features", f"features and focus begun by the frame's last day ({fr.last.last})",
                                 f"{fid!r} starting {f.props.start}")
            self.check_known("frames.json", fr.id, "corrections", fr.corrections, corrections, "a correction id from story.json")
            for field, expected, found in fr.date_problems():
                self.problem("frames.json", fr.id, field, expected, found)
            if previous is not None and fr.first.first < previous.first.first:
                self.problem("frames.json", fr.id, "start", f"frames in date order (on or after {previous.start})", shorten(fr.start))
            previous = fr

    def check_movement(self, filename: str, f: Feature, p: MovementProps, places, place_ids) -> None:
        coords = shapely.get_coordinates(f.geometry)
        for field, place_id, point in (("from", p.from_place, coords[0]), ("to", p.to_place, coords[-1])):
            if place_id not in place_ids:
                self.problem(filename, f.id, f"properties.{field}", "a place id from places.geojson", shorten(place_id))
                continue
            place = places.get(place_id)
            if place is None:  # declared but invalid: already reported
                continue
            km = _distance_km(point, (place.geometry.x, place.geometry.y))
            if km > ENDPOINT_TOLERANCE_KM:
                end = "first" if field == "from" else "last"
                self.problem(filename, f.id, "geometry.coordinates", f"the {end} point within {ENDPOINT_TOLERANCE_KM:g} km of {place_id!r}", f"{km:.0f} km away")

    def check_known(self, filename: str, fid: str | None, field: str, values, known, expected: str) -> None:
        for value in values:
            if value not in known:
                self.problem(filename, fid, field, expected, shorten(value))

    def check_citations(self, filename: str, fid: str | None, field: str, citations: list[Citation], meta: StoryMeta, sections) -> None:
        for i, c in enumerate(citations):
            where = f"{field}.{i}"
            if c.source == "seed":
                if meta.seed is None:
                    self.problem(filename, fid, f"{where}.source", "a 'seed' entry in story.json before citing it", "'seed'")
                elif c.section is None or c.paragraph is None:
                    self.problem(filename, fid, where, "a seed citation with 'section' and 'paragraph'", shorten(c.model_dump(exclude_none=True)))
                else:
                    self.check_seed_place(filename, fid, where, c.section, c.paragraph, meta, sections)
            elif c.source not in meta.sources:
                self.problem(filename, fid, f"{where}.source", "'seed' or a key of 'sources' in story.json", shorten(c.source))

    def check_seed_place(self, filename, fid, where, section: str, paragraph: int, meta, sections) -> None:
        if sections is None:  # the seed could not be read: already reported once
            return
        if section not in sections:
            self.problem(filename, fid, f"{where}.section", f"a seed section ({', '.join(sections)})", shorten(section))
        elif paragraph > len(sections[section]):
            self.problem(filename, fid, f"{where}.paragraph", f"1..{len(sections[section])} in seed section {section!r}", str(paragraph))


class _Anything:
    """Stands for the ids of a file that could not be read: every reference into it is let through."""

    def __contains__(self, item: object) -> bool:
        return True


def _describe(err: dict) -> tuple[str, str]:
    kind = err["type"]
    found = shorten(err.get("input"))
    if kind == "missing":
        return "a value (required)", "nothing"
    if kind == "extra_forbidden":
        return "no such field", "an unknown field"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "a JSON object", found
    if kind == "literal_error":
        return f"one of {err['ctx']['expected']}", found
    if kind == "string_pattern_mismatch":
        pattern = err["ctx"]["pattern"]
        expected = "lower-case words joined by '-'" if pattern.startswith("^[a-z0-9]") else f"text matching {pattern}"
        return expected, found
    if kind == "value_error":
        return str(err["ctx"]["error"]), found
    message = err["msg"]
    if message.startswith("Input should be "):
        message = message[len("Input should be ") :]
    return message, found


def _distance_km(a, b) -> float:
    lon1, lat1, lon2, lat2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
