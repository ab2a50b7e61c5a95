"""The story map in Debian Chromium via Playwright: offline, drawn, steppable, linkable, safe, phone-sized.

One browser for the module; tile requests are answered with an empty PNG so the tests need no network.
Tests wait on the page's state (window.geostory), never on fixed delays, except the offline settle.
"""
from __future__ import annotations

import base64
import re

import pytest
from test_webmap import make_hostile_story, make_plain_story

from geostory import load_story
from geostory.styles import movement_style
from geostory.webmap import build_map
from geostory.webmap.payload import build_payload

from catalogue import style_data
from conftest import need

try:  # a test extra: skipped where it is missing, but a failure under CI=true (see conftest.need)
    from playwright.sync_api import sync_playwright
except ImportError:
    sync_playwright = None

pytestmark = pytest.mark.browser

ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
        "--no-first-run"]
TILE_HOSTS = ("server.arcgisonline.com",)
EMPTY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
DESKTOP = {"width": 1280, "height": 800}
DATA = "geostory.data"  # the payload as the page unpacked it (story.js) from the columns it carries
IN_VIEW = f"""() => {{
    // The current frame's bounds are on screen and clear of the legend (the panel is beside the map).
    const map = geostory.map, b = L.latLngBounds({DATA}.frames[geostory.current()].bounds);
    const box = map.getContainer().getBoundingClientRect();
    const g = document.querySelector('.gs-legend').getBoundingClientRect();
    const sw = map.latLngToContainerPoint(b.getSouthWest()), ne = map.latLngToContainerPoint(b.getNorthEast());
    const r = {{left: box.left + sw.x, right: box.left + ne.x, top: box.top + ne.y, bottom: box.top + sw.y}};
    const clear = r.right <= g.left || r.left >= g.right || r.bottom <= g.top || r.top >= g.bottom;
    return clear && r.left >= box.left - 1 && r.right <= box.right + 1
        && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
}}"""


@pytest.fixture(scope="module")
def browser(chromium):
    need("Playwright (pip install -e '.[test]')", sync_playwright)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def harbin_url(harbin, tmp_path_factory) -> str:
    return build_map(harbin, tmp_path_factory.mktemp("map") / "harbin-1932.html").as_uri()


class Session:
    """A page with offline routing and a record of console errors and non-tile requests."""

    def __init__(self, browser, **context):
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        if url.startswith("file:"):
            return route.continue_()
        if any(host in url for host in TILE_HOSTS):
            return route.fulfill(status=200, content_type="image/png", body=EMPTY_PNG)
        self.requests.append(url)
        return route.abort()

    def open(self, url: str):
        self.page.goto(url)
        self.page.wait_for_function("window.geostory && window.geostory.ready")
        return self.page

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.context.close()


@pytest.fixture
def session(browser):
    """A desktop page; reduced motion so the map is still when a test clicks on it."""
    with Session(browser, viewport=DESKTOP, reduced_motion="reduce") as s:
        yield s


def title(page) -> str:
    return page.locator("#gs-frame-title").inner_text()


def wait_frame(page, frame_id: str) -> None:
    page.wait_for_function("id => location.hash === '#' + id", arg=frame_id)


def popup_text(page) -> str:
    return page.locator(".leaflet-popup-content").last.inner_text()


def test_loads_offline_without_errors(session, harbin_url):
    page = session.open(harbin_url)
    page.wait_for_load_state("load")  # never "networkidle": it can hang on file:// pages
    page.wait_for_timeout(500)  # the one fixed settle: let tile and any stray requests be issued
    assert session.errors == [] and session.requests == []
    assert page.title() == "The Defense of Harbin, 1932"


UNPACKED = """() => {
    // The payload as the page unpacked it, with each feature's looks and citations named by index again.
    const d = geostory.data;
    const features = d.features.map(f => {
        const g = Object.assign({}, f);
        ['style', 'strokes', 'head', 'head_earlier'].forEach(k => { delete g[k]; });
        g.info = Object.assign({}, f.info, {sources: f.info.sources.map(c => d.citations.indexOf(c))});
        return g;
    });
    return {features, frames: d.frames, order: d.order, looks: d.looks, style: d.style, words: d.words,
            corrections: d.corrections, sides: d.sides, canvas: d.canvas, lang: d.lang, story: d.story};
}"""


