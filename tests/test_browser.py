"""The story map in Debian Chromium via Playwright: offline, drawn, steppable, linkable, safe, phone-sized.

One browser for the module; tile requests are answered with an empty PNG so the tests need no network.
"""
from __future__ import annotations

import base64
import re

import pytest

from geostory import load_story
from geostory.webmap import build_map
from test_webmap import make_hostile_story

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")

ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
        "--no-first-run"]
TILE_HOSTS = ("server.arcgisonline.com",)
EMPTY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


@pytest.fixture(scope="module")
def browser(chromium):
    with playwright_api.sync_playwright() as p:
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

    def close(self):
        self.context.close()


@pytest.fixture
def session(browser):
    """A desktop page; reduced motion so the map is still when a test clicks on it."""
    s = Session(browser, viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    yield s
    s.close()


@pytest.fixture
def animated_session(browser):
    s = Session(browser, viewport={"width": 1280, "height": 800}, reduced_motion="no-preference")
    yield s
    s.close()


def title(page) -> str:
    return page.locator("#gs-frame-title").inner_text()


def wait_frame(page, frame_id: str) -> None:
    page.wait_for_function("id => location.hash === '#' + id", arg=frame_id)


def expected_visible(story, frame) -> set[str]:
    last = frame.last.last
    return {f.id for f in story.features() if f.first_day is None or f.first_day <= last or f.id in frame.features}


def test_loads_offline_without_errors(session, harbin_url):
    page = session.open(harbin_url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)  # let tile and any stray requests be issued ("networkidle" can hang on file://)
    assert session.errors == []
    assert session.requests == []
    assert page.title() == "The Defense of Harbin, 1932"


def test_all_layers_drawn(session, harbin_url, harbin):
    page = session.open(harbin_url)
    page.keyboard.press("End")  # everything dated has happened by the last frame
    count = lambda css: page.locator(css).count()  # noqa: E731
    layers = {name: len(features) for name, features in harbin.layers.items()}
    assert count("path.gs-place") == layers["places"]
    assert count(".leaflet-tooltip.gs-label") == layers["places"]
    assert count("path.gs-river") == layers["rivers"]
    assert count("path.gs-railway") == layers["railways"]
    assert count("path.gs-event") == layers["events"]
    assert count("path.gs-mv-shaft") == count("path.gs-mv-head") == layers["movements"]
    assert count(".gs-legend") == 1 and count(".leaflet-control-layers") == 1 and count(".leaflet-control-scale") == 1


def test_stepping_by_buttons_keys_and_slider(animated_session, harbin_url, harbin):
    frames = harbin.frames
    page = animated_session.open(harbin_url)
    assert title(page) == frames[0].title and page.evaluate("geostory.current()") == 0
    history = page.evaluate("history.length")
    page.click("#gs-next")
    wait_frame(page, frames[1].id)
    assert title(page) == frames[1].title
    assert page.locator("#gs-count").inner_text().startswith("2 /")
    page.keyboard.press("ArrowRight")
    wait_frame(page, frames[2].id)
    page.keyboard.press("ArrowLeft")
    wait_frame(page, frames[1].id)
    page.keyboard.press("End")
    wait_frame(page, frames[-1].id)
    assert title(page) == frames[-1].title
    page.keyboard.press("Home")
    wait_frame(page, frames[0].id)
    page.click("#gs-prev", force=True)  # aria-disabled at the first frame: nothing happens
    assert page.evaluate("geostory.current()") == 0
    target = 5
    first_day = page.evaluate("i => JSON.parse(document.getElementById('gs-data').textContent).frames[i].first", target)
    page.locator("#gs-slider").fill(str(first_day))
    wait_frame(page, frames[target].id)
    assert title(page) == frames[target].title
    page.focus("#gs-slider")
    page.keyboard.press("ArrowRight")  # on the slider, arrows step whole frames
    wait_frame(page, frames[target + 1].id)
    assert page.evaluate("history.length") == history  # replaceState: the back button is not flooded
    assert animated_session.errors == []


def test_frames_show_their_features(session, harbin_url, harbin):
    page = session.open(harbin_url)
    for i, frame in enumerate(harbin.frames):
        page.evaluate("i => geostory.go(i)", i)
        assert set(page.evaluate("geostory.visible()")) == expected_visible(harbin, frame)
        own_movements = {f for f in frame.features if harbin.feature(f).layer == "movements"}
        current = set(page.eval_on_selector_all("path.gs-mv-shaft.gs-current", "els => els.map(e => e.dataset.id)"))
        assert current == own_movements
        faded = page.eval_on_selector_all("path.gs-mv-shaft.gs-past", "els => els.map(e => +e.getAttribute('stroke-opacity'))")
        assert all(o <= 0.35 + 1e-9 for o in faded)


def test_every_frame_link_opens_that_frame(session, harbin_url, harbin):
    page = session.page
    for i, frame in enumerate(harbin.frames):
        session.open(f"{harbin_url}#{frame.id}")
        assert page.evaluate("geostory.current()") == i
        assert title(page) == frame.title
    page.evaluate("id => { location.hash = '#' + id; }", harbin.frames[2].id)
    page.wait_for_function("geostory.current() === 2")
    assert title(page) == harbin.frames[2].title


def test_autoplay_steps_and_pauses(session, harbin_url):
    page = session.open(harbin_url)
    page.evaluate("geostory.autoplayMs = 120")
    page.click("#gs-play")
    assert page.locator("#gs-play").get_attribute("aria-pressed") == "true"
    page.wait_for_function("geostory.current() >= 2")
    page.click("#gs-play")
    assert page.locator("#gs-play").inner_text() == "Play"
    stopped = page.evaluate("geostory.current()")
    page.wait_for_timeout(300)
    assert page.evaluate("geostory.current()") == stopped


def test_popups_show_narrative_sources_and_corrections(session, harbin_url, harbin):
    page = session.open(harbin_url)
    page.keyboard.press("End")
    for layer in ("places", "events", "movements"):
        feature = harbin.layers[layer][0]
        page.evaluate("id => geostory.openFeature(id)", feature.id)
        popup = page.locator(".leaflet-popup-content").last
        text = popup.inner_text()
        assert feature.props.name_en in text and feature.props.narrative[:40] in text
        assert "source" in text.lower()
    # A real mouse click on a place marker that nothing covers opens its popup too.
    page.keyboard.press("Escape")
    page.wait_for_timeout(400)  # the closed popup fades out and the map ends its auto-pan
    target = page.evaluate("""() => {
        for (const e of document.querySelectorAll('path.gs-place')) {
            const r = e.getBoundingClientRect(), x = r.x + r.width / 2, y = r.y + r.height / 2;
            if (document.elementFromPoint(x, y) === e) return {id: e.dataset.id, x, y};
        }
    }""")
    page.mouse.click(target["x"], target["y"])
    assert harbin.feature(target["id"]).props.name_en in page.locator(".leaflet-popup-content").last.inner_text()
    corrected = [f for f in harbin.features() if f.props.corrections]
    if corrected:
        f = corrected[0]
        page.evaluate("i => geostory.go(i)", next(i for i, fr in enumerate(harbin.frames) if f.id in fr.features))
        page.evaluate("id => geostory.openFeature(id)", f.id)
        correction = next(c for c in harbin.meta.corrections if c.id == f.props.corrections[0])
        text = page.locator(".leaflet-popup-content").last.inner_text()
        assert "the map shows" in text.lower() and correction.map_shows[:40] in text


def test_panel_shows_frame_corrections(session, harbin_url, harbin):
    page = session.open(harbin_url)
    i, frame = next((i, fr) for i, fr in enumerate(harbin.frames) if fr.corrections)
    page.evaluate("i => geostory.go(i)", i)
    correction = next(c for c in harbin.meta.corrections if c.id == frame.corrections[0])
    text = page.locator("#gs-corrections").inner_text()
    assert correction.seed_claim[:40] in text and correction.reason[:40] in text


def test_hostile_text_executes_nothing(browser, tmp_path):
    story = load_story(make_hostile_story(tmp_path))
    url = build_map(story, tmp_path / "hostile.html").as_uri()
    s = Session(browser, viewport={"width": 1280, "height": 800})
    try:
        page = s.open(url)
        assert "<script>window.pwned=1</script>" in title(page)  # shown as text
        page.evaluate("id => geostory.openFeature(id)", story.layers["places"][0].id)
        popup = page.locator(".leaflet-popup-content").last
        assert "<img src=x" in popup.inner_text()
        assert popup.locator("a[href^='javascript']").count() == 0
        page.keyboard.press("ArrowRight")
        page.keyboard.press("Home")
        page.locator("path.gs-place").first.click(force=True)
        page.wait_for_timeout(100)
        assert page.evaluate("typeof window.pwned") == "undefined"
        assert page.locator("img[src=x]").count() == 0
        assert s.errors == []
    finally:
        s.close()


def test_phone_viewport_is_usable(browser, harbin_url, harbin):
    s = Session(browser, viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    try:
        page = s.open(harbin_url)
        for css in ("#gs-panel", "#gs-prev", "#gs-play", "#gs-next", "#gs-slider", "#gs-frame-title", "#gs-toggle"):
            box = page.locator(css).bounding_box()
            assert box and box["width"] > 0 and box["height"] > 0, css
            assert box["x"] >= 0 and box["x"] + box["width"] <= 375 and box["y"] + box["height"] <= 667, css
        map_box = page.locator(".folium-map").bounding_box()
        assert map_box["height"] >= 250
        page.locator("#gs-next").tap()
        wait_frame(page, harbin.frames[1].id)
        page.locator("#gs-toggle").tap()
        assert page.locator("#gs-toggle").get_attribute("aria-expanded") == "false"
        assert page.locator(".folium-map").bounding_box()["height"] > map_box["height"]
        assert s.errors == []
    finally:
        s.close()


def test_keyboard_focus_is_visible_and_motion_reduced(browser, harbin_url, harbin):
    s = Session(browser, viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    try:
        page = s.open(harbin_url)
        page.focus("#gs-next")
        page.keyboard.press("Enter")
        wait_frame(page, harbin.frames[1].id)
        outline = page.eval_on_selector("#gs-next", "e => getComputedStyle(e).outlineStyle")
        assert outline != "none"
        # Under reduced motion the map jumps: the frame's bounds are in view right after the step.
        page.evaluate("geostory.go(6)")
        inside = page.evaluate("""() => {
            const b = JSON.parse(document.getElementById('gs-data').textContent).frames[6].bounds;
            return geostory.map.getBounds().pad(0.01).contains(b) && !geostory.map._animatingZoom;
        }""")
        assert inside
        page.evaluate("geostory.autoplayMs = 50")
        page.click("#gs-play")
        page.wait_for_function("geostory.current() >= 8")
        page.click("#gs-play")
    finally:
        s.close()


def test_layer_control_toggles_a_layer(session, harbin_url):
    page = session.open(harbin_url)
    before = page.locator("path.gs-river").count()
    page.hover(".leaflet-control-layers")
    page.get_by_label(re.compile("Rivers")).uncheck()
    assert page.locator("path.gs-river").count() == 0 < before
