"""The Harbin story's own rules, one case per feature, frame or citation."""
from __future__ import annotations

import re

import geopandas
import pytest

from geostory.reading import read_story_text
from geostory.schema import Dated
from geostory.seed import paragraphs as seed_paragraphs

from catalogue import FEATURES, FRAMES, HARBIN, ids

pytestmark = pytest.mark.harbin_data

MANCHURIA = (118.0, 38.0, 135.0, 54.0)  # lon/lat box the story's geography must fall in
SEED = seed_paragraphs(read_story_text(HARBIN.root, HARBIN.meta.seed.file))
UTM52 = "EPSG:32652"


@pytest.mark.parametrize("fid", ids())
def test_feature_has_names_narrative_and_sources(fid):
    p = FEATURES[fid].props
    assert p.name_en.strip() and p.name_zh
    assert re.search(r"[\u4e00-\u9fff]", p.name_zh), "a Chinese name in Han characters"
    assert len(p.narrative.split()) >= 8, "a narrative of at least a sentence"
    assert p.sources


@pytest.mark.parametrize("fid", ids("places") + ids("rivers"))
def test_places_and_rivers_carry_a_1930s_name(fid):
    assert FEATURES[fid].props.name_period


@pytest.mark.parametrize("fid", ids())
def test_feature_lies_in_manchuria(fid):
    minx, miny, maxx, maxy = FEATURES[fid].geometry.bounds
    assert MANCHURIA[0] <= minx and maxx <= MANCHURIA[2] and MANCHURIA[1] <= miny and maxy <= MANCHURIA[3]


@pytest.mark.parametrize("fid", ids("events") + ids("movements"))
def test_dated_features_fall_in_the_campaign_years(fid):
    p = FEATURES[fid].props
    assert isinstance(p, Dated)
    assert p.first.first.year >= 1931 and p.last.last.year <= 1932


NOT_ON_THE_GROUND = [f.id for f in HARBIN.movements if f.props.kind in ("intended", "air")]


def test_the_story_has_routes_that_were_not_marched():
    assert NOT_ON_THE_GROUND, "the rule below needs an intended or flown route to govern"


@pytest.mark.parametrize("fid", NOT_ON_THE_GROUND)
def test_uncertain_routes_are_marked(fid):
    assert FEATURES[fid].props.route_certainty != "known", "an intended or flown route is never a known ground route"


@pytest.mark.parametrize("fid", list(FRAMES))
def test_frame_narrative_is_in_our_own_words(fid):
    """No run of eight words of the seed stands in a frame's narrative (the seed is cited, not copied)."""

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9]+", text.lower())

    seed_runs = set()
    for paragraphs in SEED.values():
        for para in paragraphs:
            w = words(para)
            seed_runs |= {tuple(w[i : i + 8]) for i in range(len(w) - 7)}
    w = words(FRAMES[fid].narrative)
    copied = [" ".join(r) for r in (tuple(w[i : i + 8]) for i in range(len(w) - 7)) if r in seed_runs]
    assert not copied


def test_frames_cover_the_campaign():
    starts = [fr.first.first for fr in HARBIN.frames]
    assert len(starts) >= 10 and starts == sorted(starts)
    assert starts[0].isoformat() <= "1931-11-30" and HARBIN.last_day.isoformat() >= "1932-03-01"
    for needed in ("1932-01-25", "1932-01-26", "1932-01-28", "1932-02-14", "1932-02-27"):
        assert any(fr.first.first.isoformat() <= needed <= fr.last.last.isoformat() for fr in HARBIN.frames), needed


@pytest.mark.parametrize(("place", "km"), [("harbin", 3.0), ("yilan", 5.0), ("jiamusi", 5.0)])
def test_the_sungari_passes_its_towns(place, km):
    river = geopandas.GeoSeries([FEATURES["sungari"].geometry], crs=4326).to_crs(UTM52)
    town = geopandas.GeoSeries([FEATURES[place].geometry], crs=4326).to_crs(UTM52)
    assert river.distance(town.iloc[0]).iloc[0] <= km * 1000


def test_the_sungari_flows_downstream_and_looks_like_a_river():
    coords = list(FEATURES["sungari"].geometry.coords)
    assert coords[0][0] < coords[-1][0], "drawn from upstream (west) to the Amur (east)"
    assert len(coords) >= 200


def test_the_nen_passes_qiqihar():
    river = geopandas.GeoSeries([FEATURES["nen"].geometry], crs=4326).to_crs(UTM52)
    town = geopandas.GeoSeries([FEATURES["qiqihar"].geometry], crs=4326).to_crs(UTM52)
    assert river.distance(town.iloc[0]).iloc[0] <= 10_000


def test_the_seed_errors_are_recorded_not_repeated():
    corrections = {c.id: c for c in HARBIN.meta.corrections}
    about = " ".join(f"{c.seed_claim} {c.map_shows}" for c in corrections.values())
    assert "1932" in about and "1931" in about, "the year of the anti-Japanese government"
    assert re.search(r"\beast\b", about) and re.search(r"\bwest\b", about), "the brigade's direction"
    fall = [f for f in HARBIN.layers["events"] if f.props.date_certainty == "disputed"]
    assert fall, "the date Harbin fell is marked disputed"
    for c in corrections.values():
        assert 1 <= c.seed.paragraph <= len(SEED[c.seed.section])
        assert any(f.props.corrections and c.id in f.props.corrections for f in HARBIN.features()) or any(
            c.id in fr.corrections for fr in HARBIN.frames
        ), f"correction {c.id} is shown somewhere on the map"


def test_brigade_from_qiqihar_is_drawn_from_the_west():
    brigade = [f for f in HARBIN.movements if f.props.from_place == "qiqihar" and f.props.to_place == "harbin"]
    assert brigade
    start, end = brigade[0].geometry.coords[0], brigade[0].geometry.coords[-1]
    assert start[0] < end[0] - 1.0, "starts well west of Harbin"
    assert brigade[0].props.corrections
