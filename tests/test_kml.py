"""The KMZ, read back by GDAL (LIBKML driver, through pyogrio) and validated against the OGC KML 2.2 schema
with Google's gx extension, as fastkml ships them: independent of the code that wrote it."""
from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import fastkml
import lxml.html
import pyogrio
import pytest
from fastkml import validator
from lxml import etree

from geostory import load_story
from geostory.cli import main
from geostory.kml.document import clean
from geostory.wording import citation_label, date_label, display_name

from conftest import HARBIN
from handout_stories import HOSTILE, plain_story

NS = {"k": "http://www.opengis.net/kml/2.2", "gx": "http://www.google.com/kml/ext/2.2"}
SCHEMA = Path(fastkml.__file__).parent / "schema" / "ogckml22.xsd"
LAYERS = {"places": "Places", "rivers": "Rivers", "railways": "Railways", "events": "Events",
          "movements": "Movements"}


def doc_kml(kmz: Path) -> bytes:
    with zipfile.ZipFile(kmz) as archive:
        return archive.read("doc.kml")


def day(value: object) -> dt.date:
    return value.date() if hasattr(value, "date") else value  # a pandas Timestamp read by GDAL


@pytest.fixture(scope="module")
def harbin_kmz(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kml") / "harbin.kmz"
    assert main(["kml", str(HARBIN), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("stories")


def test_gdal_reads_every_feature_with_attributes_and_time(harbin_kmz):
    story = load_story(HARBIN)
    layers = {name for name, _ in pyogrio.list_layers(harbin_kmz)}
    for layer, features in story.layers.items():
        if not features:
            continue
        assert LAYERS[layer] in layers
        df = pyogrio.read_dataframe(harbin_kmz, layer=LAYERS[layer]).set_index("id")
        assert sorted(df.index) == sorted(f.id for f in features), layer
        for f in features:
            row = df.loc[f.id]
            assert row["Name"] == display_name(f.props)
            assert row["name_en"] == f.props.name_en and row["narrative"] == f.props.narrative
            assert json.loads(row["sources"]) == f.properties()["sources"]
            assert row["layer"] == layer
            if f.first_day is not None:  # dated: the time span begins on the first day and stays open
                assert day(row["begin"]) == f.first_day.to_date(), f.id
                assert row["start_date"] == f.props.start and row["date_text"] == date_label(f.props)
            else:
                assert row["begin"] is None or str(row["begin"]) in ("NaT", "None")
            assert not row.geometry.is_empty
        if layer == "movements":
            assert set(df.geometry.geom_type) == {"GeometryCollection"}  # the route and its arrow head


def test_frames_carry_their_view_dates_and_title(harbin_kmz):
    story = load_story(HARBIN)
    df = pyogrio.read_dataframe(harbin_kmz, layer="Frames")
    assert len(df) == len(story.frames)
    for (_, row), (i, frame) in zip(df.iterrows(), enumerate(story.frames, start=1), strict=True):
        assert row["id"] == f"frame-{frame.id}" and frame.title in row["Name"] and row["Name"].startswith(f"{i:02d}")
        assert day(row["begin"]) == frame.first.first.to_date()
        assert day(row["end"]) == frame.last.last.to_date()


def test_kml_validates_against_the_ogc_schema(harbin_kmz):
    assert SCHEMA.is_file()
    tree = etree.fromstring(doc_kml(harbin_kmz))
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(tree), list(schema.error_log)[:5]
    assert validator.validate(element=tree) is True  # fastkml's own validation, the same schema


def test_schema_check_can_fail(harbin_kmz):
    tree = etree.fromstring(doc_kml(harbin_kmz))
    tree[0].insert(0, etree.Element(f"{{{NS['k']}}}bogus"))
    assert not etree.XMLSchema(etree.parse(str(SCHEMA))).validate(tree)


def test_tour_flies_to_every_frame_at_its_dates(harbin_kmz):
    story = load_story(HARBIN)
    tree = etree.fromstring(doc_kml(harbin_kmz))
    tours = tree.findall(".//gx:Tour", NS)
    assert len(tours) == 1
    flights = tours[0].findall("gx:Playlist/gx:FlyTo", NS)
    assert len(flights) == len(story.frames)
    ids = {p.get("id") for p in tree.iter(f"{{{NS['k']}}}Placemark") if p.get("id")}
    targets = [p.get("targetId") for p in tours[0].iterfind(".//k:Change/k:Placemark", NS)]
    assert targets and set(targets) <= ids
    for fly, frame in zip(flights, story.frames, strict=True):
        span = fly.find("k:LookAt/gx:TimeSpan", NS)
        assert span.findtext("k:begin", namespaces=NS).startswith(frame.first.first.isoformat()[:7])
        assert span.findtext("k:end", namespaces=NS) == frame.last.last.isoformat()
        west, south, east, north = story.derived.view(frame)
        lon = float(fly.findtext("k:LookAt/k:longitude", namespaces=NS))
        lat = float(fly.findtext("k:LookAt/k:latitude", namespaces=NS))
        assert west < lon < east and south < lat < north


def test_styles_follow_the_sides_colours(harbin_kmz):
    story = load_story(HARBIN)
    tree = etree.fromstring(doc_kml(harbin_kmz))
    styles = {s.get("id"): s for s in tree.iterfind(".//k:Style", NS)}
    for placemark in tree.iterfind(".//k:Folder[@id='layer-movements']/k:Placemark", NS):
        feature = story.feature(placemark.get("id"))
        style = styles[placemark.findtext("k:styleUrl", namespaces=NS).lstrip("#")]
        colour = story.meta.sides[feature.props.side].colour.lower()
        kml = style.findtext("k:LineStyle/k:color", namespaces=NS)
        assert kml[2:] == colour[5:7] + colour[3:5] + colour[1:3], feature.id  # aabbggrr


def test_balloons_carry_narrative_sources_and_corrections(harbin_kmz):
    story = load_story(HARBIN)
    tree = etree.fromstring(doc_kml(harbin_kmz))
    by_id = {c.id: c for c in story.meta.corrections}
    for f in story.features():
        placemark = tree.find(f".//k:Placemark[@id='{f.id}']", NS)
        text = " ".join(lxml.html.fromstring(placemark.findtext("k:description", namespaces=NS)).text_content().split())
        assert " ".join(f.props.narrative.split()) in text
        for c in f.props.sources:
            assert citation_label(c, story.meta) in text
        for cid in f.props.corrections:
            assert " ".join(by_id[cid].seed_claim.split()) in text


def test_hostile_text_does_not_break_the_xml(stories, tmp_path):
    folder = plain_story(stories, hostile=True)
    out = tmp_path / "hostile.kmz"
    assert main(["kml", str(folder), "-o", str(out)]) == 0
    tree = etree.fromstring(doc_kml(out))  # strict XML parse
    assert etree.XMLSchema(etree.parse(str(SCHEMA))).validate(tree)
    story = load_story(folder)
    for f in story.layers["events"]:
        placemark = tree.find(f".//k:Placemark[@id='{f.id}']", NS)
        assert placemark.findtext("k:name", namespaces=NS) == display_name(f.props)  # '<&>' kept as text
        html = lxml.html.fromstring(placemark.findtext("k:description", namespaces=NS))
        assert not html.findall(".//script") and not html.findall(".//b")  # author markup stayed text
        assert " ".join(HOSTILE.split()) in " ".join(html.text_content().split())
        assert not [a for a in html.iter("a") if not a.get("href", "").startswith(("http://", "https://"))]
    df = pyogrio.read_dataframe(out, layer="Events")
    assert all(name.endswith(" <&>") for name in df["Name"])
    assert clean("bell\x07 and \ud800") == "bell\ufffd and \ufffd"


def test_same_story_same_bytes_fixed_zip_times(stories, tmp_path):
    folder = plain_story(stories)
    a, b = tmp_path / "a.kmz", tmp_path / "b.kmz"
    assert main(["kml", str(folder), "-o", str(a)]) == 0
    assert main(["kml", str(folder), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "doc.kml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_replaces_only_a_kmz_geostory_wrote(stories, tmp_path, monkeypatch, capsys):
    folder = plain_story(stories)
    monkeypatch.chdir(tmp_path)
    assert main(["kml", str(folder)]) == 0
    default = tmp_path / "dist" / "plain" / "plain.kmz"
    assert default.is_file()
    assert main(["kml", str(folder)]) == 0  # ours: replaced
    theirs = tmp_path / "trip.kmz"
    with zipfile.ZipFile(theirs, "w") as archive:
        archive.writestr("doc.kml", "<kml/>")
    before = theirs.read_bytes()
    capsys.readouterr()
    assert main(["kml", str(folder), "-o", str(theirs)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "not written by geostory" in err[0]
    assert theirs.read_bytes() == before


def test_a_story_before_ad_1_keeps_its_dates_as_attributes(tmp_path):
    folder = Path(__file__).resolve().parents[1] / "examples" / "hannibal-218bc"
    out = tmp_path / "hannibal.kmz"
    assert main(["kml", str(folder), "-o", str(out)]) == 0
    tree = etree.fromstring(doc_kml(out))
    assert etree.XMLSchema(etree.parse(str(SCHEMA))).validate(tree)
    story = load_story(folder)
    df = pyogrio.read_dataframe(out, layer="Movements").set_index("id")
    for f in story.layers["movements"]:
        assert df.loc[f.id, "start_date"] == f.props.start  # no KML time before AD 1, the date is kept


def test_the_chinese_edition_beside_the_english(tmp_path, monkeypatch):
    """``--lang zh`` tells the tour in the Chinese edition, into ``<id>.zh.kmz`` beside the story's own."""
    monkeypatch.chdir(tmp_path)
    assert main(["kml", str(HARBIN)]) == 0 and main(["kml", str(HARBIN), "--lang", "zh"]) == 0
    folder = tmp_path / "dist" / "harbin-1932"
    own, zh = doc_kml(folder / "harbin-1932.kmz"), doc_kml(folder / "harbin-1932.zh.kmz")
    edition = json.loads((HARBIN / "frames.zh.json").read_text(encoding="utf-8"))["frames"][0]["title"]
    assert edition.encode("utf-8") in zh and edition.encode("utf-8") not in own
