"""The derived model (story.derived): computed once, and the same answers as the rules it replaces."""
from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest
import shapely

from geostory import load_story
from geostory.dates import Day
from geostory.derived import FrameModel
from geostory.editions import in_language
from geostory.geometry import FRAME_MARGIN, FRAME_MIN_KM, arrow_for, arrows, frame_bounds, story_plane
from geostory.story import Story

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from synthetic import make_story


def brute_states(story: Story, frame_index: int) -> dict[str, str]:
    """The rule as written in the issue, walking every feature: current, context (undated), earlier."""
    frame = story.frames[frame_index]
    out = {}
    for f in story.features():
        if f.id in frame.features:
            out[f.id] = "current"
        elif f.first_day is None:
            out[f.id] = "context"
        elif f.first_day <= frame.last.last:
            out[f.id] = "earlier"
    return out


def brute_view(story: Story, frame_index: int) -> tuple[float, ...]:
    """A frame's view from freshly built arrows, as geometry.frame_bounds computed it before derived."""
    frame = story.frames[frame_index]
    plane = story_plane(story)
    drawn = {f.id: arrow_for(f, plane) for f in story.layers.get("movements", ())}
    geoms = [shapely.union(drawn[i].path, drawn[i].head) if i in drawn else story.feature(i).geometry
             for i in (frame.focus or frame.features)]
    minx, miny, maxx, maxy = plane.to_km(shapely.GeometryCollection(geoms)).bounds
    cx, cy = (minx + maxx) / 2, (miny + maxy) / 2
    half_w = max((maxx - minx) * (0.5 + FRAME_MARGIN), FRAME_MIN_KM / 2)
    half_h = max((maxy - miny) * (0.5 + FRAME_MARGIN), FRAME_MIN_KM / 2)
    return tuple(plane.to_degrees(shapely.box(cx - half_w, cy - half_h, cx + half_w, cy + half_h)).bounds)


@pytest.fixture(scope="module")
def uneven(tmp_path_factory) -> Story:
    """A synthetic story whose frames end out of order (a long frame, then short ones), so the features
    begun by a frame are not a simple prefix in frame order."""
    folder = make_story(tmp_path_factory.mktemp("uneven") / "story", 90, 12, seed=7)
    frames = json.loads((folder / "frames.json").read_text(encoding="utf-8"))
    frames["frames"][2]["end"] = "1932-01-10"
    frames["frames"][5]["end"] = "1932-01-12"
    (folder / "frames.json").write_text(json.dumps(frames), encoding="utf-8")
    return load_story(folder)


@pytest.mark.parametrize("name", ["harbin", "uneven"])
def test_frame_states_and_views_match_the_rules(name, request):
    story = request.getfixturevalue(name)
    for i, frame in enumerate(story.frames):
        assert story.frame_states(frame) == brute_states(story, i), frame.id
        assert frame_bounds(story, frame) == pytest.approx(brute_view(story, i), abs=1e-9), frame.id


@pytest.mark.parametrize("name", ["harbin", "uneven"])
def test_a_step_touches_every_feature_that_changes(name, request):
    """FrameModel.changed(a, b) holds every feature whose state differs, and beyond them only the two
    frames' own features."""
    story = request.getfixturevalue(name)
    model: FrameModel = story.derived.frames
    n = len(story.frames)
    for a in range(n):
        for b in range(n):
            sa, sb = model.states(a), model.states(b)
            differ = {k for k in set(sa) | set(sb) if sa.get(k) != sb.get(k)}
            own = set(model.current[a]) | set(model.current[b])
            assert differ <= model.changed(a, b) <= differ | own, (a, b)


def test_derived_is_computed_once(harbin):
    assert harbin.derived is harbin.derived
    assert arrows(harbin)[0] is next(iter(harbin.derived.arrows.values()))
    days = dict(zip([f.id for f in harbin.features()], harbin.derived.first_days, strict=True))
    assert all(isinstance(d, Day) for fid, d in days.items() if harbin.feature(fid).layer == "movements")
    assert all(d is None for fid, d in days.items() if harbin.feature(fid).layer == "places")


def test_editions_share_the_derived_data(harbin):
    """An edition (other words, the same frames) reads the story's derived data, not a second computation;
    a story with other frames computes its own."""
    zh = in_language(harbin, "zh")
    assert zh.frames != harbin.frames and zh.derived is harbin.derived
    assert in_language(harbin, "en").derived is harbin.derived
    alone = dataclasses.replace(harbin, frames=harbin.frames[:1])
    assert alone.derived is not harbin.derived and len(alone.derived.views) == 1
    with pytest.raises(ValueError, match="frames"):
        harbin.told("zh", harbin.frames[:1])


def test_payload_grows_with_features_plus_frames(tmp_path):
    """Ten times the frames adds per-frame data only, not a copy of the features' states for each frame."""
    from geostory.webmap.payload import build_payload

    small = build_payload(load_story(make_story(tmp_path / "a", 300, 10)))
    large = build_payload(load_story(make_story(tmp_path / "b", 300, 100)))
    per_frame = [len(json.dumps(fr)) for fr in large["frames"]]
    assert max(per_frame) < 1000 and len(large["order"]) == len(small["order"])
