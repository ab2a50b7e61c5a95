"""The story map's HTML file, read without a browser: self-contained, reproducible, escaped, and drawn by
the core's shared rules (visibility, views, wording, styles) rather than rules of its own."""
from __future__ import annotations

import itertools
import json
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from geostory import load_story
from geostory.cli import main
from geostory.geometry import frame_bounds
from geostory.webmap import build_map, render_html
from geostory.webmap.json_values import safe_url
from geostory.webmap.payload import build_payload, slider_ticks
from geostory.webmap.widgets import SCRIPTS
from geostory.wording import date_text

from catalogue import style_data

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "<script>window.pwned=1</script>"
IMG = '<img src=x onerror="window.pwned=1">'
JS_URL = "javascript:window.pwned=1"
TEMPLATE = "{{ 7*7 }}{% if true %}x{% endif %}"


def make_hostile_story(folder: Path) -> Path:
    """A copy of the Harbin story with markup, a javascript: URL and Jinja syntax in author text."""
    shutil.copytree(ROOT / "geodata", folder / "geodata")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    story_dir = folder / "geodata"

    def edit(name: str, change) -> None:
        path = story_dir / name
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    def frames(data):
        data["frames"][0]["title"] = "Hostile " + SCRIPT
        data["frames"][0]["narrative"] = f"Frame text {IMG} {TEMPLATE}"

    def meta(data):
        data["title"] = "Story " + SCRIPT
        data["sources"]["evil"] = {"title": "Evil " + IMG, "url": JS_URL}

    def places(data):
        props = data["features"][0]["properties"]
        props["name_en"] = "Place " + IMG
        props["narrative"] = f"Place text {SCRIPT} {TEMPLATE}"
        props["sources"].append({"source": "evil", "note": SCRIPT})

    edit("frames.json", frames)
    edit("story.json", meta)
    edit("places.geojson", places)
    return story_dir