def test_page_unpacks_what_build_payload_wrote(session, harbin_url, harbin):
    """The page carries the payload in columns (webmap/wire.py); story.js gets back exactly build_payload's."""
    wrote = build_payload(harbin)
    got = session.open(harbin_url).evaluate(UNPACKED)
    assert got == {k: v for k, v in wrote.items() if k in got}


def test_all_layers_drawn_and_toggled(session, harbin_url, harbin):
    page = session.open(harbin_url)
    page.keyboard.press("End")  # everything dated has happened by the last frame
    count = lambda css: page.locator(css).count()  # noqa: E731
    layers = {name: len(features) for name, features in harbin.layers.items()}
    for css, layer in (("path.gs-place", "places"), ("path.gs-river", "rivers"),
                       ("path.gs-railway", "railways"), ("path.gs-event", "events"), ("path.gs-mv-shaft", "movements"),
                       ("path.gs-mv-head", "movements")):
        assert count(css) == layers[layer], css
    # Labels are made only for places in the view or within half a view of it, and only where they do not
    # overlap a label already placed (frame places first, then by rank): not for every place up front.
    page.wait_for_function("!geostory.moving()")
    near = page.evaluate(f"""() => {{ const b = geostory.map.getBounds().pad(0.5);
        return {DATA}.features.filter(f => f.layer === 'places' && b.contains(f.ll)).length; }}""")
    boxes = page.eval_on_selector_all(".leaflet-tooltip.gs-label", "els => els.map(e => e.getBoundingClientRect())"
                                      ".map(r => [r.left, r.top, r.right, r.bottom])")
    assert 0 < len(boxes) <= near
    for i, a in enumerate(boxes):
        for b in boxes[:i]:
            assert a[2] <= b[0] + 1 or b[2] <= a[0] + 1 or a[3] <= b[1] + 1 or b[3] <= a[1] + 1, (a, b)
    assert count("path.gs-casing") == sum(bool(movement_style(f.props, harbin.meta)["casing"])
                                          for f in harbin.layers["movements"])  # railways have none
    assert count(".gs-legend") == 1 and count(".leaflet-control-layers") == 1 and count(".leaflet-control-scale") == 1
    page.hover(".leaflet-control-layers")
    page.get_by_label(re.compile("Rivers")).uncheck()
    assert count("path.gs-river") == 0 < layers["rivers"]


def test_stepping_by_buttons_keys_and_slider(browser, harbin_url, harbin):
    frames = harbin.frames
    with Session(browser, viewport=DESKTOP, reduced_motion="no-preference") as s:
        page = s.open(harbin_url)
        assert title(page) == frames[0].title and page.evaluate("geostory.current()") == 0
        history = page.evaluate("history.length")
        page.click("#gs-next")
        wait_frame(page, frames[1].id)
        assert title(page) == frames[1].title and page.locator("#gs-count").inner_text().startswith("2 /")
        for key, i in (("ArrowRight", 2), ("ArrowLeft", 1), ("End", -1), ("Home", 0)):
            page.keyboard.press(key)
            wait_frame(page, frames[i].id)
        page.click("#gs-prev", force=True)  # aria-disabled at the first frame: nothing happens
        assert page.evaluate("geostory.current()") == 0
        for i in (5, 1, 0):  # dragging reaches every frame, even two that start on the same day (the first two)
            page.locator("#gs-slider").fill(str(page.evaluate(f"i => {DATA}.frames[i].at", i)))
            wait_frame(page, frames[i].id)
            assert title(page) == frames[i].title
        page.focus("#gs-slider")
        page.keyboard.press("ArrowRight")  # on the slider, arrows step whole frames
        wait_frame(page, frames[1].id)
        assert page.evaluate("history.length") == history  # replaceState: the back button is not flooded
        assert s.errors == []


