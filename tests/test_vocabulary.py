"""A story's own kinds and extra fields: declared in story.json, kept, written and shown; typos still caught."""
from __future__ import annotations

import pyogrio
import pytest

from geostory import load_story
from geostory.cli import main
from geostory.legend import legend_entries
from geostory.qgis import export_qgis
from geostory.webmap.payload import build_payload

from stories import edit_json, first_id, set_properties, small_story


@pytest.fixture
def story(tmp_path):
    root = small_story(tmp_path / "s")

    def meta(m):
        m["kinds"] = {"places": {"fort": {"label": "Fort", "label_zh": "要塞"}},
                      "events": {"siege": {"label": "Siege"}},
                      "movements": {"naval": {"label": "Naval move", "like": "rail", "dash": "2 4", "width": 2.5}}}
        m["fields"] = {"wikidata": {"label": "Wikidata"}, "image": {"label": "Image", "popup": False}}
    edit_json(root, "story.json", meta)
    first_place, event, move = (first_id(root, layer) for layer in ("places", "events", "movements"))
    set_properties(root, "places", first_place, kind="fort", wikidata="Q123", image="fort.jpg", name_fr="Le fort")
    set_properties(root, "events", event, kind="siege")
    set_properties(root, "movements", move, kind="naval")
    return root, first_place, event, move


def test_declared_kinds_and_fields_through_popups_legend_and_geopackage(story, tmp_path):
    root, place, event, move = story
    s = load_story(root)
    data = build_payload(s)
    features = {f["id"]: f for f in data["features"]}
    facts = features[place]["info"]["facts"]
    assert facts[0] == "Fort" and "Wikidata: Q123" in facts and "Name (fr): Le fort" in facts
    assert not any("fort.jpg" in line for line in facts)  # declared, kept, but not for popups
    assert features[event]["info"]["facts"] == ["Siege"]
    assert features[move]["info"]["facts"][0] == "Naval move"
    look = data["looks"][features[move]["look"]]["style"]
    assert look["dash"] == "2 4" and look["width"] == 2.5
    keys = [(e.section, e.key, e.label) for e in legend_entries(s)]
    assert ("movements", "naval", "Naval move") in keys
    gpkg, _, _ = export_qgis(s, tmp_path / "q")  # GeoPackage, project, relief
    places = pyogrio.read_dataframe(gpkg, layer="places").set_index("id")
    assert places.loc[place, "wikidata"] == "Q123" and places.loc[place, "image"] == "fort.jpg"
    assert places.loc[place, "name_fr"] == "Le fort" and places.loc[place, "kind"] == "fort"


def test_unknown_kind_and_undeclared_field_are_one_line_each(story, capsys):
    root, place, event, _move = story
    set_properties(root, "events", event, kind="skirmish")
    set_properties(root, "places", place, wikidta="Q1")
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err.splitlines()
    kind = [line for line in err if "properties.kind" in line]
    assert len(kind) == 1 and "this story declares siege" in kind[0] and '"skirmish": {"label"' in kind[0]
    assert "battle" in kind[0]  # built-in kinds are listed too
    typo = [line for line in err if "wikidta" in line]
    assert len(typo) == 1 and "no such field" in typo[0]
