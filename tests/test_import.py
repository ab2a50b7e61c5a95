"""`geostory import`: edits made to the GeoPackage's story layers come back into the story files.

Edits are made the two ways a GIS user makes them: with GDAL (ogrinfo and SQL) and in real QGIS (a
QgsVectorLayer edit session, tests/qgis_edit.py, run by the system Python with PyQGIS). Each time the story
folder's diff must show only the edited lines, `check` must pass, and `geostory qgis` must refuse to
overwrite an edited package until the edits are imported (or --force).
"""
from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from geostory import load_story
from geostory.cli import main
from geostory.roundtrip.package import edited_layers

from conftest import HARBIN, need

EDIT = Path(__file__).with_name("qgis_edit.py")


def _ogr_sql(gpkg: Path, sql: str) -> None:
    need("ogrinfo (Debian package gdal-bin)", shutil.which("ogrinfo"))
    run = subprocess.run(["ogrinfo", "-q", str(gpkg), "-dialect", "sqlite", "-sql", sql],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def _diff(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines removed and lines added, as a version-control diff shows them."""
    lines = list(difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0))
    removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def _first(layer: str, story: Path) -> dict[str, Any]:
    feature: dict[str, Any] = json.loads((story / f"{layer}.geojson").read_text(encoding="utf-8"))["features"][0]
    return feature


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Harbin story and the package geostory writes for it, once for the module (each test copies them)."""
    base = tmp_path_factory.mktemp("written")
    shutil.copytree(HARBIN, base / "harbin")
    assert main(["qgis", str(base / "harbin"), "-o", str(base / "qgis")]) == 0
    return base


@pytest.fixture
def story(tmp_path: Path, written: Path) -> Path:
    shutil.copytree(written / "harbin", tmp_path / "harbin")
    return tmp_path / "harbin"


@pytest.fixture
def package(story: Path, tmp_path: Path, written: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    shutil.copytree(written / "qgis", tmp_path / "qgis")
    capsys.readouterr()
    return tmp_path / "qgis" / f"{load_story(story).meta.id}.gpkg"


def _planned_edits(story: Path) -> dict[str, Any]:
    """A place moved about a kilometre, an event renamed, a vertex added to a movement's route."""
    place, event, move = _first("places", story), _first("events", story), _first("movements", story)
    lon, lat = place["geometry"]["coordinates"]
    (x0, y0), (x1, y1) = move["geometry"]["coordinates"][:2]
    return {"place": place["id"], "to": [round(lon + 0.011, 5), round(lat - 0.007, 5)],
            "event": event["id"], "name": event["properties"]["name_en"] + " (edited)",
            "move": move["id"], "vertex": [round((x0 + x1) / 2 + 0.003, 5), round((y0 + y1) / 2, 5)]}


def _assert_came_back(story: Path, before: dict[str, str], edits: dict[str, Any]) -> None:
    removed, added = _diff(before["places"], (story / "places.geojson").read_text(encoding="utf-8"))
    assert len(removed) == len(added) <= 2 and added, (removed, added)
    assert {line.strip().rstrip(",") for line in added} <= {json.dumps(v) for v in edits["to"]}
    removed, added = _diff(before["events"], (story / "events.geojson").read_text(encoding="utf-8"))
    assert len(removed) == 1 and added == [removed[0].replace(removed[0].split(": ", 1)[1],
                                                               json.dumps(edits["name"], ensure_ascii=False) + ",")]
    removed, added = _diff(before["movements"], (story / "movements.geojson").read_text(encoding="utf-8"))
    vertex = ["[", f"{edits['vertex'][0]},", f"{edits['vertex'][1]}", "],"]
    assert removed == [] and sorted(a.strip() for a in added) == sorted(vertex)
    loaded = load_story(story)
    assert list(loaded.feature(edits["place"]).geometry.coords[0]) == edits["to"]
    assert loaded.feature(edits["event"]).props.name_en == edits["name"]
    assert list(loaded.feature(edits["move"]).geometry.coords[1]) == edits["vertex"]


def _texts(story: Path) -> dict[str, str]:
    layers = ("places", "events", "movements")
    return {layer: (story / f"{layer}.geojson").read_text(encoding="utf-8") for layer in layers}


def _gdal_edit(package: Path, story: Path, edits: dict[str, Any]) -> None:
    move = _first("movements", story)
    coords = move["geometry"]["coordinates"]
    line = ", ".join(f"{x} {y}" for x, y in [coords[0], edits["vertex"], *coords[1:]])
    _ogr_sql(package, f"UPDATE places SET geom = MakePoint({edits['to'][0]}, {edits['to'][1]}, 4326) "
                      f"WHERE id = '{edits['place']}'")
    _ogr_sql(package, f"UPDATE events SET name_en = '{edits['name'].replace(chr(39), chr(39) * 2)}' "
                      f"WHERE id = '{edits['event']}'")
    _ogr_sql(package, f"UPDATE movements SET geom = ST_GeomFromText('LINESTRING({line})', 4326) "
                      f"WHERE id = '{edits['move']}'")


def test_edits_made_with_gdal_come_back(story, package, tmp_path, capsys):
    edits, before = _planned_edits(story), _texts(story)
    _gdal_edit(package, story, edits)
    # the package was edited: qgis refuses to overwrite it, naming the layers
    assert main(["qgis", str(story), "-o", str(package.parent)]) == 2
    err = capsys.readouterr().err
    assert f"{package}: story layers edited since geostory wrote them: places, events, movements; bring the edits " \
           f"back with 'geostory import {package}', or overwrite them with --force" in err
    assert main(["import", str(package), str(story), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"harbin/places.geojson: feature {edits['place']!r} changed" in out
    assert f"  + name_en: {json.dumps(edits['name'], ensure_ascii=False)}" in out
    assert "nothing written" in out and _texts(story) == before
    assert main(["import", str(package), str(story)]) == 0
    assert "wrote " in capsys.readouterr().out
    _assert_came_back(story, before, edits)
    assert main(["check", str(story)]) == 0
    assert main(["qgis", str(story), "-o", str(package.parent)]) == 0  # taken back: the package may be replaced
    capsys.readouterr()
    assert main(["import", str(package), str(story)]) == 0
    assert capsys.readouterr().out.strip() == "no edits to take back"


def test_force_overwrites_an_edited_package(story, package, capsys):
    _ogr_sql(package, "UPDATE frames SET title = 'Retitled' WHERE seq = 1")
    assert main(["qgis", str(story), "-o", str(package.parent)]) == 2
    assert "story layers edited since geostory wrote them: frames;" in capsys.readouterr().err
    assert main(["qgis", str(story), "-o", str(package.parent), "--force"]) == 0
    assert edited_layers(package) == []  # the package is geostory's again: the next qgis may replace it


def test_an_edit_that_breaks_the_story_is_refused(story, package, capsys):
    used = _first("movements", story)["properties"]["from"]
    before = {p.name: p.read_bytes() for p in story.iterdir()}
    _ogr_sql(package, f"DELETE FROM places WHERE id = '{used}'")
    assert main(["import", str(package), str(story)]) == 2
    out, err = capsys.readouterr()
    assert f"harbin/places.geojson: feature {used!r} deleted" in out
    assert "import refused: these edits break the story; nothing written" in out
    assert f"'properties.from': expected a place id from places.geojson, found \"{used}\"" in err
    assert {p.name: p.read_bytes() for p in story.iterdir()} == before


def test_story_edits_made_since_are_kept_and_a_clash_is_refused(story, package, capsys):
    """Only what was edited in the package comes back: the story's own later edits stand."""
    places = json.loads((story / "places.geojson").read_text(encoding="utf-8"))
    first, second = places["features"][0]["id"], places["features"][1]["id"]
    places["features"][0]["properties"]["name_en"] += " (edited in the files)"
    added = json.loads(json.dumps(places["features"][1]))
    added["id"], added["properties"]["name_en"] = "added-later", "Added after the package was written"
    places["features"].append(added)
    (story / "places.geojson").write_text(json.dumps(places, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _ogr_sql(package, f"UPDATE places SET name_en = 'Renamed in the package' WHERE id = '{second}'")
    assert main(["import", str(package), str(story)]) == 0
    loaded = load_story(story)
    assert loaded.feature(first).props.name_en.endswith(" (edited in the files)")
    assert loaded.feature(second).props.name_en == "Renamed in the package"
    assert loaded.feature("added-later").props.name_en == "Added after the package was written"
    capsys.readouterr()
    _ogr_sql(package, f"UPDATE places SET name_en = 'Renamed in the package too' WHERE id = '{first}'")
    before = (story / "places.geojson").read_bytes()
    assert main(["import", str(package), str(story)]) == 2
    err = capsys.readouterr().err
    assert f"harbin-1932.gpkg: feature {first!r}: expected an edit on one side only (layer 'places'), found edits " \
           "in the package, and the feature changed in the story files since" in err
    assert (story / "places.geojson").read_bytes() == before


def test_derived_edits_are_named_not_taken(story, package, capsys):
    _ogr_sql(package, "UPDATE movement_arrows SET name_en = 'moved arrow'")
    _ogr_sql(package, "UPDATE events SET date_text = 'some day'")
    before = _texts(story)
    assert main(["import", str(package), str(story)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "not taken back: harbin-1932.gpkg: layer 'movement_arrows' was edited, but it is drawn from the " \
           "'movements' layer; edit that layer instead" in out
    assert any(line.startswith("not taken back: harbin-1932.gpkg: layer 'events': field 'date_text' edited in ")
               for line in out)
    assert out[-1] == "no edits to take back" and _texts(story) == before


def test_a_csv_story_keeps_its_rows(tmp_path, capsys):
    assert main(["convert", str(HARBIN), "--to", "csv", "-o", str(tmp_path / "harbin")]) == 0
    story = tmp_path / "harbin"
    assert main(["qgis", str(story), "-o", str(tmp_path / "qgis")]) == 0
    package = next((tmp_path / "qgis").glob("*.gpkg"))
    before = (story / "events.csv").read_text(encoding="utf-8-sig")
    event = before.splitlines()[1].split(",")[0]
    _ogr_sql(package, f"UPDATE events SET narrative = 'Rewritten, with a comma.' WHERE id = '{event}'")
    _ogr_sql(package, "INSERT INTO places (id, name_en, narrative, sources, geom) VALUES ('new-halt', 'New halt', "
                      "'A halt added in QGIS.', 'seed, section: Lead, paragraph: 1', MakePoint(126.5, 45.6, 4326))")
    capsys.readouterr()
    assert main(["import", str(package), str(story)]) == 0
    removed, added = _diff(before, (story / "events.csv").read_text(encoding="utf-8-sig"))
    assert len(removed) == len(added) == 1 and '"Rewritten, with a comma."' in added[0]
    places = (story / "places.csv").read_text(encoding="utf-8-sig").splitlines()
    assert places[-1].startswith("new-halt,New halt,") and places[-1].endswith(",126.5,45.6")
    assert load_story(story).feature("new-halt").props.sources[0].section == "Lead"


def test_a_workbook_is_edited_cell_by_cell(tmp_path, capsys):
    import openpyxl

    assert main(["convert", str(HARBIN), "--to", "xlsx", "-o", str(tmp_path / "harbin")]) == 0
    story = tmp_path / "harbin"
    book = openpyxl.load_workbook(story / "story.xlsx")
    book["frames"].column_dimensions["G"].width = 77  # the user's own formatting, which must stay
    book.save(story / "story.xlsx")
    before = {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}
    assert main(["qgis", str(story), "-o", str(tmp_path / "qgis")]) == 0
    package = next((tmp_path / "qgis").glob("*.gpkg"))
    frame = before["frames"][1][0]
    _ogr_sql(package, f"UPDATE frames SET title = 'A new title' WHERE id = '{frame}'")
    capsys.readouterr()
    assert main(["import", str(package), str(story)]) == 0
    assert f"harbin/story.xlsx: sheet 'frames': frame {frame!r} changed" in capsys.readouterr().out
    book = openpyxl.load_workbook(story / "story.xlsx")
    after = {ws.title: [[c.value for c in row] for row in ws.iter_rows()] for ws in book.worksheets}
    title = before["frames"][0].index("title")
    assert after["frames"][1][title] == "A new title"
    after["frames"][1][title] = before["frames"][1][title]
    assert after == before and book["frames"].column_dimensions["G"].width == 77
    assert load_story(story).frame(frame).title == "A new title"


@pytest.mark.qgis
def test_edits_made_in_qgis_come_back(story, package, tmp_path, qgis_python, capsys):
    edits, before = _planned_edits(story), _texts(story)
    plan = {"gpkg": str(package), "edits": [
        {"layer": "places", "id": edits["place"], "move": edits["to"]},
        {"layer": "events", "id": edits["event"], "set": {"name_en": edits["name"]}},
        {"layer": "movements", "id": edits["move"], "insert_vertex": [*edits["vertex"], 1]},
    ]}
    (tmp_path / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([qgis_python, str(EDIT), str(tmp_path / "plan.json")], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["committed"] == {"places": True, "events": True, "movements": True}, result["errors"]
    assert main(["qgis", str(story), "-o", str(package.parent)]) == 2
    assert "edited since geostory wrote them: places, events, movements;" in capsys.readouterr().err
    assert main(["import", str(package), str(story)]) == 0
    out = capsys.readouterr().out
    assert "not taken back" not in out, out  # QGIS's own bookkeeping is not mistaken for an edit
    assert out.count(" changed\n") == 3, out
    _assert_came_back(story, before, edits)
    assert main(["check", str(story)]) == 0
    assert main(["qgis", str(story), "-o", str(package.parent)]) == 0