def test_frames_show_exactly_the_core_states(session, harbin_url, harbin):
    """Each feature's class (current, earlier, context) or absence (hidden) is Story.frame_states'; earlier
    movements are faded by styles.json's factors; each frame's view is in sight and clear of the legend."""
    page = session.open(harbin_url)
    faded = style_data()["faded"]
    for i, frame in enumerate(harbin.frames):
        page.evaluate("i => geostory.go(i)", i)
        expected = harbin.frame_states(frame)
        drawn = page.eval_on_selector_all("path[data-id]", """els => els.map(e => [e.dataset.id,
            [...e.classList].filter(c => /^gs-(current|earlier|context|hidden|past|base)$/.test(c)).join()])""")
        assert {fid: {c for d, c in drawn if d == fid} for fid, _ in drawn} == {
            fid: {f"gs-{state}"} for fid, state in expected.items()}
        hidden = [f.id for f in harbin.features() if f.id not in expected]
        assert page.evaluate("ids => ids.map(id => geostory.state(id))", hidden) == ["hidden"] * len(hidden)
        shafts = page.eval_on_selector_all("path.gs-mv-shaft", "els => els.map(e => [e.dataset.id, "
                                           "+e.getAttribute('stroke-opacity'), +e.getAttribute('stroke-width')])")
        for fid, opacity, width in shafts:
            st = movement_style(harbin.feature(fid).props, harbin.meta)
            k = (faded["opacity"], faded["width_factor"]) if expected[fid] == "earlier" else (1, 1)
            assert (opacity, width) == pytest.approx((st["opacity"] * k[0], st["width"] * k[1]))
        assert page.evaluate(IN_VIEW), frame.id


def test_every_frame_link_opens_that_frame(session, harbin_url, harbin):
    page = session.page
    for i, frame in enumerate(harbin.frames):
        session.open(f"{harbin_url}#{frame.id}")
        assert page.evaluate("geostory.current()") == i and title(page) == frame.title
    page.evaluate("id => { location.hash = '#' + id; }", harbin.frames[2].id)
    page.wait_for_function("geostory.current() === 2")
    assert title(page) == harbin.frames[2].title
    page.evaluate("location.hash = '#no-such-frame'")  # an unknown id keeps the frame and restores its link
    wait_frame(page, harbin.frames[2].id)
    assert page.evaluate("geostory.current()") == 2 and title(page) == harbin.frames[2].title


def test_autoplay_steps_and_pauses(session, harbin_url):
    page = session.open(harbin_url)
    page.evaluate("geostory.autoplayMs = 700")  # slow enough that it cannot reach the end before the pause
    page.click("#gs-play")
    assert page.locator("#gs-play").get_attribute("aria-pressed") == "true" and page.evaluate("geostory.playing()")
    page.wait_for_function("geostory.current() >= 1")
    page.click("#gs-play")
    assert page.locator("#gs-play").inner_text() == "Play"
    assert page.evaluate("geostory.playing()") is False  # its timer is gone: nothing more will step


def test_popups_and_panel_show_narrative_sources_and_corrections(session, harbin_url, harbin):
    page = session.open(harbin_url)
    page.keyboard.press("End")
    for layer in ("places", "events", "movements"):
        feature = harbin.layers[layer][0]
        page.evaluate("id => geostory.openFeature(id)", feature.id)
        text = popup_text(page)
        assert feature.props.name_en in text and feature.props.narrative[:40] in text and "source" in text.lower()
    then = next(f for f in harbin.features() if f.props.name_period and f.props.name_period != f.props.name_en)
    page.evaluate("id => geostory.openFeature(id)", then.id)
    assert f"At the time: {then.props.name_period}" in popup_text(page)
    # A real mouse click on a place marker that nothing covers opens its popup too.
    page.keyboard.press("Escape")  # then wait until the closed popup has gone and the map stopped panning
    page.wait_for_function("!document.querySelector('.leaflet-popup') && !geostory.moving()")
    target = click_uncovered_place(page)
    assert harbin.feature(target["id"]).props.name_en in popup_text(page)
    f = next(f for f in harbin.features() if f.props.corrections)
    page.evaluate("i => geostory.go(i)", next(i for i, fr in enumerate(harbin.frames) if f.id in fr.features))
    page.evaluate("id => geostory.openFeature(id)", f.id)
    correction = next(c for c in harbin.meta.corrections if c.id == f.props.corrections[0])
    assert "the map shows" in popup_text(page).lower() and correction.map_shows[:40] in popup_text(page)
    i, frame = next((i, fr) for i, fr in enumerate(harbin.frames) if fr.corrections)
    page.evaluate("i => geostory.go(i)", i)
    correction = next(c for c in harbin.meta.corrections if c.id == frame.corrections[0])
    text = page.locator("#gs-corrections").inner_text()
    assert correction.seed_claim[:40] in text and correction.reason[:40] in text


