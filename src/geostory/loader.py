"""Read a story folder, validate everything, and return a Story or raise StoryError with every problem.

The jobs are split: ``reading`` opens files (confined to the folder, size-checked, strict JSON),
``layer_checks`` judges each layer alone, ``reference_checks`` judges the files together, and ``messages``
words each problem. This module runs them in order and collects what they find.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from . import seed as seed_text
from .collector import paced
from .errors import Problem, StoryError, shorten
from .layer_checks import LayerChecker, feature_label
from .messages import Report
from .reading import JSON_LIMIT, TEXT_LIMIT, Location, Refused, bad_text, parse_json, read_story_text
from .reference_checks import ReferenceChecker, Sections
from .schema import LAYERS, Frame, StoryMeta
from .sheets import SheetReader, place_points
from .story import Feature, Story

TOO_BIG = "a file of at most"
ABSENT: Any = object()
"""What ``read_json`` returns for a file that is not there or could not be read (never JSON's null)."""


def default_story_dir() -> Path:
    """The story used when none is named: ``geodata/`` here, else the Harbin story of this checkout."""
    here = Path.cwd() / "geodata"
    checkout = Path(__file__).resolve().parents[2] / "geodata"  # an editable install, as `make` sets up
    if (here / "story.json").is_file() or not (checkout / "story.json").is_file():
        return here
    return checkout


@paced
def load_story(path: str | Path | None = None) -> Story:
    """Load and validate a story folder; raise StoryError listing every problem found."""
    return _Loader(Path(path) if path is not None else default_story_dir()).load()


class _Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.report = Report(root.name or str(root))
        self.unreadable: set[str] = set()
        """Layers whose file could not be read at all: references into them cannot be judged."""
        self.declared: dict[str, str] = {}
        """Every feature id found in a layer file, valid or not, so references to it are not flagged."""
        self.sheets = SheetReader(root)
        self.place_xy: dict[str, list[Any] | None] = {}

    def load(self) -> Story:
        if not self.root.is_dir():
            found = "a file" if self.root.exists() else "no such folder"
            raise StoryError([Problem(str(self.root), None, None, "a story folder containing story.json", found)])
        meta_obj = self.read_json("story.json", required=True)
        meta = self.report.validate(StoryMeta, meta_obj, "story.json", None) if meta_obj is not ABSENT else None
        if meta is not None:
            self.report.context = meta.validation_context()
        sections = self.load_seed(meta)
        layers: dict[str, tuple[Feature, ...]] = {}
        for layer, (model, geometry_types, required) in LAYERS.items():
            obj = self.read_layer(layer, f"{layer}.geojson", required)
            if obj is ABSENT:
                continue
            checker = LayerChecker(self.report, layer, model, geometry_types, self.declared)
            features = checker.features(obj)
            if checker.incomplete:
                self.unreadable.add(layer)
            if features is None:
                self.unreadable.add(layer)
            else:
                layers[layer] = features
        frames = self.load_frames()
        self.report.problems.extend(self.sheets.problems)
        if meta is not None:
            ReferenceChecker(self.report, meta, sections, layers, self.declared, self.unreadable).check(frames)
        if self.report.problems or meta is None:
            raise StoryError(self.report.problems)
        return Story(self.root, meta, layers, tuple(frames))

    def read_layer(self, layer: str, filename: str, required: bool) -> Any:
        """A layer's JSON from its file, or from its sheet (``places.csv``, ``story.xlsx``) when it has one."""
        sheet = self.sheets.layer(layer, self.place_xy)
        if sheet is None:
            obj = self.read_json(filename, required)
        else:
            self.report.placed[filename] = sheet.locate
            self.report.problems.extend(sheet.problems)
            obj = sheet.obj
            self.check_text(filename, obj)
        if layer == "places" and obj is not ABSENT:
            self.place_xy = place_points(obj)
        return obj

    def read_json(self, filename: str, required: bool) -> Any:
        """A story file's JSON with its text checked, or ABSENT (with a problem unless optional and absent).

        JSON ``null`` is a value like any other (and wrong everywhere), so "not read" has its own marker.
        """
        layer = filename.removesuffix(".geojson") if filename.endswith(".geojson") else None
        if not (self.root / filename).exists() and not (self.root / filename).is_symlink():
            if required:
                self.report.add(filename, None, None, "this file in the story folder", "no such file")
                if layer:
                    self.unreadable.add(layer)
            return ABSENT
        try:
            text = read_story_text(self.root, filename, JSON_LIMIT)
            obj = parse_json(text)
        except Refused as exc:
            too_big = exc.expected.startswith(TOO_BIG) and layer
            hint = "split the layer or simplify its geometry" if too_big else exc.hint
            self.report.add(filename, None, None, exc.expected, exc.found, hint)
            if layer:
                self.unreadable.add(layer)
            return ABSENT
        self.check_text(filename, obj, text)
        return obj

    def check_text(self, filename: str, obj: Any, source: str | None = None) -> None:
        """A problem for each string of ``obj`` with a character no text may hold (``source``: the JSON text
        it was parsed from, which one search can clear)."""
        for where, problem in bad_text(obj, source):
            feature, field = _locate(obj, where)
            self.report.add(filename, feature, field, "text without control characters or lone surrogates", problem,
                            "delete the character, or retype the text around it")

    def load_frames(self) -> list[Frame]:
        obj = self.read_layer("frames", "frames.json", required=True)
        if obj is ABSENT:
            return []
        if not isinstance(obj, dict) or not isinstance(obj.get("frames"), list) or not obj["frames"]:
            found = "an empty list" if isinstance(obj, dict) and obj.get("frames") == [] else _kind(obj)
            self.report.add("frames.json", None, "frames", "an object with a non-empty list 'frames'", found)
            return []
        frames = []
        for index, item in enumerate(obj["frames"]):
            frame = self.report.validate(Frame, item, "frames.json", feature_label(item, index))
            if frame is not None:
                frames.append(frame)
        return frames

    def load_seed(self, meta: StoryMeta | None) -> Sections:
        """The seed's sections, or None when it could not be read (its citations are then not checked)."""
        if meta is None or meta.seed is None:
            return {}
        name = meta.seed.file
        try:
            return seed_text.paragraphs(read_story_text(self.root, name, TEXT_LIMIT))
        except Refused as exc:
            if exc.found == "no such file":
                expected, found = "a seed text file relative to the story folder", shorten(name)
            elif exc.expected.startswith("a file name") or exc.expected == "a file inside the story folder":
                expected, found = f"a seed {exc.expected.removeprefix('a ')}", f"{exc.found} ({shorten(name)})"
            else:
                expected, found = f"{exc.expected} in {name}", exc.found
            hint = "keep the seed to the article's plain text" if exc.expected.startswith(TOO_BIG) else exc.hint
            self.report.add("story.json", None, "seed.file", expected, found, hint)
            return None


def _locate(obj: Any, where: Location) -> tuple[str | None, str | None]:
    """The feature (or frame) and field a JSON location names, as messages show them."""
    if len(where) >= 2 and where[0] in ("features", "frames") and isinstance(where[1], int) and isinstance(obj, dict):
        items = obj.get(where[0])
        item = items[where[1]] if isinstance(items, list) and where[1] < len(items) else None
        rest = ".".join(str(p) for p in where[2:])
        return feature_label(item, where[1]), rest or None
    return None, ".".join(str(p) for p in where) or None


def _kind(value: Any) -> str:
    """What a top-level value is, in words, without echoing it: the file may not be story data at all."""
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object without a 'frames' list"
    return {list: "a list", str: "a text string", bool: "true or false"}.get(type(value), "a number")
