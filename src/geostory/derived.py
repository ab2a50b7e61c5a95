"""What every output derives from a story, computed once per run and shared: date numbers, movement
arrows, each frame's view, and which features each frame shows and how.

The web map, the QGIS package and the frame pictures read ``story.derived`` (built on first use, then kept
with the story), so no output recomputes an arrow, parses a date again, or walks every feature for every
frame. The frame model grows with the features plus the frames, not with their product.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import shapely

from .dates import Day
from .geometry import FRAME_MARGIN, FRAME_MIN_KM, Arrow, LocalPlane, arrows_for, story_plane

if TYPE_CHECKING:
    from .schema import Frame
    from .story import Feature, Story

State = Literal["current", "earlier", "context"]
Bounds = tuple[float, float, float, float]
"""(west, south, east, north) in WGS84 degrees."""


@dataclass(frozen=True)
class FrameModel:
    """Which features each frame shows and how: the one rule every output follows, in size features + frames.

    ``current``: the frame is about it (emphasised). ``context``: undated (places, rivers, railways).
    ``earlier``: dated and already begun by the frame's last day (faded). Features not yet begun are absent:
    hidden. Sorted by first day (``order``, indexes into the story's features), the dated features a frame
    shows are a prefix of that order: the first ``begun[i]`` of them, whatever order the frames come in.
    """

    order: tuple[int, ...]
    """Indexes of the dated features by first day (file order among equal days)."""
    begun: tuple[int, ...]
    """Per frame: how many of ``order`` have begun by the frame's last day."""
    current: tuple[tuple[int, ...], ...]
    """Per frame: indexes of its own features, in the frame's order."""
    rank: tuple[int, ...]
    """Per feature: its place in ``order``, or -1 when undated (context)."""

    def state(self, frame: int, feature: int) -> State | None:
        """How feature ``feature`` appears at frame ``frame`` (both indexes); None when hidden."""
        if feature in self.current[frame]:
            return "current"
        rank = self.rank[feature]
        if rank < 0:
            return "context"
        return "earlier" if rank < self.begun[frame] else None

    def states(self, frame: int) -> dict[int, State]:
        """Every shown feature's state at a frame, by feature index in file order."""
        listed = set(self.current[frame])
        begun = self.begun[frame]
        out: dict[int, State] = {}
        for k, rank in enumerate(self.rank):
            if k in listed:
                out[k] = "current"
            elif rank < 0:
                out[k] = "context"
            elif rank < begun:
                out[k] = "earlier"
        return out

    def changed(self, a: int, b: int) -> set[int]:
        """Indexes of the features whose state may differ between frames ``a`` and ``b``: their own features
        and the dated ones begun by one of them but not the other. A step touches only these."""
        lo, hi = sorted((self.begun[a], self.begun[b]))
        return set(self.current[a]) | set(self.current[b]) | set(self.order[lo:hi])


def _frame_model(features: tuple[Feature, ...], first_days: tuple[Day | None, ...], frames: tuple[Frame, ...],
                 index: dict[str, int]) -> FrameModel:
    dated = sorted((d.jdn, k) for k, d in enumerate(first_days) if d is not None)  # days in order, as numbers
    order = tuple(k for _, k in dated)
    days = [jdn for jdn, _ in dated]
    rank = [-1] * len(features)
    for r, k in enumerate(order):
        rank[k] = r
    return FrameModel(
        order=order,
        begun=tuple(bisect_right(days, fr.last.last.jdn) for fr in frames),
        current=tuple(tuple(index[fid] for fid in fr.features) for fr in frames),
        rank=tuple(rank),
    )


def _extents_km(features: tuple[Feature, ...], arrows: dict[str, Arrow], plane: LocalPlane) -> np.ndarray:
    """Each feature's drawn extent in the plane's kilometres, one row (minx, miny, maxx, maxy) per feature:
    a movement's curved path and head, anything else its geometry."""
    geoms = [arrows[f.id].path if f.id in arrows else f.geometry for f in features]
    heads = [arrows[f.id].head if f.id in arrows else f.geometry for f in features]
    a, b = shapely.bounds(np.array(geoms, dtype=object)), shapely.bounds(np.array(heads, dtype=object))
    both = np.concatenate([np.minimum(a[:, :2], b[:, :2]), np.maximum(a[:, 2:], b[:, 2:])], axis=1)
    # the plane scales each axis by a positive factor, so the bounds of the scaled shape are the scaled bounds
    scaled: np.ndarray = both * np.array([plane.kx, plane.ky, plane.kx, plane.ky])
    return scaled


def _view(extents: np.ndarray, plane: LocalPlane) -> Bounds:
    """A frame's view from its features' extents: their box, a margin on each side, a minimum size."""
    minx, miny = (float(v) for v in extents[:, :2].min(axis=0))
    maxx, maxy = (float(v) for v in extents[:, 2:].max(axis=0))
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    half_w = max((maxx - minx) * (0.5 + FRAME_MARGIN), FRAME_MIN_KM / 2)
    half_h = max((maxy - miny) * (0.5 + FRAME_MARGIN), FRAME_MIN_KM / 2)
    box = plane.to_degrees(shapely.box(cx - half_w, cy - half_h, cx + half_w, cy + half_h))
    west, south, east, north = (float(v) for v in box.bounds)
    return west, south, east, north


@dataclass(frozen=True)
class Derived:
    """Everything the outputs compute from a story, computed once (see the module docstring)."""

    features: tuple[Feature, ...]
    """Every feature, layer by layer in file order; the indexes below are into this."""
    index: dict[str, int]
    """Feature id to its index."""
    first_days: tuple[Day | None, ...]
    """Per feature: the first day its date can mean; None when undated."""
    last_days: tuple[Day | None, ...]
    plane: LocalPlane
    arrows: dict[str, Arrow]
    """One arrow per movement, by feature id, in file order."""
    views: tuple[Bounds, ...]
    """Per frame: its view (west, south, east, north), shared by the web map, QGIS and the pictures."""
    frame_index: dict[str, int]
    frames: FrameModel

    @classmethod
    def of(cls, story: Story) -> Derived:
        """Compute everything once; call through ``story.derived``, which keeps the result."""
        features = tuple(story.features())
        index = {f.id: k for k, f in enumerate(features)}
        first_days = tuple(f.first_day for f in features)
        last_days = tuple(f.last_day for f in features)
        plane = story_plane(story)
        arrows = {a.feature.id: a for a in arrows_for(story.movements, plane)}
        extents = _extents_km(features, arrows, plane)
        views = tuple(_view(extents[[index[fid] for fid in (fr.focus or fr.features)]], plane)
                      for fr in story.frames)
        return cls(
            features=features, index=index, first_days=first_days, last_days=last_days, plane=plane,
            arrows=arrows, views=views, frame_index={fr.id: i for i, fr in enumerate(story.frames)},
            frames=_frame_model(features, first_days, story.frames, index),
        )

    def view(self, frame: Frame) -> Bounds:
        """The view of a frame of this story."""
        return self.views[self.frame_index[frame.id]]

    def frame_states(self, frame: Frame) -> dict[str, State]:
        """Each shown feature's state at a frame, by feature id in file order."""
        states = self.frames.states(self.frame_index[frame.id])
        return {self.features[k].id: state for k, state in states.items()}
