"""A loaded, validated story: its metadata, layers of features, and dated frames."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, cast

from shapely.geometry import LineString, MultiLineString, Point
from shapely.geometry.base import BaseGeometry
from typing_extensions import TypeVar

from .dates import Day
from .i18n import Words, words_for
from .schema import (
    DATED_LAYERS,
    Dated,
    EventProps,
    FeatureProps,
    Frame,
    MovementProps,
    PlaceProps,
    RailwayProps,
    RiverProps,
    StoryMeta,
)

if TYPE_CHECKING:
    import geopandas

    from .derived import Derived, State


# Defaults (PEP 696) let a plain ``Feature`` mean any feature of any layer.
G = TypeVar("G", bound=BaseGeometry, covariant=True, default=BaseGeometry)
P = TypeVar("P", bound=FeatureProps, covariant=True, default=FeatureProps)


@dataclass(frozen=True)
class Feature(Generic[G, P]):
    """One GeoJSON feature: its id, layer, geometry (WGS84) and validated properties.

    Typed by layer (``Feature[Point, PlaceProps]``) through the story's accessors (``story.places``), so an
    output reads ``f.props.label_rank`` without narrowing.
    """

    id: str
    layer: str
    geometry: G
    props: P

    @property
    def first_day(self) -> Day | None:
        return self.props.first.first if isinstance(self.props, Dated) else None

    @property
    def last_day(self) -> Day | None:
        return self.props.last.last if isinstance(self.props, Dated) else None

    def properties(self) -> dict[str, Any]:
        """Properties as written in the GeoJSON (aliases such as ``from`` restored), extra fields last."""
        return {**self.props.model_dump(mode="json", by_alias=True), **self.props.extra_fields}


@dataclass(frozen=True)
class Story:
    """A validated story folder, as every output reads it."""

    root: Path
    meta: StoryMeta
    layers: dict[str, tuple[AnyFeature, ...]]
    frames: tuple[Frame, ...]
    language: str | None = None
    """The language this story is told in (an edition, ``geostory build --lang``); None: story.json's."""
    _shared: dict[str, Derived] = field(default_factory=dict, init=False, repr=False, compare=False)
    """Where ``derived`` is kept once computed: one dict for the story and every edition of it (``told``)."""

    @property
    def lang(self) -> str:
        return self.language or self.meta.language

    @cached_property
    def words(self) -> Words:
        """The interface's words in the story's language, with the story's own rewordings."""
        return words_for(self.lang, self.meta.words)

    @cached_property
    def places(self) -> tuple[Place, ...]:
        return _typed(self, "places", Point, PlaceProps)

    @cached_property
    def rivers(self) -> tuple[River, ...]:
        return _typed(self, "rivers", (LineString, MultiLineString), RiverProps)

    @cached_property
    def railways(self) -> tuple[Railway, ...]:
        return _typed(self, "railways", (LineString, MultiLineString), RailwayProps)

    @cached_property
    def events(self) -> tuple[Event, ...]:
        return _typed(self, "events", Point, EventProps)

    @cached_property
    def movements(self) -> tuple[Movement, ...]:
        return _typed(self, "movements", LineString, MovementProps)

    def features(self) -> list[AnyFeature]:
        """Every feature, layer by layer in file order."""
        return [f for layer in self.layers.values() for f in layer]

    @property
    def derived(self) -> Derived:
        """Arrows, date numbers, frame views and frame states, computed on first use and then kept, for this
        story and its editions alike."""
        kept = self._shared.get("derived")
        if kept is None:
            from .derived import Derived

            kept = self._shared["derived"] = Derived.of(self)
        return kept

    def told(self, language: str, frames: tuple[Frame, ...] | None = None) -> Story:
        """This story told in ``language``, with an edition's ``frames`` if given: the same frames in other
        words (titles, narratives, date notes). Nothing derived depends on the words, so the edition shares
        this story's ``derived``, computed once for all of them (a copy made any other way computes its own).
        """
        frames = self.frames if frames is None else frames
        if [_placed(fr) for fr in frames] != [_placed(fr) for fr in self.frames]:
            raise ValueError("an edition's frames have the story's ids, dates, features and focus")
        told = dataclasses.replace(self, language=language, frames=frames)
        object.__setattr__(told, "_shared", self._shared)
        return told

    def feature(self, feature_id: str) -> AnyFeature:
        """The feature with this id, from any layer (KeyError if none)."""
        d = self.derived
        return d.features[d.index[feature_id]]

    def frame(self, frame_id: str) -> Frame:
        """The frame with this id (KeyError if none)."""
        for fr in self.frames:
            if fr.id == frame_id:
                return fr
        raise KeyError(frame_id)

    @property
    def first_day(self) -> Day:
        """The first day any frame covers."""
        return min(fr.first.first for fr in self.frames)

    @property
    def last_day(self) -> Day:
        """The last day any frame covers."""
        return max(fr.last.last for fr in self.frames)

    def frame_states(self, frame: Frame) -> dict[str, State]:
        """How each feature appears at a frame; the one rule every output follows.

        ``current``: the frame is about it (emphasised). ``context``: undated (places, rivers, railways).
        ``earlier``: dated and already begun by the frame's last day (faded). Features not yet begun are
        absent: hidden. The loader guarantees a frame's own features have begun by its last day.
        """
        return self.derived.frame_states(frame)

    def geodataframe(self, layer: str) -> geopandas.GeoDataFrame:
        """A layer as a GeoDataFrame (EPSG:4326), one column per property, lists as JSON text."""
        import json

        import geopandas

        rows = []
        for f in self.layers.get(layer, ()):
            props = {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                for k, v in f.properties().items()
            }
            rows.append({"id": f.id, **props, "geometry": f.geometry})
        if not rows:  # an empty layer still has the columns GDAL needs
            return geopandas.GeoDataFrame({"id": [], "geometry": []}, geometry="geometry", crs="EPSG:4326")
        return geopandas.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")

    @property
    def dated_layers(self) -> tuple[str, ...]:
        return tuple(name for name in DATED_LAYERS if name in self.layers)


AnyFeature = Feature[BaseGeometry, FeatureProps]
Place = Feature[Point, PlaceProps]
River = Feature[LineString | MultiLineString, RiverProps]
Railway = Feature[LineString | MultiLineString, RailwayProps]
Event = Feature[Point, EventProps]
Movement = Feature[LineString, MovementProps]


def _placed(frame: Frame) -> tuple[object, ...]:
    """What of a frame the derived data read: its id, features, focus and days (not its words)."""
    return frame.id, frame.features, frame.focus, frame.first.first, frame.last.last


_G = TypeVar("_G", bound=BaseGeometry)
_P = TypeVar("_P", bound=FeatureProps)


def _typed(
    story: Story, layer: str, geometry: type[_G] | tuple[type[BaseGeometry], ...], props: type[_P]
) -> tuple[Feature[_G, _P], ...]:
    """A layer with the types the loader guarantees for it (checked, so a wrong layer fails loudly here)."""
    features = story.layers.get(layer, ())
    for f in features:
        if not (isinstance(f.geometry, geometry) and isinstance(f.props, props)):
            raise TypeError(f"{layer}: feature {f.id} is {type(f.geometry).__name__}/{type(f.props).__name__}")
    return cast("tuple[Feature[_G, _P], ...]", features)