def click_uncovered_place(page) -> dict:
    """Click, with the real mouse, a place marker that nothing covers; return its id and position."""
    page.wait_for_function("!geostory.moving()")
    target = page.evaluate("""() => {
        for (const e of document.querySelectorAll('path.gs-place')) {
            const r = e.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
            if (document.elementFromPoint(x, y) === e) return {id: e.dataset.id, x, y};
        }
    }""")
    assert target, "a place marker that nothing covers"
    page.mouse.click(target["x"], target["y"])
    return target


def test_hostile_text_executes_nothing(browser, tmp_path):
    story = load_story(make_hostile_story(tmp_path))
    url = build_map(story, tmp_path / "hostile.html").as_uri()
    with Session(browser, viewport=DESKTOP, reduced_motion="reduce") as s:
        page = s.open(url)
        assert "<script>window.pwned=1</script>" in title(page)  # shown as text
        page.evaluate("id => geostory.openFeature(id)", story.layers["places"][0].id)
        popup = page.locator(".leaflet-popup-content").last
        assert "<img src=x" in popup.inner_text() and popup.locator("a[href^='javascript']").count() == 0
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Home")
        page.keyboard.press("Escape")
        page.wait_for_function("!document.querySelector('.leaflet-popup')")
        click_uncovered_place(page)
        page.wait_for_selector(".leaflet-popup-content")
        assert page.evaluate("typeof window.pwned") == "undefined" and page.locator("img[src=x]").count() == 0
        assert s.errors == []


def test_story_without_chinese_names_shows_no_null(browser, tmp_path):
    story = load_story(make_plain_story(tmp_path))
    with Session(browser, viewport=DESKTOP, reduced_motion="reduce") as s:
        page = s.open(build_map(story, tmp_path / "plain.html").as_uri())
        page.keyboard.press("End")
        texts = page.eval_on_selector_all(".gs-label, .gs-chip, .gs-legend", "els => els.map(e => e.textContent)")
        for f in story.features():
            page.evaluate("id => geostory.openFeature(id)", f.id)
            texts.append(popup_text(page))
        assert len(texts) > len(story.features()) and not [t for t in texts if "null" in t or "undefined" in t]
        assert page.locator(".gs-label .gs-zh").count() == 0 and s.errors == []


def test_phone_viewport_is_usable(browser, harbin_url, harbin):
    with Session(browser, viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True) as s:
        page = s.open(harbin_url)
        for css in ("#gs-panel", "#gs-prev", "#gs-play", "#gs-next", "#gs-slider", "#gs-frame-title", "#gs-toggle"):
            box = page.locator(css).bounding_box()
            assert box and box["width"] > 0 < box["height"] and 0 <= box["x"] <= 375 - box["width"], css
            assert box["y"] + box["height"] <= 667, css
        assert (map_box := page.locator(".folium-map").bounding_box())["height"] >= 250
        page.locator("#gs-next").tap()
        wait_frame(page, harbin.frames[1].id)
        page.locator("#gs-toggle").tap()
        assert page.locator("#gs-toggle").get_attribute("aria-expanded") == "false"
        assert page.locator(".folium-map").bounding_box()["height"] > map_box["height"]
        assert s.errors == []


def test_keyboard_focus_is_visible_and_motion_reduced(session, harbin_url, harbin):
    page = session.open(harbin_url)
    page.focus("#gs-next")
    page.keyboard.press("Enter")
    wait_frame(page, harbin.frames[1].id)
    assert page.eval_on_selector("#gs-next", "e => getComputedStyle(e).outlineStyle") != "none"
    page.evaluate("geostory.go(6)")  # under reduced motion the map jumps: in view right after the step
    assert page.evaluate(IN_VIEW) and not page.evaluate("geostory.map._animatingZoom")
    page.evaluate("geostory.autoplayMs = 700")
    page.click("#gs-play")
    page.wait_for_function("geostory.current() >= 7")
    page.click("#gs-play")
    assert page.evaluate("geostory.playing()") is False
