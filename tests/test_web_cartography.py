"""The web map's own cartography, read from the built page: the offline relief inside it and its size."""
from __future__ import annotations

import base64
import io
import re

import pytest
from PIL import Image
from pyproj import Transformer

from geostory.webmap import render_html
from geostory.webmap.page import story_extent

PAGE_BUDGET = 600 * 1024
"""The Harbin page, Leaflet, data, scripts and relief together, at most 600 KB (issue 10)."""


@pytest.fixture(scope="module")
def html(harbin) -> str:
    return render_html(harbin)


def relief_overlay(html: str) -> tuple[bytes, list[list[float]]]:
    """The relief image and its Leaflet bounds, as the page hands them to L.imageOverlay."""
    match = re.search(r'L\.imageOverlay\(\s*"data:image/jpeg;base64,([A-Za-z0-9+/=]+)",\s*(\[\[.*?\]\])', html, re.S)
    assert match, "the page embeds the relief as an image overlay with a JPEG data URI"
    bounds = [[float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", pair)] for pair in match.group(2).split("],")]
    return base64.b64decode(match.group(1)), bounds


def test_relief_is_inside_the_page_and_covers_the_story(harbin, html):
    data, ((south, west), (north, east)) = relief_overlay(html)
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.mode == "RGB"
        assert min(image.size) >= 200  # terrain, not a token
        pixels = image.convert("L").getextrema()
    assert pixels[1] - pixels[0] > 40, "the relief has light and shade"
    w, s, e, n = story_extent(harbin)
    assert west < w and south < s and east > e and north > n  # with room to pan and for tall phone views
    for view in harbin.derived.views:
        assert west <= view[0] and east >= view[2] and south <= view[1] and north >= view[3]


def test_relief_is_web_mercator_and_under_the_tiles(html):
    data, ((south, west), (north, east)) = relief_overlay(html)
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
    to_merc = Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True)
    (x0, x1), (y0, y1) = to_merc.transform([west, east], [south, north])
    # Square pixels in Web Mercator: the image is the Mercator rectangle of its bounds (not plate carrée).
    assert (x1 - x0) / width == pytest.approx((y1 - y0) / height, rel=0.01)
    assert '"pane": "gs-relief"' in html  # its own pane; the browser tests check it lies under the tiles
    assert "shadedrelief.com" in html  # credited in the attribution


def test_harbin_page_within_budget(html):
    size = len(html.encode("utf-8"))
    assert size <= PAGE_BUDGET, f"{size / 1024:.0f} KB"
