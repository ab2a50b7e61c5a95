"""The QGIS package: GeoPackage, project and .qml styles, written without QGIS and checked with real QGIS.

One probe process (tests/qgis_probe.py, run by the system Python that has PyQGIS) opens the export and
reports what QGIS sees; the assertions are here. It runs with TZ=America/Los_Angeles so that any mix-up
between UTC and local time in QGIS's date comparisons would show up as a day off. The same run opens the
`geostory new` starter, its places stripped of Chinese names and an event moved before its first frame.
"""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy
import pyogrio
import pytest

from geostory import load_story
from geostory.dates import Day, parse_date
from geostory.geometry import arrows, frame_bounds
from geostory.legend import line_strokes
from geostory.qgis import export_qgis, geojson_styles, write_layer_styles
from geostory.qgis.gpkg import bookmark_name
from geostory.qgis.qml import mm
from geostory.wording import citation_label, date_label, frame_sources

from catalogue import style_data
from conftest import HARBIN, need
from stories import edit_features, set_properties, small_story

PROBE = Path(__file__).with_name("qgis_probe.py")
DATED = ("events", "movements", "movement_arrows")
GPKG_APPLICATION_ID = 0x47504B47  # "GPKG"
GOLDEN = Path(__file__).parent / "golden" / "qgis-march-in-the-cold.png"
GOLDEN_FRAME, GOLDEN_FRAME_DAY = "1932-01-29-march-in-the-cold", "1932-01-31"
"""A day inside the frame: its own arrows current, the earlier ones faded, over the relief."""


