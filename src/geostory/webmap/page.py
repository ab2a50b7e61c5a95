"""Assemble the folium map: basemap, one feature group per layer, controls and the story widgets."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import folium
from branca.element import Element, Figure
from jinja2 import Template

from ..story import Story
from ..styles import styles
from .payload import build_payload
from .widgets import InlineAssets, Legend, StoryPanel, _Raw

# A muted basemap with relief and no modern labels or borders; the story's own river and railway
# vectors keep the map readable if tiles fail to load.
TILES = "https://server.arcgisonline.com/ArcGIS/rest/services/World_Shaded_Relief/MapServer/tile/{z}/{y}/{x}"
TILES_ATTRIBUTION = "Relief tiles &copy; Esri &mdash; Source: Esri"
LAYER_NAMES = {"rivers": "Rivers", "railways": "Railways", "movements": "Movements", "events": "Events",
               "places": "Places"}
"""Names in the layer control; the groups are added in styles.json's draw_order."""
FOLIUM_VIEWPORT = ('<meta name="viewport" content="width=device-width,\n'
                   '                initial-scale=1.0, maximum-scale=1.0, user-scalable=no" />')
VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'
"""folium forbids pinch zoom (user-scalable=no, maximum-scale=1); readers who need larger text must have it."""


class _StoryFigure(Figure):
    """branca's Figure with the page's language, geostory's generator mark, and the script inside <body>.

    branca puts its script after </body>, which a strict HTML5 parser rejects; the generator meta is how a
    rebuild knows the file is a page geostory wrote and may be replaced (``output.GENERATOR``).
    """

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang }}">\n'
        "<head>\n"
        '<meta name="generator" content="geostory">\n'
        "{% if this.title %}<title>{{ this.title }}</title>{% endif %}"
        "    {{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "    {{ this.html.render(**kwargs) }}\n"
        "<script>\n"
        "    {{ this.script.render(**kwargs) }}\n"
        "</script>\n"
        "</body>\n"
        "</html>\n",
    )

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self.lang = lang


class _StoryMap(folium.Map):
    """folium.Map with a viewport that allows zooming the page."""

    def render(self, **kwargs: Any) -> None:
        super().render(**kwargs)
        header = self.get_root().header
        text = header._children[self.get_name()].render()
        if FOLIUM_VIEWPORT not in text:  # a folium upgrade changed its header: fail the build, not the reader
            raise RuntimeError("folium's viewport meta changed; update geostory.webmap.page.FOLIUM_VIEWPORT")
        header._children[self.get_name()] = _Raw(text.replace(FOLIUM_VIEWPORT, VIEWPORT))


def _walk(element: Element) -> Iterator[Element]:
    yield element
    if isinstance(element, Figure):
        yield from (element.header, element.html, element.script)
    for child in list(element._children.values()):
        yield from _walk(child)


def _fix_ids(figure: Figure) -> None:
    """Replace folium's random element ids with ones numbered in tree order, so rebuilds are identical."""
    for number, element in enumerate(_walk(figure)):
        element._id = str(number)


def make_figure(story: Story) -> Figure:
    """The whole page as a branca Figure, ready to render."""
    figure = _StoryFigure()
    fmap = _StoryMap(location=None, tiles=None, zoom_control="topright", control_scale=True,
                     prefer_canvas=False, keyboard=False, zoom_snap=0.25, zoom_delta=0.5)
    fmap.default_js = []  # folium's CDN links (Leaflet, jQuery, Bootstrap, ...): Leaflet is inlined instead
    fmap.default_css = []
    figure.add_child(fmap)
    folium.TileLayer(TILES, attr=TILES_ATTRIBUTION, name="Shaded relief", max_native_zoom=13, max_zoom=16,
                     control=False, subdomains="").add_to(fmap)
    groups = {}
    for layer in styles()["draw_order"]:
        if story.layers.get(layer):
            groups[layer] = folium.FeatureGroup(name=LAYER_NAMES.get(layer, layer.title())).add_to(fmap)
    folium.LayerControl(position="topright", collapsed=True).add_to(fmap)
    fmap.add_child(InlineAssets(story))
    fmap.add_child(Legend(story, list(groups)))
    fmap.add_child(StoryPanel(story, build_payload(story), groups))
    _fix_ids(figure)
    return figure
