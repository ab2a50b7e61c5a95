"""Frame pictures: one PNG per frame, a contact sheet and a GIF; Chinese drawn with a real CJK font."""
from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from geostory.cli import main
from geostory.errors import UsageError
from geostory.frames import SIZE_PX, FrameRenderer, date_label, fonts, render_frame, render_frames

from conftest import HARBIN, need


@pytest.fixture(autouse=True, scope="module")
def cjk_font_installed():
    """Skip where Noto Sans CJK is missing (fail under CI, which installs it)."""
    try:
        found = fonts.cjk_font()
    except fonts.FontMissing:
        found = None
    need("Noto Sans CJK (Debian package fonts-noto-cjk)", found)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Run ``geostory frames`` once for the module; keep its output folder and what it printed."""
    out = tmp_path_factory.mktemp("frames") / "frames"
    err, std = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(std):
        code = main(["frames", str(HARBIN), "-o", str(out)])
    assert code == 0, err.getvalue()
    return out, err.getvalue(), std.getvalue()


def pixels(path: Path) -> np.ndarray:
    """Quarter-size pixels: enough to tell frames apart, and quick to compare pairwise."""
    with Image.open(path) as image:
        return np.asarray(image.convert("RGB").reduce(4), dtype=np.int16)


def test_one_png_per_frame_plus_sheet_and_gif(built, harbin):
    out, progress, summary = built
    frames = [f"{i:02d}-{fr.id}.png" for i, fr in enumerate(harbin.frames, start=1)]
    assert sorted(p.name for p in out.iterdir()) == sorted(frames + ["contact-sheet.png", "harbin-1932.gif"])
    assert progress.splitlines() == [f"[{i}/{len(frames)}] {out / name}" for i, name in enumerate(frames, start=1)]
    assert f"wrote {len(frames) + 2} files" in summary


def test_frames_are_slide_sized_and_differ(built, harbin):
    out, _, _ = built
    paths = sorted(out.glob("[0-9][0-9]-*.png"))
    assert len(paths) == len(harbin.frames)
    for path in paths:
        with Image.open(path) as image:
            assert image.size == SIZE_PX
            assert round(image.info["dpi"][0]) == 150
    images = [pixels(p) for p in paths]
    for i, a in enumerate(images):
        for b in images[i + 1:]:
            changed = np.any(a != b, axis=2).mean()
            assert changed > 0.01, "two frame pictures are (nearly) the same"


def test_contact_sheet_and_gif(built, harbin):
    out, _, _ = built
    with Image.open(out / "contact-sheet.png") as sheet:
        assert sheet.width >= 1200 and sheet.height >= 800
    with Image.open(out / "harbin-1932.gif") as gif:
        assert gif.n_frames == len(harbin.frames)
        assert gif.info.get("loop") == 0


def test_rebuild_is_byte_identical(harbin):
    frame = harbin.frames[3]
    assert render_frame(harbin, frame) == render_frame(harbin, frame.id)


def _label(family: list[str]) -> tuple[np.ndarray, list[str]]:
    fig = Figure(figsize=(3, 1), dpi=100, facecolor="white")
    FigureCanvasAgg(fig)
    fig.text(0.05, 0.5, "哈尔滨 双城", fontsize=24, family=family, va="center")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
    image = np.asarray(Image.open(buf).convert("L"), dtype=np.int16)
    return image, [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_chinese_is_drawn_with_a_cjk_font_not_tofu():
    with_cjk, missing = _label(fonts.families())
    assert missing == []
    assert (with_cjk < 128).sum() > 400, "no ink where the Chinese label should be"
    tofu, missing_without = _label(["DejaVu Sans"])  # the control: a Latin-only font cannot draw these
    assert missing_without, "the control font unexpectedly has CJK glyphs"
    assert np.abs(with_cjk - tofu).mean() > 2, "the CJK label looks like the tofu boxes"


def test_frame_pictures_draw_every_glyph(harbin):
    renderer = FrameRenderer(harbin)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for index, frame in enumerate(harbin.frames[:3], start=1):
            renderer.render(frame, index)
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


def test_missing_cjk_font_names_the_package(monkeypatch):
    fonts.cjk_font.cache_clear()
    monkeypatch.setattr(fonts, "_registered", lambda: None)
    monkeypatch.setattr(fonts, "_candidates", lambda: [])
    try:
        with pytest.raises(fonts.FontMissing, match="fonts-noto-cjk"):
            fonts.cjk_font()
    finally:
        fonts.cjk_font.cache_clear()


def test_failed_build_leaves_nothing_behind(harbin, tmp_path, monkeypatch):
    calls = []

    def broken(self, frame, index):
        calls.append(index)
        if index == 2:
            raise RuntimeError("boom")
        return b"png"

    monkeypatch.setattr(FrameRenderer, "render", broken)
    with pytest.raises(RuntimeError, match="boom"):
        render_frames(harbin, tmp_path / "frames")
    assert calls == [1, 2]
    assert list(tmp_path.iterdir()) == []


def test_refuses_to_replace_a_folder_with_other_files(harbin, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="notes.txt"):
        render_frames(harbin, tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("start", "end", "certainty", "expected"),
    [
        ("1932-02-04", None, "exact", "4 February 1932"),
        ("1932-02-04", "1932-02-05", "exact", "4–5 February 1932"),
        ("1932-01-25", "1932-02-05", "exact", "25 January – 5 February 1932"),
        ("1931-11", None, "approximate", "c. November 1931"),
        ("1931-11", "1931-12", "approximate", "c. November – December 1931"),
        ("1932-01", "1932-01-24", "exact", "January – 24 January 1932"),
        ("1931-12-30", "1932-01-02", "exact", "30 December 1931 – 2 January 1932"),
        ("1932-01-27", None, "disputed", "27 January 1932 (disputed)"),
    ],
)
def test_date_label(start, end, certainty, expected):
    from geostory.schema import Dated

    note = None if certainty == "exact" else "why"
    assert date_label(Dated(start=start, end=end, date_certainty=certainty, date_note=note)) == expected
