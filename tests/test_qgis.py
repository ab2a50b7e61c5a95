"""The QGIS package: GeoPackage, project and .qml styles, written without QGIS and checked with real QGIS.

One probe process (tests/qgis_probe.py, run by the system Python that has PyQGIS) opens the export and
reports what QGIS sees; the assertions are here. It runs with TZ=America/Los_Angeles so that any mix-up
between UTC and local time in QGIS's date comparisons would show up as a day off.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pyogrio
import pytest

from geostory.geometry import arrows
from geostory.qgis import export_qgis, geojson_styles
from geostory.qgis.gpkg import bookmark_name

from conftest import HARBIN

PROBE = Path(__file__).with_name("qgis_probe.py")
DATED = ("events", "movements", "movement_arrows", "movement_heads")
GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"


@pytest.fixture(scope="module")
def export(harbin, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("qgis")
    gpkg, qgs = export_qgis(harbin, out / "a")
    again = export_qgis(harbin, out / "b")
    return {"gpkg": gpkg, "qgs": qgs, "again": again, "png": out}


def _watched(story):
    """A movement, shown in a frame, that starts after the story's first day: the off-by-one witness."""
    for fr in story.frames:
        for fid in fr.focus or fr.features:
            f = story.feature(fid)
            if f.layer == "movements" and f.first_day > story.first_day:
                return f, fr
    pytest.skip("no movement starting after the first frame")


