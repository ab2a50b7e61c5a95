"""styles.json's outline, legend, fallback and frame-outline values as the pictures and the QGIS styles use them.

The web map's are checked in test_webmap, and what QGIS itself reads from the styles in test_qgis.
"""
from __future__ import annotations

import re
from importlib import resources

import pytest
from matplotlib.colors import to_hex

from geostory.frames.render import FrameRenderer
from geostory.legend import kind_look
from geostory.qgis.qml import layer_styles, mm, rgba
from geostory.styles import PX, styles

from catalogue import style_data

HEAD_OUTLINE = {"filled": "head", "hollow": "hollow_head"}  # styles.json's outline key for each kind of head


def test_picture_outlines_come_from_styles_json(harbin):
    st = style_data()
    index, frame = next((i, fr) for i, fr in enumerate(harbin.frames, start=1)
                        if "second-division-rail-mukden-shuangcheng" in fr.features)
    drawn = [(to_hex(c.get_facecolor()[0]), to_hex(c.get_edgecolor()[0]), float(c.get_linewidth()[0]))
             for c in FrameRenderer(harbin).figure(frame, index).axes[0].collections
             if len(c.get_facecolor()) and len(c.get_edgecolor())]
    sides = {s.colour for s in harbin.meta.sides.values()}
    heads = [w for face, edge, w in drawn if face == edge and face in sides]
    hollow = [w for face, edge, w in drawn if face == st["hollow_head_fill"] and edge in sides]
    dots = [w for face, edge, w in drawn if edge == st["layers"]["places"]["colour"]]
    for widths, key in ((heads, "head"), (hollow, "hollow_head"), (dots, "point")):
        assert widths and widths == [pytest.approx(st["outline"][key] * PX)] * len(widths), key


def test_picture_key_is_the_legend_rule(harbin):
    """The frame key shows the one legend rule's entries (as the web legend), kinds in the legend's ink."""
    from geostory.frames.panel import key_entries
    from geostory.legend import legend_entries as rule

    st = style_data()
    shown = [(f.props, False) for f in harbin.layers["movements"]]
    handles, labels = key_entries(harbin, shown, set(harbin.layers))
    entries = rule(harbin, shown, set(harbin.layers))
    assert [h.entry for h in handles] == entries
    kinds = [e for e in entries if e.section == "movements" and e.movement is not None]
    assert kinds and {e.movement.colour for e in kinds} == {st["legend"]["ink"]}
    assert any(label.startswith("Earlier movement") for label in labels)


def test_qgis_styles_come_from_styles_json(harbin):
    """Outlines, the raw route's head, the fallback category and the frame outline as the .qml files get them."""
    st = style_data()
    out = layer_styles(harbin)
    outline, kinds = st["outline"], st["movement_kinds"]
    for name in ("places", "events"):
        widths = {sl["props"]["outline_width"] for sym in out[name].symbols for sl in sym.layers}
        assert widths == {mm(outline["point"])}, name
    for name in ("movements", "movement_arrows"):
        for cat in out[name].categories[:-1]:
            side, kind_name, certainty = cat.value.split("|")
            kind = kinds[kind_name]
            look = kind_look(kind_name, harbin.meta.sides[side].colour, certainty)
            head = cat.symbol.layers[-1]["subsymbol"].layers[0]["props"]
            assert (head["symbol_height"], head["symbol_width"]) == (mm(look.head.length), mm(look.head.width))
            assert head["outline_width"] == mm(outline[HEAD_OUTLINE[kind["head"]]])
            lines = [sl["props"] for sl in cat.symbol.layers if sl["class"] == "SimpleLine"]
            assert [p["line_width"] for p in lines] == [mm(s.width) for s in look.strokes], cat.label
    fallback = st["fallback"]
    for name in ("movements", "movement_arrows"):
        other = out[name].categories[-1]
        assert (other.value, other.label, other.symbol.alpha) == ("", fallback["label"], fallback["opacity"])
        props = other.symbol.layers[0]["props"]  # a line's colour, or a head's fill
        assert props.get("line_color", props.get("color")) == rgba(fallback["colour"])
    (edge,) = out["frames"].symbol.layers
    assert (edge["props"]["outline_color"], edge["props"]["outline_width"]) == (
        rgba(st["frame_outline"]["colour"]), mm(st["frame_outline"]["width"]))


def _css() -> str:
    return resources.files("geostory.webmap").joinpath("static", "story.css").read_text(encoding="utf-8")


def test_the_page_css_follows_the_shared_label_sizes():
    """story.css is static, so it repeats styles.json's web label sizes; this holds them equal."""
    css = _css()
    sizes = {rank: float(px) for rank, px in re.findall(r"\.gs-label\.gs-r(\d) \{ font-size: ([\d.]+)px", css)}
    base = re.search(r"\.leaflet-tooltip\.gs-label \{[^}]*font: \d+ ([\d.]+)px", css)
    assert base and sizes == {"1": styles().place_labels.web_px[0], "3": styles().place_labels.web_px[2]}
    assert float(base.group(1)) == styles().place_labels.web_px[1]


def test_the_pictures_panel_and_the_qgis_layout_take_the_page_s_text_colours():
    from geostory.frames import panel
    from geostory.qgis import layout

    root = dict(re.findall(r"--gs-(ink|muted|accent): (#[0-9a-f]{6});", _css()))
    assert set(root) == {"ink", "muted", "accent"}
    assert (panel.INK, panel.MUTED, panel.ACCENT) == (layout.INK, layout.MUTED, layout.ACCENT)
    assert (root["ink"], root["muted"], root["accent"]) == (panel.INK, panel.MUTED, panel.ACCENT)