def make_plain_story(folder: Path) -> Path:
    """The starter story without any Chinese names and with a side nothing uses: a story may omit both."""
    assert main(["new", str(folder / "plain"), "--title", "Plain story"]) == 0
    story_dir = folder / "plain"
    for path in story_dir.glob("*.geojson"):
        data = json.loads(path.read_text(encoding="utf-8"))
        for feature in data["features"]:
            feature["properties"].pop("name_zh", None)
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    meta = json.loads((story_dir / "story.json").read_text(encoding="utf-8"))
    meta["sides"]["unused"] = {"label": "A side with no features", "colour": "#00ff00"}
    (story_dir / "story.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    return story_dir


class _Page(HTMLParser):
    """Collects what the tests look at: external references, script elements and their text."""

    def __init__(self) -> None:
        super().__init__()
        self.external: list[tuple[str, str]] = []
        self.scripts: list[dict] = []
        self.tags: list[tuple[str, dict]] = []
        self._script: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        for name in ("src", "href"):
            if tag in ("script", "link", "img", "iframe") and attrs.get(name):
                self.external.append((tag, attrs[name]))
        if tag == "script":
            self._script = {"attrs": attrs, "text": ""}
            self.scripts.append(self._script)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@pytest.fixture(scope="module")
def harbin_html(harbin) -> str:
    return render_html(harbin)


def _points(flat: list[int], scale: int) -> list[list[float]]:
    out, lat, lon = [], 0, 0
    for dlat, dlon in zip(flat[::2], flat[1::2], strict=True):
        lat, lon = lat + dlat, lon + dlon
        out.append([lat / scale, lon / scale])
    return out


def unpack(w: dict) -> dict:
    """The page's payload as build_payload wrote it, from the columns the page carries (story.js unpack)."""
    c, scale, cited = w["features"], w["scale"], w["citations"]
    features = []
    for k, fid in enumerate(c["id"]):
        key = str(k)
        info = {"name": c["name"].get(key, c["en"][k]), "en": c["en"][k]}
        for name in ("zh", "then"):
            if key in c[name]:
                info[name] = c[name][key]
        if c["date"][k] >= 0:
            info["date"] = w["dates"][c["date"][k]]
        if c["side"][k] >= 0:
            info["side"] = w["side_keys"][c["side"][k]]
        info["facts"] = [w["texts"][i] for i in c["facts"][k]]
        info["narrative"] = c["narrative"][k]
        info["sources"] = w["source_lists"][c["sources"][k]]
        if key in c["corrections"]:
            info["corrections"] = c["corrections"][key]
        f = {"id": fid, "layer": w["layers"][c["layer"][k]], "kind": w["kinds"][c["kind"][k]]}
        geom = c["geom"][k]
        if c["look"][k] >= 0:
            f["path"], f["look"] = _points(geom, scale), c["look"][k]
        elif geom and isinstance(geom[0], int):
            f["ll"] = _points(geom, scale)[0]
        else:
            f["lines"] = [_points(line, scale) for line in geom]
        if c["rank"][k]:
            f["rank"] = c["rank"][k]
        f["info"] = info
        features.append(f)
    fc = w["frames"]
    frames = [{"id": fid, "title": fc["title"][i], "date": w["dates"][fc["date"][i]], "narrative": fc["narrative"][i],
               "sources": [cited[j] for j in w["source_lists"][fc["sources"][i]]],
               "corrections": fc["corrections"][i], "current": fc["current"][i], "begun": fc["begun"][i],
               "bounds": fc["bounds"][i], "at": i} for i, fid in enumerate(fc["id"])]
    rest = {k: v for k, v in w.items() if k in ("story", "lang", "words", "sides", "style", "corrections", "canvas",
                                                 "looks", "order")}
    return {**rest, "features": features, "citations": cited, "frames": frames}


def payload(page: _Page) -> dict:
    [data] = [s for s in page.scripts if s["attrs"].get("id") == "gs-data"]
    assert data["attrs"].get("type") == "application/json"
    return unpack(json.loads(data["text"]))


def test_page_carries_the_payload_whole(harbin, harbin_html):
    """The page's columns and tables unpack to exactly what build_payload wrote (its citations first; the
    slider's ticks are in the page's markup instead)."""
    sent, wrote = payload(parse(harbin_html)), build_payload(harbin)
    assert sent["citations"][:len(wrote["citations"])] == wrote["citations"]
    assert {k: v for k, v in sent.items() if k != "citations"} == \
        {k: v for k, v in wrote.items() if k not in ("citations", "axis")}


def test_page_is_self_contained(harbin_html):
    page = parse(harbin_html)
    assert page.external == []
    for cdn in ("cdn.jsdelivr.net", "code.jquery.com", "bootstrapcdn", "cdnjs.cloudflare.com"):
        assert cdn not in harbin_html
    assert "L.map(" in harbin_html and "window.geostory" in harbin_html  # Leaflet and story.js inlined
    assert "url(images/" not in harbin_html  # leaflet.css images are data: URIs


def test_payload_holds_the_story(harbin, harbin_html):
    data = payload(parse(harbin_html))
    assert [f["id"] for f in data["frames"]] == [fr.id for fr in harbin.frames]
    assert {f["id"] for f in data["features"]} == {f.id for f in harbin.features()}
    movements = [f for f in data["features"] if f["layer"] == "movements"]
    looks = [data["looks"][m["look"]] for m in movements]  # shared looks, sent once each
    assert movements and all(look["head"]["length"] > look["head_earlier"]["length"] for look in looks)
    assert all(len(m["path"]) >= 2 for m in movements) and len(data["looks"]) <= len(movements)
    assert all(f["sources"] and f["narrative"] for f in data["frames"])
    cited = [data["citations"][k] for f in data["features"] for k in f["info"]["sources"]]
    seed = [s for s in cited if s["label"].startswith("Seed, ")]
    assert seed, "seed citations are labelled 'Seed, <section> ¶<n>'"


def test_page_has_panel_slider_and_live_region(harbin_html):
    page = parse(harbin_html)
    attrs = [a for _, a in page.tags]
    assert any(a.get("aria-live") == "polite" for a in attrs)
    [slider] = [a for t, a in page.tags if t == "input" and a.get("type") == "range"]
    assert int(slider["min"]) < int(slider["max"])
    assert {"gs-prev", "gs-next", "gs-play"} <= {a.get("id") for a in attrs}


def test_rebuild_is_byte_identical(harbin, tmp_path):
    first = build_map(harbin, tmp_path / "a" / "map.html").read_bytes()
    second = build_map(load_story(ROOT / "geodata"), tmp_path / "b" / "map.html").read_bytes()
    assert first == second
    assert len(first) <= 600 * 1024  # the budget of issue 10, with the relief inside (test_web_cartography)


def test_author_text_is_escaped(tmp_path):
    html = render_html(load_story(make_hostile_story(tmp_path)))
    for raw in (SCRIPT, "<img src=x", JS_URL, "49x"):
        assert raw not in html
    page = parse(html)
    assert [t for t, a in page.tags if t == "img"] == []
    data = payload(page)
    assert data["frames"][0]["title"] == "Hostile " + SCRIPT  # kept as text, escaped in the file
    assert TEMPLATE in data["frames"][0]["narrative"]  # Jinja syntax is not evaluated at build time
    place = data["features"][0]["info"]
    evil = [data["citations"][k] for k in place["sources"] if data["citations"][k]["label"].startswith("Evil")]
    assert evil and "url" not in evil[0]


def test_cli_build_default_and_output(tmp_path, monkeypatch, capsys):
    story_dir = tmp_path / "story"
    shutil.copytree(ROOT / "geodata", story_dir)
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(story_dir)]) == 0
    assert (tmp_path / "dist" / "harbin-1932" / "harbin-1932.html").is_file()
    assert main(["build", str(story_dir), "-o", "out/map.html"]) == 0
    assert (tmp_path / "out" / "map.html").is_file()
    assert "wrote" in capsys.readouterr().out


