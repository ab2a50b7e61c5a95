"""Screenshot the story map with Playwright and Chromium, e.g. for the README (docs/img/harbin-map.png).

    .venv/bin/python scripts/screenshot.py                       # Harbin story, 1280x800, frame from --frame
    .venv/bin/python scripts/screenshot.py --size 375x667 -o phone.png --frame <frame-id>
    .venv/bin/python scripts/screenshot.py --offline             # block tiles: the page's own relief only

Uses the Debian Chromium (/usr/bin/chromium, or $CHROMIUM); `playwright install` is not needed.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from geostory import load_story
from geostory.webmap import build_map

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
        "--no-first-run"]
TILE_HOSTS = ("server.arcgisonline.com",)
TILES_DONE = "[...document.querySelectorAll('img.leaflet-tile')].every(t => t.complete)"


def chromium() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        sys.exit("screenshot: Chromium not found; install the Debian package chromium or set CHROMIUM=/path/to/chrome")
    return path


def screenshot(html: Path, output: Path, width: int, height: int, frame: str | None, offline: bool,
               popup: str | None = None, scale: float = 1) -> Path:
    """Open the page (optionally at a frame), wait until it is drawn, and save a PNG."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium(), args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=scale,
                                reduced_motion="reduce")

        def route(r):
            if r.request.url.startswith("file:"):
                return r.continue_()
            if not offline and any(h in r.request.url for h in TILE_HOSTS):
                return r.continue_()
            return r.abort()

        page.route("**/*", route)
        page.goto(html.as_uri() + (f"#{frame}" if frame else ""))
        page.wait_for_function("window.geostory && window.geostory.ready")
        if popup:
            page.evaluate("id => window.geostory.openFeature(id)", popup)
        page.wait_for_function("!window.geostory.moving()")
        if not offline:  # wait for the tiles in view, not "networkidle" (which can hang on file:// pages)
            with contextlib.suppress(Exception):  # tiles that never answer should not stop a screenshot
                page.wait_for_function(TILES_DONE, timeout=15000)
        page.wait_for_timeout(200)  # let the last tiles fade in
        output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(output))
        browser.close()
    return output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("story", nargs="?", default=str(ROOT / "geodata"), help="story folder (default: geodata/)")
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "img" / "harbin-map.png"))
    parser.add_argument("--size", default="1280x800", help="viewport WIDTHxHEIGHT in CSS pixels")
    parser.add_argument("--frame", help="frame id to show (default: the first frame)")
    parser.add_argument("--popup", help="feature id whose popup to open")
    parser.add_argument("--offline", action="store_true", help="block basemap tiles")
    parser.add_argument("--scale", type=float, default=1, help="device pixel ratio (2 for a sharper, larger PNG)")
    args = parser.parse_args()
    width, height = (int(x) for x in args.size.lower().split("x"))
    story = load_story(args.story)
    with tempfile.TemporaryDirectory() as tmp:
        html = build_map(story, Path(tmp) / "map.html")
        shot = screenshot(html, Path(args.output), width, height, args.frame, args.offline, args.popup, args.scale)
        print(f"wrote {shot}")


if __name__ == "__main__":
    main()
