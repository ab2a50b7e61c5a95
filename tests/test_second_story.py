"""A second, unrelated story builds through every output: nothing about Harbin is built into the engine."""
from __future__ import annotations

import sqlite3

import pytest

from geostory import load_story
from geostory.cli import main

HARBIN_WORDS = ("Harbin", "哈尔滨", "Sungari", "Manchuria", "1932")


@pytest.fixture(scope="module")
def waterloo(tmp_path_factory):
    root = tmp_path_factory.mktemp("second")
    assert main(["new", str(root / "waterloo"), "--title", "Waterloo, June 1815"]) == 0
    return root


def test_new_story_is_valid_and_names_itself(waterloo):
    story = load_story(waterloo / "waterloo")
    assert story.meta.id == "waterloo" and story.meta.title == "Waterloo, June 1815"
    assert len(story.frames) >= 2 and story.layers["movements"]


def test_second_story_builds_a_web_map_without_harbin(waterloo):
    out = waterloo / "waterloo.html"
    assert main(["build", str(waterloo / "waterloo"), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Waterloo, June 1815" in html and "1815-06-18-waterloo" in html
    for word in HARBIN_WORDS:
        assert word not in html, word


def test_second_story_exports_to_qgis(waterloo):
    folder = waterloo / "qgis"
    assert main(["qgis", str(waterloo / "waterloo"), "-o", str(folder)]) == 0
    gpkg = folder / "waterloo.gpkg"
    with sqlite3.connect(gpkg) as db:
        tables = {row[0] for row in db.execute("select table_name from gpkg_contents")}
    assert {"places", "events", "movements"} <= tables
    project = (folder / "waterloo.qgs").read_text(encoding="utf-8")
    for word in HARBIN_WORDS:
        assert word not in project, word


def test_second_story_renders_frames(waterloo):
    folder = waterloo / "frames"
    assert main(["frames", str(waterloo / "waterloo"), "-o", str(folder)]) == 0
    pngs = sorted(p.name for p in folder.glob("*.png"))
    story = load_story(waterloo / "waterloo")
    for i, fr in enumerate(story.frames, start=1):
        assert f"{i:02d}-{fr.id}.png" in pngs


def test_field_names_of_the_first_story_still_load(tmp_path):
    folder = tmp_path / "old"
    assert main(["new", str(folder)]) == 0
    places = folder / "places.geojson"
    places.write_text(places.read_text(encoding="utf-8").replace('"name_period"', '"name_1930s"'), encoding="utf-8")
    story = load_story(folder)
    assert story.feature("charleroi").props.name_period == "Charleroi"
    assert "name_period" in story.feature("charleroi").properties()
