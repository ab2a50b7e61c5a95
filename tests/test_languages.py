"""The interface in English and Chinese, and the Harbin story's Chinese edition, through every output.

One catalogue per language drives the page (buttons, legend, badges, corrections, dates and months), QGIS
(dates, bookmarks, labels) and the pictures; `geostory build` writes a page per edition, each linking to the
other, and a real browser follows the switch.
"""
from __future__ import annotations

import json
import re

import matplotlib.text
import pyogrio
import pytest
from test_browser import ARGS, DESKTOP, Session

from geostory import load_story
from geostory.cli import main
from geostory.editions import in_language
from geostory.frames import FrameRenderer
from geostory.i18n import LANGUAGES, catalogue
from geostory.qgis import export_qgis
from geostory.webmap.payload import build_payload

from conftest import HARBIN

try:
    from playwright.sync_api import sync_playwright
except ImportError:
    sync_playwright = None


@pytest.fixture(scope="module")
def zh(harbin):
    return in_language(harbin, "zh")


def test_catalogues_have_the_same_messages_and_placeholders():
    en, zh = catalogue("en"), catalogue("zh")
    assert set(LANGUAGES) == {"en", "zh"}
    raw_zh = json.loads((HARBIN.parent / "src" / "geostory" / "locales" / "zh.json").read_text(encoding="utf-8"))
    assert set(raw_zh) == set(en), set(en) ^ set(raw_zh)  # every message translated, none extra
    for key, value in en.items():
        if isinstance(value, str):
            assert set(re.findall(r"{(\w+)}", value)) == set(re.findall(r"{(\w+)}", zh[key])), key
    assert len(zh["months"]) == 12 and zh["months"][1] == "2月"


def test_the_chinese_edition_replaces_titles_and_narratives_only(harbin, zh):
    assert [fr.id for fr in zh.frames] == [fr.id for fr in harbin.frames]
    for a, b in zip(harbin.frames, zh.frames, strict=True):
        assert (a.start, a.end, a.sources, a.features, a.corrections) == (b.start, b.end, b.sources, b.features,
                                                                           b.corrections)
        assert re.search(r"[\u4e00-\u9fff]", b.title) and len(re.findall(r"[\u4e00-\u9fff]", b.narrative)) > 60


def test_a_broken_edition_says_what_to_write(tmp_path, capsys):
    import shutil

    root = tmp_path / "h"
    shutil.copytree(HARBIN, root)
    data = json.loads((root / "frames.zh.json").read_text(encoding="utf-8"))
    data["frames"] = [*data["frames"][1:], {"id": "no-such-frame", "title": "x", "narrative": "y"}]
    (root / "frames.zh.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err
    assert "frames.zh.json: frame '1931-11-background': expected the frame's title and narrative in zh" in err
    assert "frame 'no-such-frame': field 'id': expected the id of a frame in frames.json" in err


def test_web_payload_and_page_in_chinese(zh, tmp_path):
    payload = build_payload(zh)
    assert payload["lang"] == "zh-Hans" and payload["words"]["play"] == "播放"
    battle = next(fr for fr in payload["frames"] if fr["id"] == "1932-02-04-battle-and-fall")
    assert battle["date"]["text"] == "1932年2月4日至5日" and battle["title"] == "2月4日至5日：哈尔滨之战"
    assert payload["axis"]["from"] == "1931年11月1日"
    correction = next(iter(payload["corrections"].values()))
    assert correction["says"].startswith("种子文本称（")
    assert main(["build", str(HARBIN), "--lang", "zh", "-o", str(tmp_path / "zh.html")]) == 0
    html = (tmp_path / "zh.html").read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in html
    for words in ("上一帧", "下一帧", "播放", "图例", "隐藏文字", "路线为约略"):
        assert words in html, words


def test_qgis_in_chinese(zh, tmp_path):
    gpkg, qgs, _ = export_qgis(zh, tmp_path / "q")  # GeoPackage, project, relief
    frames = pyogrio.read_dataframe(gpkg, layer="frames")
    assert frames["date_text"].str.contains("年").all()
    assert frames["bookmark"].iloc[8] == "09 · 1932年2月4日至5日（有争议） — 2月4日至5日：哈尔滨之战"
    project = qgs.read_text(encoding="utf-8")
    assert "attribute(&#39;name_zh&#39;) || &#39;\\n&#39; || &#34;name_en&#34;" in project or \
        "attribute('name_zh') || '\\n' || \"name_en\"" in project.replace("&#39;", "'").replace("&#34;", '"').replace(
            "&quot;", '"')


def test_frame_pictures_in_chinese(zh):
    renderer = FrameRenderer(zh)
    frame = zh.frames[8]
    texts = "\n".join(t.get_text() for t in renderer.figure(frame, 9).findobj(matplotlib.text.Text))
    assert "2月4日至5日：哈尔滨之战" in texts and "1932年2月4日至5日（有争议）" in texts
    assert "来源：" in texts and "哈尔滨" in texts  # the place's Chinese name first


@pytest.mark.browser
def test_build_writes_each_edition_and_the_page_switches(tmp_path, chromium, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(HARBIN)]) == 0
    out = tmp_path / "dist" / "harbin-1932" / "harbin-1932.html"
    assert capsys.readouterr().out.splitlines() == ["wrote dist/harbin-1932/harbin-1932.html",
                                                    "wrote dist/harbin-1932/harbin-1932.zh.html"]
    if sync_playwright is None:
        pytest.skip("Playwright not installed")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        with Session(browser, viewport=DESKTOP, reduced_motion="reduce") as s:
            page = s.open(out.as_uri() + "#1932-02-04-battle-and-fall")
            assert page.locator("html").get_attribute("lang") == "en"
            assert page.locator("#gs-play").inner_text() == "Play"
            page.locator(".gs-lang a[hreflang='zh-Hans']").click()
            page.wait_for_function(
                "window.geostory && window.geostory.ready && document.documentElement.lang === 'zh-Hans'")
            assert page.locator("#gs-play").inner_text() == "播放"
            assert page.locator("#gs-frame-title").inner_text() == catalogue_title(load_story(HARBIN))
            page.locator("#gs-play").click()
            page.wait_for_function("document.getElementById('gs-play').textContent === '暂停'")
            page.locator("#gs-play").click()
            page.locator(".gs-lang a[hreflang='en']").click()
            page.wait_for_function("document.documentElement.lang === 'en' && window.geostory && window.geostory.ready")
            assert s.errors == []
        browser.close()


def catalogue_title(story) -> str:
    return in_language(story, "zh").frames[0].title


def test_an_edition_goes_beside_the_story_own_outputs(tmp_path, monkeypatch):
    """``qgis --lang zh`` with no ``-o`` writes ``qgis.zh/`` and leaves the English package as it was."""
    monkeypatch.chdir(tmp_path)
    assert main(["qgis", str(HARBIN)]) == 0
    folder = tmp_path / "dist" / "harbin-1932"
    english = {p.name: p.read_bytes() for p in (folder / "qgis").iterdir()}
    assert main(["qgis", str(HARBIN), "--lang", "zh"]) == 0
    assert {p.name: p.read_bytes() for p in (folder / "qgis").iterdir()} == english
    assert "年" in pyogrio.read_dataframe(folder / "qgis.zh" / "harbin-1932.gpkg", layer="frames")["date_text"][0]
