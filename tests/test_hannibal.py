"""The third built-in example, Hannibal's march of 218 BC, through every output.

Proleptic Julian dates before AD 1, the story's own kinds, an extra field, names in Latin and a correction
against Livy rather than a seed: every output words its dates "… BC", none carries a word of the Harbin or
Waterloo stories, and QGIS steps it day by day.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
from pathlib import Path

import matplotlib.text
import pyogrio
import pytest

from geostory import load_story
from geostory.cli import main
from geostory.frames import FrameRenderer
from geostory.webmap.payload import build_payload

from conftest import ROOT

HANNIBAL = ROOT / "examples" / "hannibal-218bc"
OTHER_STORIES = ("Harbin", "哈尔滨", "Sungari", "Manchuria", "1932", "Waterloo", "滑铁卢", "Wellington", "Napoleon",
                 "1815")
PROBE = Path(__file__).with_name("qgis_bce_probe.py")


@pytest.fixture(scope="module")
def story():
    return load_story(HANNIBAL)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("hannibal")
    assert main(["build", str(HANNIBAL), "-o", str(out / "hannibal.html")]) == 0
    assert main(["qgis", str(HANNIBAL), "-o", str(out / "qgis")]) == 0
    return out


def _no_other_story(text: str, where: str) -> None:
    for word in OTHER_STORIES:
        assert word not in text, (where, word)


def test_dates_are_julian_and_bc(story):
    assert story.meta.calendar == "julian" and story.meta.seed is None
    assert all(fr.first.calendar == "julian" and fr.first.year <= 0 for fr in story.frames)
    assert [fr.first.first for fr in story.frames] == sorted(fr.first.first for fr in story.frames)


def test_web_map(story, built):
    html = (built / "hannibal.html").read_text(encoding="utf-8")
    _no_other_story(html, "html")
    payload = build_payload(story)
    assert all(fr["date"]["text"].endswith(" BC") for fr in payload["frames"])
    assert payload["axis"]["from"] == "1 January 219 BC" and payload["axis"]["to"] == "31 December 218 BC"
    assert "c. autumn 218 BC" in html and "c. 219 BC" in html
    features = {f["id"]: f for f in payload["features"]}
    # own kinds, the declared extra field and the Latin names in the popups
    assert features["alpine-pass"]["info"]["facts"][:1] == ["Mountain pass"]
    assert "Today in: Spain" in features["saguntum"]["info"]["facts"]
    assert "Name (la): Carthago Nova" in features["new-carthage"]["info"]["facts"]
    assert features["siege-of-saguntum"]["info"]["facts"] == ["Siege"]
    assert features["scipio-to-massalia"]["info"]["facts"][0] == "Move by sea"
    # the correction is against Livy, not a seed
    c = payload["corrections"]["alpine-rock-vinegar"]
    assert c["says"] == "Livy, 1st century BC, Ab urbe condita (History of Rome), Book 21, 21.37.2–3 says"
    assert "Seed" not in json.dumps(payload["corrections"])


def test_qgis_package(story, built):
    gpkg, qgs = built / "qgis" / "hannibal-218bc.gpkg", built / "qgis" / "hannibal-218bc.qgs"
    for layer in ("events", "movements", "frames"):
        df = pyogrio.read_dataframe(gpkg, layer=layer)
        assert all(text.endswith(" BC") or " BC " in text for text in df["date_text"]), layer
        assert (df["start_year"] <= 0).all() and df["start_time"].isna().all(), layer
    places = pyogrio.read_dataframe(gpkg, layer="places").set_index("id")
    assert places.loc["saguntum", "modern_country"] == "Spain" and places.loc["pisae", "name_la"] == "Pisae"
    with sqlite3.connect(gpkg) as db:
        bookmarks = [row[0] for row in db.execute("select bookmark from frames order by seq")]
    assert bookmarks[0] == "01 · c. 219 BC — The cause of the war: Saguntum falls"
    project = qgs.read_text(encoding="utf-8")
    assert "make_datetime(" in project and "c. December 218 BC" in project
    _no_other_story(project, "qgs")


@pytest.mark.qgis
def test_qgis_temporal_controller_steps_218_bc(story, built, qgis_python):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": "Europe/Rome"}
    qgs = built / "qgis" / "hannibal-218bc.qgs"
    run = subprocess.run([qgis_python, str(PROBE), str(qgs)], capture_output=True, text=True, env=env, timeout=180)
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert all(layer["valid"] for layer in seen["layers"].values())
    dated = [*story.layers["events"], *story.layers["movements"]]
    assert seen["full_range"][0] == min(f.first_day.jdn for f in dated)
    # 1 January 219 BC (Julian) is 28 December 220 BC (Gregorian), which Qt, without a year 0, numbers -220
    assert seen["full_range_text"][0] == "-0220-12-28"
    days = seen["visible"]["events"]
    assert len(days) == seen["frames"] > 700  # two years, day by day
    for jdn, ids in days.items():
        assert ids == sorted(f.id for f in story.layers["events"] if f.first_day.jdn <= int(jdn)), jdn


def test_frame_pictures(story, built):
    renderer = FrameRenderer(story)
    for index, frame in enumerate(story.frames, start=1):
        fig = renderer.figure(frame, index)
        texts = [t.get_text() for t in fig.findobj(matplotlib.text.Text)]
        drawn = "\n".join(texts)
        assert re.search(r"\b21[89] BC\b", drawn), frame.id
        _no_other_story(drawn, frame.id)
    folder = built / "frames"
    assert main(["frames", str(HANNIBAL), "-o", str(folder)]) == 0
    assert len(list(folder.glob("0*.png"))) == len(story.frames) and (folder / "hannibal-218bc.gif").is_file()