def test_cli_build_bad_story_exits_2(tmp_path, capsys):
    assert main(["build", str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err


@pytest.mark.parametrize(("url", "kept"), [
    ("https://en.wikipedia.org/wiki/Harbin", True),
    ("http://example.org/", True),
    (JS_URL, False),
    (" JavaScript:alert(1)", False),
    ("data:text/html,<b>", False),
    ("", False),
])
def test_safe_url(url, kept):
    assert (safe_url(url) is not None) == kept


def test_payload_uses_the_core_rules(harbin, harbin_html):
    """Visibility, views and dates come from Story.frame_states, frame_bounds and geostory.wording."""
    data = payload(parse(harbin_html))
    ids = [f["id"] for f in data["features"]]
    for fr, sent in zip(harbin.frames, data["frames"], strict=True):
        current = set(sent["current"])
        begun = set(data["order"][:sent["begun"]])
        dated = set(data["order"])
        got = {ids[k]: "current" if k in current else "earlier" if k in begun else "context"
               for k in range(len(ids)) if k in current or k in begun or k not in dated}
        assert got == harbin.frame_states(fr)  # the page's reading of the frame model (story.js stateAt)
        assert [ids[k] for k in sent["current"]] == fr.features
        west, south, east, north = frame_bounds(harbin, fr)
        assert [x for corner in sent["bounds"] for x in corner] == pytest.approx([south, west, north, east], abs=1e-5)
        assert sent["date"]["text"] == date_text(fr)
    by_id = {f.id: f for f in harbin.features()}
    for f in data["features"]:
        if "date" in f["info"]:
            assert f["info"]["date"]["text"] == date_text(by_id[f["id"]].props)


def test_styles_come_from_styles_json(harbin_html):
    st = style_data()
    sent = payload(parse(harbin_html))["style"]
    assert sent["faded"]["opacity"] == st["faded"]["opacity"]
    assert sent["faded"]["width_factor"] == st["faded"]["width_factor"]
    assert sent["casing"]["colour"] == st["casing"]["colour"]
    assert sent["hollow_head_fill"] == st["hollow_head_fill"] and sent["draw_order"] == st["draw_order"]
    assert sent["outline"] == {k: v for k, v in st["outline"].items() if k != "comment"}
    assert "shape" not in sent["layers"]["events"]  # circles everywhere, as in QGIS and the pictures
    legend = unescape(harbin_html[harbin_html.index('<details class="gs-legend"'):harbin_html.index("</details>")])
    ink, ol = st["legend"]["ink"], st["outline"]
    assert f'stroke="{ink}" stroke-width="{st["legend"]["route_key_width"]}"' in legend
    assert f'stroke="{ink}" stroke-width="{ol["hollow_head"]}"' in legend  # the intended move's hollow head
    assert f'stroke="{st["layers"]["places"]["colour"]}" stroke-width="{ol["point"]}"' in legend
    assert sent["layers"]["railways"].get("casing") is None
    static = resources.files("geostory.webmap").joinpath("static")
    js = "".join(static.joinpath(name).read_text(encoding="utf-8") for name in SCRIPTS)
    css = static.joinpath("story.css").read_text(encoding="utf-8").lower()
    assert not re.findall(r"#[0-9a-fA-F]{3,6}\b", js), "the scripts draw only with colours from the payload"
    colours = set(re.findall(r"#[0-9a-f]{6}", json.dumps(st).lower()))
    assert not colours & set(re.findall(r"#[0-9a-f]{6}\b", css)), "styles.json colours copied into story.css"
    assert "8.5" not in js and "1930s" not in js


def test_slider_spaces_frames_evenly_with_dates_as_labels(harbin, harbin_html):
    data = payload(parse(harbin_html))
    at = [fr["at"] for fr in data["frames"]]
    axis = build_payload(harbin)["axis"]
    assert at == list(range(len(harbin.frames))) and axis["max"] == len(at) - 1
    ticks = axis["ticks"]
    assert [t["at"] for t in ticks] == at
    gaps = {round(b["position"] - a["position"], 3) for a, b in itertools.pairwise(ticks)}
    assert len(gaps) == 1, "every frame as far from the next on the slider"
    labelled = [t for t in ticks if t["label"]]
    assert labelled[0] is ticks[0] and labelled[-1] is ticks[-1] and 3 <= len(labelled) <= 5
    assert labelled[0]["label"].endswith("1931") and "Feb" in labelled[-1]["label"]
    words = harbin.words
    assert slider_ticks(harbin.frames[:1], words)[0]["position"] == 0
    assert len(slider_ticks(harbin.frames[:2], words)) == 2


def test_page_allows_pinch_zoom(harbin_html):
    viewports = [a for t, a in parse(harbin_html).tags if t == "meta" and a.get("name") == "viewport"]
    assert len(viewports) == 1
    assert "user-scalable=no" not in viewports[0]["content"] and "maximum-scale" not in viewports[0]["content"]


def test_names_and_legend_follow_the_story(tmp_path):
    """Missing Chinese names are left out, not sent as null; the legend lists only what the story has."""
    story = load_story(make_plain_story(tmp_path))
    html = render_html(story)
    data = payload(parse(html))
    assert all("zh" not in f["info"] and f["info"]["name"] == f["info"]["en"] for f in data["features"])
    legend = unescape(html[html.index('<details class="gs-legend"'):html.index("</details>")])
    assert "A side with no features" not in legend
    assert all(side.label in legend for key, side in story.meta.sides.items() if key != "unused")
    kinds = {m.props.kind for m in story.layers["movements"]}
    for name, kind in style_data()["movement_kinds"].items():
        assert (kind["label"] in legend) == (name in kinds), name
    for name, layer in style_data()["layers"].items():
        assert (layer["label"] in legend) == bool(story.layers.get(name)), name
    assert "Route known" not in legend and "Railway of the time" not in legend


def test_then_name_is_worded_for_any_story(harbin_html):
    data = payload(parse(harbin_html))
    assert any(f["info"].get("then") for f in data["features"])
    assert "In the 1930s" not in harbin_html
