"""The one legend rule: kinds that differ at a glance, one meaning per pattern, heads in screen pixels."""
from __future__ import annotations

import itertools
from html import unescape

import pytest

from geostory.legend import (
    EARLIER_LABEL,
    LegendEntry,
    MovementLook,
    Stroke,
    category_label,
    kind_look,
    legend_entries,
    line_strokes,
    movement_look,
    shows_certainty,
)
from geostory.schema import MovementProps
from geostory.styles import movement_style, styles
from geostory.webmap import render_html

from catalogue import style_data

KINDS = list(style_data()["movement_kinds"])
CERTAINTIES = list(style_data()["route_certainty"])


def is_dotted(s: Stroke) -> bool:
    """Dots: a round-capped pattern whose dashes are shorter than the line is wide."""
    return bool(s.dash) and s.cap == "round" and max(s.dash[::2]) < s.width


def glance(look: MovementLook) -> tuple[object, ...]:
    """What a reader tells apart without reading: the stack of stroke patterns and the head's style
    (not colour, which is the side's, nor small differences of width)."""
    return (tuple((s.role, s.dash, s.cap) for s in look.strokes), look.head.style)


def test_kinds_differ_at_a_glance():
    looks = {(kind, cert): kind_look(kind, "#000000", cert) for kind in KINDS for cert in CERTAINTIES}
    for (a, la), (b, lb) in itertools.combinations(looks.items(), 2):
        if a[0] != b[0]:
            assert glance(la) != glance(lb), (a, b)
    # Even with the same route certainty, rail, retreat and air differ from an advance by more than width.
    for kind in ("rail", "retreat", "air", "intended"):
        assert glance(kind_look(kind, "#000000")) != glance(kind_look("advance", "#000000")), kind


def test_dots_mean_air_only():
    dotted = {kind for kind in KINDS for s in kind_look(kind, "#000000").strokes if is_dotted(s)}
    assert dotted == {"air"}
    ink = style_data()["legend"]["ink"]
    for cert in CERTAINTIES:
        for kind in KINDS:
            if shows_certainty(kind):
                assert not any(is_dotted(s) for s in kind_look(kind, ink, cert).strokes), (kind, cert)
    for layer in ("rivers", "railways"):
        assert not any(is_dotted(s) for s in line_strokes(layer)), layer


def test_route_patterns_are_distinct_from_each_other_and_the_railway():
    dashes = [tuple(float(x) for x in (spec.dash or "").split()) for spec in styles().route_certainty.values()]
    assert len(set(dashes)) == len(dashes)
    railway = {s.dash for s in line_strokes("railways")}
    assert not railway & set(dashes[1:]), "a railway must not look like an uncertain route"


def test_heads_are_screen_sized_and_earlier_ones_smaller():
    cfg = style_data()["arrow"]["head_px"]
    for kind in KINDS:
        now = kind_look(kind, "#000000")
        before = now.earlier()
        assert cfg["min"] <= before.head.length < now.head.length <= cfg["max"], kind
        assert before.head.opacity < now.head.opacity and before.width < now.width
        assert now.head_length(10_000) == now.head.length  # a long arrow: the kind's own head
        assert now.head_length(5) == cfg["min"]  # a tiny arrow still shows its direction
        assert cfg["min"] <= now.head_length(40) <= 0.45 * 40 + cfg["min"]


def test_movement_style_is_the_legend_rule(harbin):
    for f in harbin.layers["movements"]:
        assert isinstance(f.props, MovementProps)
        look = movement_look(f.props, harbin.meta)
        style = movement_style(f.props, harbin.meta)
        assert style["colour"] == harbin.meta.sides[f.props.side].colour == look.colour
        assert style["width"] == look.width and style["head"] == look.head.style
        assert movement_look(f.props, harbin.meta, "earlier").head.length < look.head.length
        label = category_label(f.props, harbin.meta)
        assert label.startswith(harbin.meta.sides[f.props.side].label)
        assert ("route" in label) == (shows_certainty(f.props.kind) and f.props.route_certainty != "known")


def test_frame_key_explains_only_what_is_in_view(harbin):
    moves = [f.props for f in harbin.layers["movements"] if isinstance(f.props, MovementProps)]
    rail = [p for p in moves if p.kind == "rail"]
    entries = legend_entries(harbin, [(p, True) for p in rail], {"places"})
    assert [(e.section, e.key) for e in entries] == [("sides", rail[0].side), ("movements", "rail"), ("map", "places")]
    assert any(e.key == "earlier" for e in legend_entries(harbin))  # the web map fades earlier movements
    with_earlier = legend_entries(harbin, [(rail[0], False)], set())
    assert any(e.label == EARLIER_LABEL for e in with_earlier)


def test_web_legend_draws_the_entries(harbin):
    html = unescape(render_html(harbin))
    legend = html[html.index('<details class="gs-legend"'):html.index("</details>")]
    entries: list[LegendEntry] = legend_entries(harbin, layers=[k for k, v in harbin.layers.items() if v])
    positions = [legend.index(f'data-key="{e.key}"') for e in entries]
    assert positions == sorted(positions)
    for e in entries:
        assert e.label in legend
    item = legend[legend.index('data-key="rail"'):]
    item = item[:item.index("</li>")]
    ticks = next(s for s in kind_look("rail", "#000000").strokes if s.role == "ticks")
    assert 'class="gs-key-ticks"' in item and f'stroke-dasharray="{ticks.svg_dash()}"' in item
    assert 'lang="zh-Hans"' in legend


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_a_head_length(kind):
    assert style_data()["movement_kinds"][kind]["head_length"] > 0
