"""The web map as a reader sees it, in Debian Chromium with no network: terrain from the relief inside the
page, accessibility (axe-core), and printing.

Each test opens its own page; the network is refused outright (no tile is ever answered), so what shows is
what the file carries.
"""
from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geostory.webmap import build_map

from conftest import need

try:  # test extras: skipped where missing, but a failure under CI=true (see conftest.need)
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:
    sync_playwright = None
try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:
    Axe = None

pytestmark = pytest.mark.browser

ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
        "--no-first-run"]
SIZES = {"desktop": (1440, 900), "projector": (1024, 768), "phone": (375, 667)}
BATTLE = "1932-02-04-battle-and-fall"


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Browser]:
    need("Playwright (pip install -e '.[test]')", sync_playwright)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def url(harbin: Any, tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_map(harbin, tmp_path_factory.mktemp("web") / "harbin-1932.html").as_uri()


def open_page(browser: Browser, url: str, size: str, fragment: str = "") -> Page:
    """A page at one of SIZES, offline (every request but the file refused), motion reduced so views are final."""
    width, height = SIZES[size]
    phone = size == "phone"
    page = browser.new_page(viewport={"width": width, "height": height}, reduced_motion="reduce",
                            is_mobile=phone, has_touch=phone)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
    page.goto(url + (f"#{fragment}" if fragment else ""))
    page.wait_for_function("window.geostory && window.geostory.ready")
    page.wait_for_function("() => [...document.querySelectorAll('img.gs-relief')].every(i => i.complete)")
    assert errors == []
    return page


RELIEF_COVERS_MAP = """() => {
    const map = geostory.map.getContainer().getBoundingClientRect();
    const img = document.querySelector('img.gs-relief');
    const r = img.getBoundingClientRect();
    const z = name => Number(getComputedStyle(geostory.map.getPane(name)).zIndex);
    return {covers: r.left <= map.left && r.top <= map.top && r.right >= map.right && r.bottom >= map.bottom,
            decoded: img.naturalWidth > 0, under_tiles: z('gs-relief') < z('tilePane'),
            under_story: z('gs-relief') < z('overlayPane')};
}"""


@pytest.mark.parametrize("size", SIZES)
def test_relief_fills_the_map_offline_at_every_frame(browser: Browser, url: str, size: str, harbin: Any) -> None:
    page = open_page(browser, url, size)
    for i, frame in enumerate(harbin.frames):
        page.evaluate("i => geostory.go(i)", i)
        page.wait_for_function("() => !geostory.moving()")
        got = page.evaluate(RELIEF_COVERS_MAP)
        assert got == {"covers": True, "decoded": True, "under_tiles": True, "under_story": True}, (size, frame.id)
    page.close()


OPEN_POPUP = """() => {
    const id = geostory.visible().find(id => geostory.state(id) === 'current');
    geostory.openFeature(id);
    return !!document.querySelector('.leaflet-popup');
}"""


@pytest.mark.parametrize("size", ["desktop", "phone"])
@pytest.mark.parametrize("fragment", ["", BATTLE])
def test_axe_finds_no_violations(browser: Browser, url: str, size: str, fragment: str) -> None:
    need("axe-playwright-python (pip install -e '.[test]')", Axe)
    page = open_page(browser, url, size, fragment)
    assert page.evaluate(OPEN_POPUP), "a popup is open while axe looks"
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_snapshot()
    page.close()


def test_print_shows_the_map_and_the_frame_text_without_controls(browser: Browser, url: str, harbin: Any,
                                                                 tmp_path: Path) -> None:
    need("pdftotext (Debian package poppler-utils)", shutil.which("pdftotext"))
    page = open_page(browser, url, "desktop", BATTLE)
    pdf = tmp_path / "print.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    page.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    frame = harbin.frame(BATTLE)
    assert frame.title in text
    assert " ".join(frame.narrative.split()[:8]) in " ".join(text.split())
    for control in ("Previous", "Next", "Play", "Hide text", "Keys:"):
        assert control not in text, control
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "Harbin" in first and frame.title in " ".join(first.split())  # the map's labels and the text, page 1