@pytest.fixture(scope="module")
def export(harbin, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("qgis")
    gpkg, qgs, tif = export_qgis(harbin, out / "a")
    again = export_qgis(harbin, out / "b")
    return {"gpkg": gpkg, "qgs": qgs, "tif": tif, "again": again, "png": out}


EARLY_EVENT, EARLY_DAY = "battle-of-ligny", "1815-06-10"  # in the starter story; moved before its first frame


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> dict:
    """The `geostory new` starter with no Chinese place names and an event dated before the first frame."""
    root = small_story(tmp_path_factory.mktemp("plain") / "plain")
    edit_features(root, "places", lambda _, p: p.pop("name_zh", None))
    set_properties(root, "events", EARLY_EVENT, start=EARLY_DAY)
    story = load_story(root)
    write_layer_styles(story)
    written = export_qgis(story, root.parent / "qgis")
    return dict(zip(("gpkg", "qgs", "tif"), written, strict=True), story=story, root=root)


def _first_day(story) -> Day:
    """The rule the project's time range must follow: the first frame or dated feature, whichever is earlier."""
    return min([fr.first.first for fr in story.frames] + [f.first_day for f in story.features() if f.first_day])


@pytest.fixture(scope="module")
def probe(harbin, export, plain, qgis_python) -> dict:
    # The off-by-one witness: a movement, shown in a frame, that starts after the story's first day.
    watched = [(harbin.feature(fid), fr) for fr in harbin.frames for fid in fr.focus or fr.features
               if harbin.feature(fid).layer == "movements" and harbin.feature(fid).first_day > harbin.first_day]
    assert watched, "the test story needs a movement, shown in a frame, starting after the first frame"
    feature, frame = watched[0]
    plan = {
        "project": str(export["qgs"]), "gpkg": str(export["gpkg"]), "geojson_dir": str(HARBIN),
        "png_dir": str(export["png"]),
        "renders": [{"name": "before", "day": (feature.first_day - timedelta(days=1)).isoformat(),
                     "bookmark": frame.id},
                    {"name": "on", "day": feature.first_day.isoformat(), "bookmark": frame.id},
                    {"name": "golden", "day": GOLDEN_FRAME_DAY, "bookmark": GOLDEN_FRAME}],
        "watch": {"layer": "movement_arrows", "id": feature.id, "colour": harbin.meta.sides[feature.props.side].colour},
        "fading": {"layer": "movement_arrows", "times": [f"{fr.first.first}T00:00:00" for fr in harbin.frames]},
        "atlas": {"pdf": str(export["png"] / "atlas.pdf")},
        "second": {"project": str(plain["qgs"]), "gpkg": str(plain["gpkg"]), "geojson_dir": str(plain["root"])},
    }
    plan_path = export["png"] / "plan.json"
    plan_path.write_text(json.dumps(plan), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TZ": "America/Los_Angeles"}
    run = subprocess.run([qgis_python, str(PROBE), str(plan_path)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    result["watched"] = (feature, frame)
    return result


# --- Without QGIS ------------------------------------------------------------------------------------------


def test_geopackage_1_2_and_project_rebuild_byte_identical_with_relative_paths(harbin, export):
    with sqlite3.connect(export["gpkg"]) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == GPKG_APPLICATION_ID
        assert db.execute("PRAGMA user_version").fetchone()[0] == 10200
    for first, second in zip((export["gpkg"], export["qgs"], export["tif"]), export["again"], strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name
    text = export["qgs"].read_text(encoding="utf-8")
    assert f"<datasource>./{harbin.meta.id}.gpkg|layername=places</datasource>" in text
    assert str(export["gpkg"].parent) not in text


def test_geopackage_holds_every_layer(harbin, export):
    names = {name for name, _ in pyogrio.list_layers(export["gpkg"])}
    expected = set(harbin.layers) | {"frames", "layer_styles", "geostory_layer_check"}
    if "movements" in harbin.layers:
        expected |= {"movement_arrows"}
    assert names == expected
    need("ogrinfo (Debian package gdal-bin)", shutil.which("ogrinfo"))
    # GDAL's own reader agrees, layer by layer
    for layer in sorted(expected - {"layer_styles", "geostory_layer_check"}):
        info = subprocess.run(["ogrinfo", "-so", "-ro", str(export["gpkg"]), layer], capture_output=True, text=True)
        assert info.returncode == 0, info.stderr
        count = len(harbin.layers.get(layer, ())) or len(pyogrio.read_dataframe(export["gpkg"], layer=layer))
        assert f"Feature Count: {count}" in info.stdout, layer


def _json_or_value(v):
    """A cell as comparable data; an empty list equals an absent one (the GeoJSON may omit a default [])."""
    if isinstance(v, str) and v[:1] in "[{":
        v = json.loads(v)
    if isinstance(v, numpy.ndarray):  # GDAL's string lists
        v = v.tolist()
    if isinstance(v, list):
        return v or None
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
        for f in harbin.layers[layer]:  # written with geostory.wording, as the web map and the pictures say it
            assert gp.loc[f.id, "sources_text"] == "; ".join(citation_label(c, harbin.meta) for c in f.props.sources)
            if layer in harbin.dated_layers:
                assert gp.loc[f.id, "date_text"] == date_label(f.props)


def test_dated_layers_have_datetime_ranges(harbin, export):
    present = {name for name, _ in pyogrio.list_layers(export["gpkg"])}
    for layer in (name for name in DATED if name in present):
        info = pyogrio.read_info(export["gpkg"], layer=layer)
        types = dict(zip(info["fields"], info["dtypes"], strict=True))
        assert all(types[f].startswith("datetime64") for f in ("start_time", "end_time", "visible_until"))
        df = pyogrio.read_dataframe(export["gpkg"], layer=layer).set_index("id")
        for f in harbin.layers["movements" if layer.startswith("movement") else layer]:
            row = df.loc[f.id]
            assert row["start_time"] == datetime.combine(f.first_day.to_date(), datetime.min.time())
            assert row["end_time"] == datetime.combine((f.last_day + 1).to_date(), datetime.min.time())
            assert row["visible_until"] > row["start_time"]
            assert row["date_text"] == date_label(f.props)


def test_frame_views_and_movement_parts_come_from_geometry(harbin, export):
    frames, arrows_table = (pyogrio.read_dataframe(export["gpkg"], layer=name).set_index("id")
                            for name in ("frames", "movement_arrows"))
    for seq, fr in enumerate(harbin.frames, start=1):
        assert frames.geometry[fr.id].bounds == pytest.approx(frame_bounds(harbin, fr), abs=1e-9)
        assert frames.loc[fr.id, "bookmark"] == bookmark_name(fr, seq)
        assert frames.loc[fr.id, "date_text"] == date_label(fr)
        assert frames.loc[fr.id, "sources_short"] == frame_sources(fr, harbin.meta)
        assert "Seed," not in frames.loc[fr.id, "sources_short"]
    for arrow in arrows(harbin):  # the whole drawn path, curved where the story bends it; QGIS draws the head
        assert arrows_table.geometry[arrow.feature.id].equals_exact(arrow.path, 1e-9)


def test_map_labels_are_short_and_whole(harbin, export):
    """Events by the part of their name before a colon, units without their notes, the Sungari by the name
    the story's text uses; none cut with an ellipsis."""
    events, moves, rivers = (pyogrio.read_dataframe(export["gpkg"], layer=n).set_index("id")
                             for n in ("events", "movement_arrows", "rivers"))
    assert events.loc["harbin-riot", "label"] == "Harbin Incident"
    assert moves.loc["fourth-mixed-brigade-qiqihar-harbin", "label"] == "4th Mixed Brigade"
    assert rivers.loc["sungari", "label"] == "Sungari"
    for table in (events, moves, rivers):
        assert not table["label"].str.contains("…|seed", regex=True).any()


def test_relief_is_a_geotiff_under_the_whole_story(harbin, export):
    gdalinfo = shutil.which("gdalinfo")
    need("gdalinfo (Debian package gdal-bin)", gdalinfo)
    info = json.loads(subprocess.run([gdalinfo, "-json", str(export["tif"])], capture_output=True, text=True,
                                     check=True).stdout)
    assert "Pseudo-Mercator" in info["coordinateSystem"]["wkt"]
    west, south = info["wgs84Extent"]["coordinates"][0][1]
    east, north = info["wgs84Extent"]["coordinates"][0][3]
    for fr in harbin.frames:
        w, s_, e, n = frame_bounds(harbin, fr)
        assert west < w and south < s_ and east > e and north > n, fr.id


def test_default_styles_are_in_layer_styles(export):
    with sqlite3.connect(export["gpkg"]) as db:
        cols = [r[1] for r in db.execute("PRAGMA table_info(layer_styles)")]
        assert cols == ["id", "f_table_catalog", "f_table_schema", "f_table_name", "f_geometry_column", "styleName",
                        "styleQML", "styleSLD", "useAsDefault", "description", "owner", "ui", "update_time"]
        rows = db.execute("SELECT f_table_name, f_geometry_column, useAsDefault, update_time, styleQML "
                          "FROM layer_styles").fetchall()
        tables = {r[0] for r in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'")}
    assert {r[0] for r in rows} == tables
    assert all(r[1] == "geom" and r[2] == 1 and r[3] == "2000-01-01T00:00:00.000Z" for r in rows)
    assert all(r[4].startswith("<!DOCTYPE qgis") for r in rows)


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
    assert probe["second"]["read"]
    # The tree follows draw_order, its last entry on top; titles are generic (no years).
    tables = [t["table"] for t in probe["tree"]]
    top_down = [t for t in tables if t in style_data()["draw_order"] and t != "movements"]
    assert top_down == [t for t in reversed(style_data()["draw_order"]) if t != "movements"]
    # the arrows above places and events (current ones must not hide under dots), the relief at the bottom
    assert tables.index("movement_arrows") < tables.index("events") and tables[-1] == "relief"
    relief = probe["layers"]["relief"]
    assert relief["valid"] and relief["crs"] == "EPSG:3857"
    assert relief["bands"] == 3 and relief["renderer"] == "multibandcolor"
    assert probe["tree"][-1]["checked"]
    assert all(not any(ch.isdigit() for ch in t["name"]) for t in probe["tree"])


@pytest.mark.qgis
def test_features_and_attributes_match_the_geojson(probe, harbin):
    for name, features in harbin.layers.items():
        seen = probe["layers"][name]
        assert seen["count"] == len(features), name
        for f in features:
            attrs = seen["features"][f.id]
            assert (attrs["name_en"], attrs["name_zh"]) == (f.props.name_en, f.props.name_zh)
            cited = [c.model_dump(mode="json", exclude_none=True) for c in f.props.sources]
            assert json.loads(attrs["sources"]) == cited


@pytest.mark.qgis
def test_styles_are_applied_from_styles_json(probe, harbin):
    layers, shared = probe["layers"], style_data()
    cfg, kinds, casing = shared["layers"], shared["movement_kinds"], shared["casing"]
    assert layers["rivers"]["symbol"]["colours"] == [cfg["rivers"]["colour"]]
    assert layers["railways"]["symbol"]["colours"] == [s.colour for s in line_strokes("railways")]  # the legend rule
    (event,) = layers["events"]["symbol"]["layers"]
    assert (event["shape"], event["colour"], event["stroke"]) == (
        "circle", cfg["events"]["fill"], cfg["events"]["colour"])
    ol = {k: float(mm(v)) for k, v in shared["outline"].items() if k != "comment"}  # QGIS reads mm() exactly
    place_widths = {sl["stroke_width"] for c in layers["places"]["categories"] for sl in c["layers"]}
    assert {event["stroke_width"]} | place_widths == {ol["point"]}
    assert layers["places"]["labels"] and layers["places"]["label_font"] == "Noto Sans CJK SC"
    sides = {s.colour for s in harbin.meta.sides.values()}
    assert {"intended", "rail"} <= {f.props.kind for f in harbin.layers["movements"]}  # hollow heads, casing
    for name in ("movements", "movement_arrows"):
        assert layers[name]["renderer"] == "categorizedSymbol"
        cats = [(c["value"].split("|"), c["layers"]) for c in layers[name]["categories"] if c["value"]]
        assert {value[0] for value, _ in cats} == {f.props.side for f in harbin.layers["movements"]}
        for (_, kind, *_), sls in cats:  # values are side|kind|route certainty
            assert {x for sl in sls for x in (sl["colour"], sl.get("stroke"))} & sides, (name, kind)
            (head,) = sls[-1]["sub"]
            hollow = kinds[kind]["head"] == "hollow"  # filled white, so no line shows through
            assert head["stroke_width"] == ol["hollow_head" if hollow else "head"], (name, kind)
            assert (head["colour"] == shared["hollow_head_fill"]) == hollow, (name, kind)
            if kinds[kind].get("casing"):
                width = float(mm(kinds[kind]["width"] + casing["extra_width"]))
                assert (sls[0]["colour"], sls[0]["width"]) == (casing["colour"], pytest.approx(width))
    # Dragging the GeoPackage in gives the same styles; the GeoJSON picks up the .qml beside it.
    for name, seen in probe["gpkg"].items():
        assert seen["renderer"] == layers[name]["renderer"], name
    for name in harbin.layers:
        assert probe["geojson"][name]["renderer"] == layers[name]["renderer"], name


@pytest.mark.qgis
def test_temporal_settings(probe, harbin, plain):
    for name, seen in probe["layers"].items():
        if name == "relief":
            continue
        t = seen["temporal"]
        expected = (True, "start_time", "visible_until") if name in DATED else (False, t["start"], t["end"])
        assert (t["active"], t["start"], t["end"]) == expected, name
    assert (probe["time"]["step"], probe["time"]["unit"]) == (1.0, "days")
    # From the first day of any frame or dated feature (the starter's moved event is before its first frame).
    assert _first_day(plain["story"]) == parse_date(EARLY_DAY).first < plain["story"].first_day
    for story, time in ((harbin, probe["time"]), (plain["story"], probe["second"]["time"])):
        assert time["begin"] == f"{_first_day(story)}T00:00:00"
        assert time["end"] >= f"{story.last_day + timedelta(days=1)}T00:00:00"


@pytest.mark.qgis
def test_bookmarks_are_the_frames_views(probe, harbin, plain):
    """Each frame's bookmark is geometry.frame_bounds, in the project CRS, named as a reader says the date."""
    for story, seen in ((harbin, probe["bookmarks"]), (plain["story"], probe["second"]["bookmarks"])):
        assert [b["id"] for b in seen] == [fr.id for fr in story.frames]
        for seq, (b, fr) in enumerate(zip(seen, story.frames, strict=True), start=1):
            assert (b["name"], b["crs"]) == (bookmark_name(fr, seq), "EPSG:3857") and date_label(fr) in b["name"]
            assert b["extent"] == pytest.approx(frame_bounds(story, fr), abs=2e-5), fr.id


@pytest.mark.qgis
def test_labels_show_the_english_name_alone_where_there_is_no_chinese_one(probe, harbin, plain):
    """English, then Chinese on a second line, never NULL: in the project, GeoPackage and GeoJSON (.qml) alike."""
    def expected(story):
        return {f.id: {"text": "\n".join(n for n in (f.props.name_en, f.props.name_zh) if n), "error": None}
                for f in story.layers["places"]}
    assert probe["layers"]["places"]["label_texts"] == expected(harbin)
    assert all(f.props.name_zh is None for f in plain["story"].layers["places"])
    for where in ("labels", "gpkg_labels", "geojson_labels"):
        assert probe["second"][where]["places"] == expected(plain["story"]), where


@pytest.mark.qgis
def test_each_day_shows_what_has_begun_and_nothing_more(probe, harbin):
    """Cumulative, like the web map: from its first day on, never the day before."""
    for name, days in probe["visible"].items():
        features = harbin.layers["movements" if name.startswith("movement") else name]
        for day, ids in days.items():
            assert ids == sorted(f.id for f in features if f.first_day <= parse_date(day).first), (name, day)


@pytest.mark.qgis
def test_movement_shows_on_its_day_not_the_day_before(probe):
    feature, _ = probe["watched"]
    on_day, day_before = feature.first_day.isoformat(), (feature.first_day - timedelta(days=1)).isoformat()
    for name in ("movements", "movement_arrows"):
        assert feature.id in probe["visible"][name][on_day] and feature.id not in probe["visible"][name][day_before]
    before, on = probe["renders"][:2]
    assert Path(before["path"]).read_bytes() != Path(on["path"]).read_bytes()
    assert on["watch_pixels"] > before["watch_pixels"] + 100, (before, on)


@pytest.mark.qgis
def test_labels_on_events_movements_and_rivers(probe, export):
    """QGIS labels the map's words from the GeoPackage's label column, as the pictures do."""
    for name in ("events", "movement_arrows", "rivers"):
        seen = probe["layers"][name]
        assert seen["labels"], name
        table = pyogrio.read_dataframe(export["gpkg"], layer=name).set_index("id")
        assert {k: v["text"] for k, v in seen["label_texts"].items()} == table["label"].to_dict(), name


@pytest.mark.qgis
def test_arrow_heads_are_qgis_marker_lines_in_millimetres(probe, harbin):
    """Every arrow's head is a triangle marker at the line's last vertex, turned with it, sized in mm."""
    for cat in probe["layers"]["movement_arrows"]["categories"]:
        marker_line = [sl for sl in cat["layers"] if sl["class"] == "MarkerLine"]
        assert len(marker_line) == 1 and marker_line[0]["rotate"], cat["label"]
        (head,) = marker_line[0]["sub"]
        assert head["class"] == "EllipseMarker" and head["shape"] == "triangle" and head["units"] == ["MM", "MM"]
        width, length = head["size"]
        assert 3.0 <= length <= 6.0 and width < length, cat["label"]


@pytest.mark.qgis
def test_what_has_passed_is_faded_at_each_frame(probe, harbin):
    """With @map_start_time at a frame's first day, a movement over by then is faded and thinner; the
    frame's own movements (and everything, with no time set) are drawn at full strength."""
    faded = style_data()["faded"]
    kinds = style_data()["movement_kinds"]
    seen = probe["fading"]
    for f in harbin.layers["movements"]:
        assert seen["none"][f.id]["opacity"] == pytest.approx(kinds[f.props.kind]["opacity"], abs=0.01)
    for fr in harbin.frames:
        at = seen[f"{fr.first.first}T00:00:00"]
        for f in harbin.layers["movements"]:
            full = kinds[f.props.kind]["opacity"]
            passed = f.last_day < fr.first.first
            expected_opacity = full * faded["opacity"] if passed else full
            assert at[f.id]["opacity"] == pytest.approx(expected_opacity, abs=0.01), (fr.id, f.id)
            if f.id in fr.features:
                assert not passed
        widths = {f.id: at[f.id]["dd_width"] for f in harbin.layers["movements"] if at[f.id]["dd_width"] is not None}
        assert widths, "the shaft's width is data-defined"


@pytest.mark.qgis
def test_print_layout_atlas_one_page_per_frame(probe, harbin, export):
    """An atlas over the frames layer: each page at its frame's view and dates, with its texts; real QGIS
    exports it to a PDF of one page per frame."""
    at = probe["atlas"]
    assert at["enabled"] and at["coverage"] == "frames" and at["export"]["result"] == 0, at["export"]
    assert [p["id"] for p in at["pages"]] == [fr.id for fr in harbin.frames]
    (legend,) = at["legends"]
    assert legend["filter"] and "movement_arrows" in legend["layers"] and "frames" not in legend["layers"]
    assert [s["units"] for s in at["scalebars"]] == ["km"] and all(s["map"] for s in at["scalebars"])
    for page, fr in zip(at["pages"], harbin.frames, strict=True):
        w, s_, e, n = frame_bounds(harbin, fr)
        x0, y0, x1, y1 = page["extent"]
        assert x0 <= w + 1e-4 and y0 <= s_ + 1e-4 and x1 >= e - 1e-4 and y1 >= n - 1e-4, fr.id
        assert min((x1 - x0) / (e - w), (y1 - y0) / (n - s_)) == pytest.approx(1.0, abs=0.02), fr.id
        assert page["temporal"] and page["range"] == [f"{fr.first.first}T00:00:00",
                                                      f"{fr.last.last + timedelta(days=1)}T00:00:00"]
        texts = "\n".join(page["texts"])
        assert fr.title in texts and date_label(fr) in texts and fr.narrative in texts
        assert frame_sources(fr, harbin.meta) in texts and "[%" not in texts
    pdf = Path(export["png"] / "atlas.pdf")
    need("pdfinfo (Debian package poppler-utils)", shutil.which("pdfinfo"))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Pages:           {len(harbin.frames)}" in info
    for number, fr in enumerate(harbin.frames, start=1):
        text = subprocess.run(["pdftotext", "-f", str(number), "-l", str(number), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert fr.title.split(":")[0] in " ".join(text.split()), (number, fr.id)


@pytest.mark.qgis
def test_render_matches_the_golden_picture(probe):
    """QGIS's render of the march frame (relief, faded earlier arrows, labels), compared loosely with the
    picture kept in tests/golden: a regression in review, not a pixel-perfect lock."""
    (render,) = [r for r in probe["renders"] if r["name"] == "golden"]
    from golden import assert_looks_like

    assert_looks_like(Path(render["path"]), GOLDEN)