@pytest.fixture(scope="module")
def probe(harbin, export, qgis_python) -> dict:
    feature, frame = _watched(harbin)
    before = feature.first_day - timedelta(days=1)
    plan = {
        "project": str(export["qgs"]), "gpkg": str(export["gpkg"]), "geojson_dir": str(HARBIN),
        "png_dir": str(export["png"]),
        "renders": [{"name": "before", "day": before.isoformat(), "bookmark": frame.id},
                    {"name": "on", "day": feature.first_day.isoformat(), "bookmark": frame.id}],
        "watch": {"layer": "movement_arrows", "id": feature.id, "colour": harbin.meta.sides[feature.props.side].colour},
    }
    plan_path = export["png"] / "plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": "America/Los_Angeles"}
    started = time.monotonic()
    run = subprocess.run([qgis_python, str(PROBE), str(plan_path)], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    result["seconds"] = time.monotonic() - started
    result["watched"] = (feature, frame)
    return result


# --- Without QGIS ------------------------------------------------------------------------------------------


def test_geopackage_is_version_1_2(export):
    with sqlite3.connect(export["gpkg"]) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == GPKG_APPLICATION_ID
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200


def test_rebuild_is_byte_identical(export):
    for first, second in zip((export["gpkg"], export["qgs"]), export["again"]):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_geopackage_holds_every_layer(harbin, export):
    names = {name for name, _ in pyogrio.list_layers(export["gpkg"])}
    expected = set(harbin.layers) | {"frames", "layer_styles"}
    if "movements" in harbin.layers:
        expected |= {"movement_arrows", "movement_heads"}
    assert names == expected
    info = subprocess.run(["ogrinfo", "-so", "-ro", str(export["gpkg"])], capture_output=True, text=True)
    if info.returncode == 0:  # gdal-bin (ogrinfo) is optional outside CI
        for name in expected:
            assert f": {name} (" in info.stdout


def _json_or_value(v):
    if isinstance(v, str) and v[:1] in "[{":
        return json.loads(v)
    if isinstance(v, (datetime, date)):
        return v.isoformat()[:10]
    return None if v is None or v != v else v


def test_geopackage_reads_back_like_the_geojson(harbin, export):
    for layer in harbin.layers:
        gj = pyogrio.read_dataframe(HARBIN / f"{layer}.geojson").set_index("id").sort_index()
        gp = pyogrio.read_dataframe(export["gpkg"], layer=layer).set_index("id").sort_index()
        assert list(gp.index) == list(gj.index), layer
        assert gp["name_zh"].str.contains(r"[\u4e00-\u9fff]").all(), layer  # Chinese text intact
        for col in gj.columns.drop("geometry"):
            a, b = gj[col].map(_json_or_value), gp[col].map(_json_or_value)
            assert a.tolist() == b.tolist(), (layer, col)
        assert gp.geometry.geom_equals_exact(gj.geometry, tolerance=1e-9).all(), layer
        assert (gp["sources_text"].str.len() > 0).all()
        ogr = subprocess.run(["ogrinfo", "-so", "-ro", str(export["gpkg"]), layer], capture_output=True, text=True)
        if ogr.returncode == 0:
            assert f"Feature Count: {len(gj)}" in ogr.stdout


def test_dated_layers_have_datetime_ranges(harbin, export):
    present = {name for name, _ in pyogrio.list_layers(export["gpkg"])}
    for layer in (name for name in DATED if name in present):
        info = pyogrio.read_info(export["gpkg"], layer=layer)
        types = dict(zip(info["fields"], info["dtypes"]))
        assert all(types[f].startswith("datetime64") for f in ("start_time", "end_time", "visible_until"))
        df = pyogrio.read_dataframe(export["gpkg"], layer=layer).set_index("id")
        for f in harbin.layers["movements" if layer.startswith("movement") else layer]:
            row = df.loc[f.id]
            assert row["start_time"] == datetime.combine(f.first_day, datetime.min.time())
            assert row["end_time"] == datetime.combine(f.last_day + timedelta(days=1), datetime.min.time())
            assert row["visible_until"] > row["start_time"]


def test_movement_parts_come_from_geometry_arrows(harbin, export):
    heads = pyogrio.read_dataframe(export["gpkg"], layer="movement_heads").set_index("id")
    shafts = pyogrio.read_dataframe(export["gpkg"], layer="movement_arrows").set_index("id")
    for arrow in arrows(harbin):
        assert heads.geometry[arrow.feature.id].equals_exact(arrow.head, 1e-9)
        assert shafts.geometry[arrow.feature.id].equals_exact(arrow.shaft, 1e-9)


def test_default_styles_are_in_layer_styles(export):
    with sqlite3.connect(export["gpkg"]) as db:
        cols = [r[1] for r in db.execute("PRAGMA table_info(layer_styles)")]
        assert cols == ["id", "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                        "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"]
        rows = db.execute("SELECT f_table_name, f_geometry_column, useAsDefault, update_time, styleQML FROM layer_styles").fetchall()
        tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'")}
    assert {r[0] for r in rows} == tables
    assert all(r[1] == "geom" and r[2] == 1 and r[3] == "2000-01-01T00:00:00.000Z" for r in rows)
    assert all(r[4].startswith("<!DOCTYPE qgis") for r in rows)


def test_project_uses_relative_paths(harbin, export):
    text = export["qgs"].read_text(encoding="utf-8")
    assert f"<datasource>./{harbin.meta.id}.gpkg|layername=places</datasource>" in text
    assert str(export["gpkg"].parent) not in text


def test_committed_qml_styles_are_up_to_date(harbin):
    for name, text in geojson_styles(harbin).items():
        path = HARBIN / f"{name}.qml"
        assert path.is_file(), f"{path.name} missing: run `geostory styles`"
        assert path.read_text(encoding="utf-8") == text, f"{path.name} is stale: run `geostory styles`"


# --- With QGIS (one probe run) ---------------------------------------------------------------------------


@pytest.mark.qgis
def test_project_opens_with_every_layer_valid(probe, harbin):
    assert probe["read"] and probe["crs"] == "EPSG:3857" and probe["absolute_paths"] is False
    assert probe["title"].startswith(harbin.meta.title)
    assert all(layer["valid"] for layer in probe["layers"].values())
    assert probe["seconds"] < 60


@pytest.mark.qgis
def test_features_and_attributes_match_the_geojson(probe, harbin):
    for name, features in harbin.layers.items():
        seen = probe["layers"][name]
        assert seen["count"] == len(features), name
        for f in features:
            attrs = seen["features"][f.id]
            assert (attrs["name_en"], attrs["name_zh"]) == (f.props.name_en, f.props.name_zh)
            assert json.loads(attrs["sources"]) == [c.model_dump(mode="json", exclude_none=True) for c in f.props.sources]


@pytest.mark.qgis
def test_styles_are_applied(probe, harbin):
    layers = probe["layers"]
    assert layers["rivers"]["symbol"]["colours"] == ["#5b9bd5"]
    assert "#4d4d4d" in layers["railways"]["symbol"]["colours"]
    assert layers["places"]["labels"] and layers["places"]["label_font"] == "Noto Sans CJK SC"
    first = harbin.layers["places"][0].props
    assert layers["places"]["label_first"] == f"{first.name_en}\n{first.name_zh}"
    sides = {s.colour for s in harbin.meta.sides.values()}
    for name in ("movements", "movement_arrows", "movement_heads"):
        assert layers[name]["renderer"] == "categorizedSymbol"
        cats = [c for c in layers[name]["categories"] if c["value"]]
        assert {c["value"].split("|")[0] for c in cats} == {f.props.side for f in harbin.layers["movements"]}
        assert all(set(c["layer_colours"]) & sides for c in cats)
    # Dragging the GeoPackage in gives the same styles; the GeoJSON picks up the .qml beside it.
    for name, seen in probe["gpkg"].items():
        assert seen["renderer"] == layers[name]["renderer"], name
    for name in harbin.layers:
        assert probe["geojson"][name]["renderer"] == layers[name]["renderer"], name


@pytest.mark.qgis
def test_temporal_settings(probe, harbin):
    for name, seen in probe["layers"].items():
        t = seen["temporal"]
        if name in DATED:
            assert t["active"] and (t["start"], t["end"]) == ("start_time", "visible_until"), name
        else:
            assert not t["active"], name
    assert probe["time"]["begin"] == f"{harbin.first_day}T00:00:00"
    assert probe["time"]["end"] >= f"{harbin.last_day + timedelta(days=1)}T00:00:00"
    assert (probe["time"]["step"], probe["time"]["unit"]) == (1.0, "days")


@pytest.mark.qgis
def test_bookmarks_are_the_frames(probe, harbin):
    assert [b["id"] for b in probe["bookmarks"]] == [fr.id for fr in harbin.frames]
    assert [b["name"] for b in probe["bookmarks"]] == [bookmark_name(fr) for fr in harbin.frames]
    assert all(b["name"].startswith(fr.start) for b, fr in zip(probe["bookmarks"], harbin.frames))


@pytest.mark.qgis
def test_each_day_shows_what_has_begun_and_nothing_more(probe, harbin):
    """Cumulative, like the web map: from its first day on, never the day before."""
    source = {name: "movements" if name.startswith("movement") else name for name in DATED}
    for name, days in probe["visible"].items():
        features = harbin.layers[source[name]]
        for day, ids in days.items():
            d = date.fromisoformat(day)
            assert ids == sorted(f.id for f in features if f.first_day <= d), (name, day)


@pytest.mark.qgis
def test_movement_shows_on_its_day_not_the_day_before(probe):
    feature, _ = probe["watched"]
    on, before = feature.first_day.isoformat(), (feature.first_day - timedelta(days=1)).isoformat()
    for name in ("movements", "movement_arrows", "movement_heads"):
        assert feature.id in probe["visible"][name][on]
        assert feature.id not in probe["visible"][name][before]


@pytest.mark.qgis
def test_rendered_frames_differ_where_they_should(probe):
    before, on = probe["renders"]
    assert Path(before["path"]).read_bytes() != Path(on["path"]).read_bytes()
    assert on["watch_pixels"] > before["watch_pixels"] + 100, (before, on)
