"""Rules from the historian's review of the Harbin story: each catches a class of error, not one sentence.

Every rule reads the story as a reader would (narratives, names, dates, citations) and checks it against the
story's own geography and sources, so a repeated or silently fixed error of the seed fails here.
"""
from __future__ import annotations

import re

import pyproj
import pytest
from shapely.geometry import Point

from geostory.editions import in_language

from catalogue import FEATURES, FRAMES, HARBIN, ids

pytestmark = pytest.mark.harbin_data

GEOD = pyproj.Geod(ellps="WGS84")
COMPASS = {
    "north": 0, "north-east": 45, "east": 90, "south-east": 135,
    "south": 180, "south-west": 225, "west": 270, "north-west": 315,
}
DIRECTION = re.compile(r"\b(north-east|north-west|south-east|south-west|north|south|east|west)(?:wards?|ward)?\b")


def _bearing(a: Point, b: Point) -> float:
    azimuth, _, _ = GEOD.inv(a.x, a.y, b.x, b.y)
    return azimuth % 360


def _apart(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.;!?])\s+", text)


def _texts() -> list[tuple[str, str]]:
    out = [(f.id, f.props.narrative) for f in HARBIN.features()]
    out += [(f"frame:{fr.id}", fr.narrative) for fr in HARBIN.frames]
    return out


@pytest.mark.parametrize("fid", ids("movements"))
def test_a_movements_stated_direction_matches_its_ends(fid):
    """Where a movement's narrative says which way it went to its destination, the map's ends agree (±45°).

    Sentences that report what the seed says are the seed's claim, shown beside the correction, and are skipped.
    """
    move = FEATURES[fid]
    start, end = FEATURES[move.props.from_place].geometry, FEATURES[move.props.to_place].geometry
    bearing = _bearing(start, end)
    destination = FEATURES[move.props.to_place].props.name_en.split(" (")[0]
    for sentence in _sentences(move.props.narrative):
        if destination not in sentence or "seed" in sentence:
            continue
        head = sentence.split(destination)[0].lower()
        for word in DIRECTION.findall(head):
            assert _apart(COMPASS[word], bearing) <= 45, f"{fid}: '{word}' but the route runs at {bearing:.0f}°"


def test_hailun_is_never_called_north_east_of_qiqihar_in_the_maps_own_words():
    bearing = _bearing(FEATURES["qiqihar"].geometry, FEATURES["hailun"].geometry)
    assert _apart(bearing, 90) < 10, "Hailun lies almost due east of Qiqihar"
    for where, text in _texts():
        for sentence in _sentences(text):
            if "Hailun" in sentence and "seed" not in sentence and "Harbin" not in sentence:
                assert not re.search(r"north-east(ward)? to Hailun|Hailun in the north-east", sentence), where


def test_every_claim_on_an_unchecked_source_says_it_rests_on_it_alone():
    unchecked = {
        key for key, source in HARBIN.meta.sources.items()
        if re.search(r"re-check|not verified|Not a scholarly source", source.note or "")
    }
    assert {"ifeng-volunteers", "zhao-yi-memoir", "zhang-xianwen", "newdu-puyi"} <= unchecked
    cites = [(f.id, c) for f in HARBIN.features() for c in f.props.sources]
    cites += [(f"frame:{fr.id}", c) for fr in HARBIN.frames for c in fr.sources]
    cites += [(f"correction:{co.id}", c) for co in HARBIN.meta.corrections for c in co.sources]
    for where, citation in cites:
        if citation.source in unchecked:
            why = f"{where}: cites {citation.source} without saying the claim rests on it"
            assert "alone" in (citation.note or ""), why


def test_the_seeds_infobox_figures_are_shown_with_their_status():
    battle = FEATURES["battle-of-harbin"].props
    assert "30,000" in battle.narrative and "1,800" in battle.narrative and "Unknown" in battle.narrative
    assert any(c.source == "seed" and c.section == "Infobox" for c in battle.sources)
    assert "15,000" in battle.narrative, "beside the seed's figure, the other source's estimate"


def test_temperatures_below_zero_name_their_scale_or_say_it_is_unknown():
    for where, text in _texts():
        if re.search(r"below zero|°C|°F|celsius|fahrenheit", text, re.I):
            assert "°C" in text and "°F" in text, f"{where}: a temperature whose scale is not made clear"


def test_the_jilin_self_defence_army_is_credited_to_li_du_as_well_as_ding_chao():
    retreat = FEATURES["ding-retreat-down-sungari"].props
    assert "Li Du" in (retreat.commander or "") and "Ding Chao" in (retreat.commander or "")
    assert any(f.layer == "movements" and f.props.commander == "Li Du" for f in HARBIN.features())
    assert any("Li Du" in FEATURES[fid].props.name_en for fid in FRAMES["1932-01-26-first-fighting"].features)


def test_a_stations_period_name_is_the_name_it_had_in_1932():
    assert FEATURES["zhaodong"].props.name_period.startswith("Mangou")


def test_no_feature_dated_before_the_renaming_calls_changchun_hsinking_without_saying_so():
    renamed = "1932-03-14"
    for f in HARBIN.features():
        if f.first_day is not None and f.first_day.isoformat() < renamed and "Hsinking" in (f.props.name_period or ""):
            assert re.search(r"later|renamed", f.props.name_period), f.id


def test_dates_that_the_sources_give_differently_are_marked_disputed():
    assert FEATURES["puyi-chief-executive"].props.date_certainty == "disputed"


@pytest.mark.parametrize(
    ("railway", "town", "lon", "lat"),
    [  # station towns from GeoNames, which a railway of 1932 passed through
        ("cer-eastern", "Acheng", 126.955, 45.54),
        ("cer-eastern", "Shangzhi (Zhuhe)", 127.967, 45.217),
        ("cer-eastern", "Yimianpo", 128.05, 45.07),
        ("cer-western", "Zhaodong (Mangou)", 125.99, 46.076),
        ("cer-southern", "Shuangcheng", 126.32, 45.378),
    ],
)
def test_railways_pass_their_stations(railway, town, lon, lat):
    line = FEATURES[railway].geometry
    _, _, metres = GEOD.inv(lon, lat, *line.interpolate(line.project(Point(lon, lat))).coords[0])
    assert metres <= 3000, f"{railway} passes {metres / 1000:.1f} km from {town}"


def test_a_crossing_lies_on_both_lines():
    """Jiangqiao is the Taonan–Angangxi railway's crossing of the Nen: on both lines as the map draws them."""
    point = FEATURES["jiangqiao"].geometry
    for line_id in ("taonan-angangxi", "nen"):
        line = FEATURES[line_id].geometry
        _, _, metres = GEOD.inv(point.x, point.y, *line.interpolate(line.project(point)).coords[0])
        assert metres <= 1000, f"jiangqiao is {metres / 1000:.1f} km off {line_id}"
    assert FEATURES["jiangqiao-campaign"].geometry.equals(point)


def test_every_frame_has_questions_for_students_in_both_editions():
    """Teachers use the handout: each frame asks at least one question, and the Chinese edition asks as many,
    in Chinese (not the English ones it would fall back to)."""
    zh = {fr.id: fr for fr in in_language(HARBIN, "zh").frames}
    for fr in HARBIN.frames:
        assert fr.questions, f"{fr.id}: no questions for students"
        assert len(zh[fr.id].questions) == len(fr.questions), f"{fr.id}: the editions ask different numbers"
        for question in zh[fr.id].questions:
            assert re.search(r"[\u4e00-\u9fff]", question), f"{fr.id}: a question in the Chinese edition not in Chinese"
