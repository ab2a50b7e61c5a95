"""A loaded, validated story: its metadata, layers of features, and dated frames."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shapely.geometry.base import BaseGeometry

from .dates import Day
from .schema import DATED_LAYERS, Dated, FeatureProps, Frame, StoryMeta

if TYPE_CHECKING:
    import geopandas

    from .derived import Derived


@dataclass(frozen=True)
class Feature:
    """One GeoJSON feature: its id, layer, geometry (WGS84) and validated properties."""

    id: str
    layer: str
    geometry: BaseGeometry
    props: FeatureProps

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
    layers: dict[str, tuple[Feature, ...]]
    frames: tuple[Frame, ...]

    def features(self) -> list[Feature]:
        """Every feature, layer by layer in file order."""
        return [f for layer in self.layers.values() for f in layer]

    @cached_property
    def derived(self) -> Derived:
        """Arrows, date numbers, frame views and frame states, computed on first use and then kept."""
        from .derived import Derived

        return Derived.of(self)

    def feature(self, feature_id: str) -> Feature:
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

    def frame_states(self, frame: Frame) -> dict[str, str]:
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
