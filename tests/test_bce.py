"""A story before AD 1, in Julian dates, through every output: the starter story moved to 218 BC.

Python's datetime cannot hold these years; the story axis is the Julian Day Number, and each output must
word the dates as readers write them ("218 BC") and order and step them correctly.
"""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from geostory import load_story
from geostory.dates import parse_date
from geostory.qgis import export_qgis
from geostory.webmap.payload import build_payload
from geostory.wording import date_label

from stories import edit_json, small_story

PROBE = Path(__file__).with_name("qgis_bce_probe.py")


@pytest.fixture(scope="module")
def bce(tmp_path_factory):
    """The starter story with every '1815-' date moved to 218 BC (astronomical -0217), in the Julian calendar."""
    root = small_story(tmp_path_factory.mktemp("bce") / "bce")
    for path in root.glob("*json"):
        text = path.read_text(encoding="utf-8")
        for field in ("start", "end"):
            text = text.replace(f'"{field}": "1815-', f'"{field}": "-0217-')
        path.write_text(text, encoding="utf-8")
    edit_json(root, "story.json", lambda meta: meta.update(calendar="julian"))
    return load_story(root)


def test_dates_are_bc_and_julian(bce):
    fr = bce.frames[0]
    assert fr.first.calendar == "julian" and fr.first.year == -217
    assert date_label(fr).endswith("218 BC")
    # 15 June 218 BC (Julian) is 11 June in the proleptic Gregorian calendar (4 days apart then): JDN 1641964.
    assert parse_date("-0217-06-15", "julian").first.jdn == parse_date("-0217-06-11").first.jdn == 1641964


def test_web_payload_orders_frames_and_words_dates_bc(bce):
    payload = build_payload(bce)
    assert payload["axis"]["from"].endswith("218 BC") and payload["axis"]["to"].endswith("218 BC")
    ats = [fr["at"] for fr in payload["frames"]]
    assert ats == sorted(ats) and len(set(ats)) == len(ats)
    assert all(fr["date"]["text"].endswith("218 BC") for fr in payload["frames"])


def test_geopackage_carries_day_numbers_and_no_false_datetimes(bce, tmp_path):
    import pyogrio

    gpkg, _, _ = export_qgis(bce, tmp_path / "q")  # GeoPackage, project, relief
    events = pyogrio.read_dataframe(gpkg, layer="events").set_index("id")
    for f in bce.layers["events"]:
        row = events.loc[f.id]
        assert row["start_jdn"] == f.first_day.jdn and row["calendar"] == "julian"
        assert row["start_year"] == -217 and "218 BC" in row["date_text"]
        assert row["start_time"] is None or str(row["start_time"]) in ("NaT", "None")


@pytest.mark.qgis
def test_qgis_temporal_controller_steps_a_bce_story(bce, tmp_path, qgis_python):
    _, qgs, _ = export_qgis(bce, tmp_path / "q")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": "America/Los_Angeles"}
    run = subprocess.run([qgis_python, str(PROBE), str(qgs)], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["read"] and all(layer["valid"] for layer in seen["layers"].values())
    # Qt's ISO parser refuses negative years: the stored range is empty (README says so) ...
    assert seen["stored_range_valid"] is False
    # ... but "Set to full range" finds the story's days from the layers, and each day step shows exactly
    # what has begun by then, as on the web map.
    dated = [f for layer in ("events", "movements") for f in bce.layers.get(layer, ())]
    assert seen["full_range"][0] == min(f.first_day.jdn for f in dated)
    assert seen["full_range_text"][0].startswith("-0218-")  # Qt has no year 0: -218 is 218 BC
    assert seen["frames"] >= 3
    for name in ("events", "movement_arrows"):
        layer = "movements" if name.startswith("movement") else name
        days = seen["visible"][name]
        assert len(days) == seen["frames"]
        for jdn, ids in days.items():
            expected = sorted(f.id for f in bce.layers[layer] if f.first_day.jdn <= int(jdn))
            assert ids == expected, (name, jdn)
        assert len({tuple(v) for v in days.values()}) > 1, "the controller must change what is shown"
