"""Author text is drawn and stored as written: dollars and backslashes in pictures, line breaks in QGIS styles."""
from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib
import matplotlib.text
import pytest

from geostory import load_story
from geostory.frames import FrameRenderer
from geostory.qgis.qml import layer_styles, style_qml
from geostory.story import Story

ROOT = Path(__file__).resolve().parents[1]
TITLE = r"$\frac{$ costs $5 and $10 \n"


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Story:
    story = tmp_path_factory.mktemp("tricky") / "harbin"
    shutil.copytree(ROOT / "geodata", story, ignore=shutil.ignore_patterns("*.qml"))
    meta = json.loads((story / "story.json").read_text(encoding="utf-8"))
    meta["sides"]["chinese"]["label"] = "Chinese resistance\n(Ding Chao, Li Du)"
    (story / "story.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    frames = json.loads((story / "frames.json").read_text(encoding="utf-8"))
    frames["frames"][0]["title"] = TITLE
    frames["frames"][0]["narrative"] = "A ransom of $5 and $10, paid in C:\\banks\\$ notes."
    (story / "frames.json").write_text(json.dumps(frames, ensure_ascii=False), encoding="utf-8")
    return load_story(story)


def test_dollars_and_backslashes_are_drawn_as_written(tricky: Story) -> None:
    renderer = FrameRenderer(tricky)
    frame = tricky.frames[0]
    png = renderer.render(frame, 1)  # mathtext would raise on "$\frac{$"
    assert png.startswith(b"\x89PNG")
    with matplotlib.rc_context(renderer.rc):
        fig = renderer.figure(frame, 1)
    texts = [t for t in fig.findobj(matplotlib.text.Text) if t.get_text()]
    assert texts and all(not t.get_parse_math() for t in texts)
    drawn = " ".join(t.get_text() for t in texts)
    assert "$5 and $10" in drawn.replace("\n", " ") and "$\\frac{$" in drawn


def test_line_breaks_in_a_side_label_survive_in_qgis_styles(tricky: Story) -> None:
    labels = []
    for style in layer_styles(tricky).values():
        root = ET.fromstring(style_qml(style).split("\n", 1)[1])  # after the DOCTYPE line
        labels += [c.get("label") or "" for c in root.iter("category")]
    assert any(label.startswith("Chinese resistance\n(Ding Chao, Li Du): ") for label in labels)
