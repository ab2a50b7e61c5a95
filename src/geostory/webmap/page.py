"""Assemble the folium map: basemap, one feature group per layer, controls and the story widgets."""
from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from typing import Any

import folium
import xyzservices.providers
from branca.element import Element, Figure
from jinja2 import Template

from .. import relief
from ..story import Story
from ..styles import styles
from .payload import build_payload
from .widgets import InlineAssets, Legend, StoryPanel, _Raw

# A muted basemap with relief and no modern labels or borders; the story's own river and railway
# vectors keep the map readable if tiles fail to load.
# The online relief above the embedded one: a muted shaded relief without modern names, from xyzservices.
_RELIEF = xyzservices.providers.Esri.WorldShadedRelief
TILES = _RELIEF.build_url()
TILES_ATTRIBUTION = "Relief " + _RELIEF.html_attribution[0].lower() + _RELIEF.html_attribution[1:]
TILES_MAX_NATIVE_ZOOM = int(_RELIEF.get("max_zoom", 13))
LAYER_NAMES = {"rivers": "Rivers", "railways": "Railways", "movements": "Movements", "events": "Events",
               "places": "Places"}
"""Names in the layer control; the groups are added in styles.json's draw_order."""
FOLIUM_VIEWPORT = ('<meta name="viewport" content="width=device-width,\n'
                   '                initial-scale=1.0, maximum-scale=1.0, user-scalable=no" />')
"""folium's viewport forbids pinch zoom (user-scalable=no, maximum-scale=1); readers who need larger text must
have it: it is taken out, and the page's template has one that allows zooming."""


def _replace_once(text: str, old: str, new: str, what: str) -> str:
    """Replace folium's markup, failing the build (not the reader) if an upgrade changed it."""
    if old not in text:
        raise RuntimeError(f"folium's {what} changed; update geostory.webmap.page")
    return text.replace(old, new, 1)


class _StoryFigure(Figure):
    """branca's Figure with the page's language, geostory's generator mark, and the script inside <body>.

    branca puts its script after </body>, which a strict HTML5 parser rejects; the generator meta is how a
    rebuild knows the file is a page geostory wrote and may be replaced (``output.GENERATOR``).
    """

    _template = Template(resources.files(__package__).joinpath("templates", "webmap-page.html").read_text("utf-8"))

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self.lang = lang


class _StoryMap(folium.Map):
    """folium.Map with a viewport that allows zooming the page, and a map element named as a landmark."""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # folium.Map renders into its root
        super().render(**kwargs)  # type: ignore[no-untyped-call]
        root = self.get_root()
        assert isinstance(root, Figure)
        header = root.header
        text = header._children[self.get_name()].render()
        header._children[self.get_name()] = _Raw(_replace_once(text, FOLIUM_VIEWPORT, "", "viewport meta"))
        html = root.html
        div = f'<div class="folium-map" id="{self.get_name()}" '
        text = html._children[self.get_name()].render()
        # A labelled region: the map, its popups and its controls are inside a landmark (axe: region).
        html._children[self.get_name()] = _Raw(_replace_once(text, div, div + 'role="region" aria-label="Map" ',
                                                             "map element"))


RELIEF_PANE = "gs-relief"
RELIEF_Z = 150
"""Below Leaflet's tile pane (200): online tiles, when the network reaches them, are drawn above the relief."""
RELIEF_ATTRIBUTION = "Relief: shadedrelief.com"
"""The map's credit for the relief (public domain, so a courtesy), short enough for one line on a phone; the
full one, relief.ATTRIBUTION, is in docs/relief.md and the other outputs."""
RELIEF_MARGIN = 0.5
"""Share of the story's extent added on each side, so a phone's tall view and some panning still show terrain."""


def story_extent(story: Story) -> relief.Bounds:
    """Every frame's view and every feature, as (west, south, east, north): what the relief must cover."""
    boxes = list(story.derived.views) + [f.geometry.bounds for f in story.features()]
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def add_relief(fmap: folium.Map, story: Story) -> relief.Relief:
    """The offline relief inside the page: a JPEG data URI in its own pane under the online tiles."""
    r = relief.relief(story_extent(story), margin=RELIEF_MARGIN)
    folium.map.CustomPane(RELIEF_PANE, z_index=RELIEF_Z, pointer_events=False).add_to(fmap)
    west, south, east, north = r.bounds
    folium.raster_layers.ImageOverlay(r.data_uri(), bounds=[[south, west], [north, east]], pane=RELIEF_PANE,
                                      name="Relief (offline)", control=False, interactive=False, pixelated=False,
                                      attribution=RELIEF_ATTRIBUTION, class_name="gs-relief").add_to(fmap)
    return r


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


def make_figure(story: Story, editions: dict[str, str] | None = None) -> Figure:
    """The whole page as a branca Figure, ready to render."""
    figure = _StoryFigure(lang=story.words.html_lang)
    fmap = _StoryMap(location=None, tiles=None, zoom_control="topright", control_scale=True,
                     prefer_canvas=False, keyboard=False, zoom_snap=0.25, zoom_delta=0.5)
    fmap.default_js = []  # folium's CDN links (Leaflet, jQuery, Bootstrap, ...): Leaflet is inlined instead
    fmap.default_css = []
    figure.add_child(fmap)
    folium.TileLayer(TILES, attr=TILES_ATTRIBUTION, name="Shaded relief", max_native_zoom=TILES_MAX_NATIVE_ZOOM,
                     max_zoom=16, control=False, subdomains="").add_to(fmap)
    add_relief(fmap, story)
    groups = {}
    for layer in styles().draw_order:
        if story.layers.get(layer):
            groups[layer] = folium.FeatureGroup(name=LAYER_NAMES.get(layer, layer.title())).add_to(fmap)
    folium.LayerControl(position="topright", collapsed=True).add_to(fmap)
    fmap.add_child(InlineAssets(story))
    fmap.add_child(Legend(story, list(groups)))
    fmap.add_child(StoryPanel(story, build_payload(story), groups, editions))
    _fix_ids(figure)
    return figure
