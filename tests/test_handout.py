"""The handout PDF, read back with Debian's poppler-utils (pdftotext, pdffonts, pdfinfo): independent of WeasyPrint."""
from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from geostory import load_story
from geostory.cli import main
from geostory.frames import FrameRenderer
from geostory.wording import citation_label, correction_rows

from conftest import HARBIN, need
from handout_stories import HOSTILE, plain_story

A4_HEIGHT = 842  # points; the header and footer bands are cropped off so only the body text is compared
BAND = 46


def poppler(tool: str) -> str:
    path = shutil.which(tool)
    need(f"{tool} (Debian package poppler-utils)", path)
    assert path is not None
    return path


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def squash(text: str) -> str:
    """Text without spaces and hyphens: pdftotext joins a word broken at a line's end hyphen ('anti-' +
    'Japanese' gives 'antiJapanese'), and table cells wrap anywhere, so compare every other character in order."""
    return re.sub(r"[\s\-‐]", "", text)


def page_count(pdf: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run(poppler("pdfinfo"), str(pdf)), re.MULTILINE).group(1))


def page_text(pdf: Path, page: int, body_only: bool = False) -> str:
    crop = ["-x", "0", "-y", str(BAND), "-W", "700", "-H", str(A4_HEIGHT - 2 * BAND)] if body_only else []
    return run(poppler("pdftotext"), "-f", str(page), "-l", str(page), *crop, str(pdf), "-")


def body_text(pdf: Path) -> str:
    """All pages' body text, headers and footers cut off, whitespace collapsed."""
    return flat(" ".join(page_text(pdf, p, body_only=True) for p in range(1, page_count(pdf) + 1)))


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) for every font pdffonts lists."""
    lines = run(poppler("pdffonts"), str(pdf)).splitlines()[2:]
    return [(line.split()[0], line.split()[-5]) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def harbin_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handout") / "harbin.pdf"
    assert main(["handout", str(HARBIN), "-o", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def stories(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("stories")


def test_every_narrative_correction_and_source_label_is_in_the_text(harbin_pdf):
    story = load_story(HARBIN)
    text = squash(body_text(harbin_pdf))
    by_id = {c.id: c for c in story.meta.corrections}
    for frame in story.frames:
        assert squash(frame.narrative) in text, frame.id
        assert squash(frame.title) in text, frame.id
        for c in frame.sources:
            assert squash(citation_label(c, story.meta)) in text, (frame.id, c)
        for cid in frame.corrections:
            for head, words in correction_rows(by_id[cid], story.meta):
                assert squash(head) in text and squash(words) in text, (frame.id, cid, head)
        for q in frame.questions:
            assert squash(q) in text, (frame.id, q)
    for c in story.meta.corrections:  # the table of departures at the end
        assert squash(c.about) in text and squash(c.seed_claim) in text
    assert squash("Works cited") in text and squash("Where this story departs from its sources") in text


def test_title_page_has_both_titles_span_and_licences(harbin_pdf):
    story = load_story(HARBIN)
    first = flat(page_text(harbin_pdf, 1))
    assert story.meta.title in first and story.meta.title_zh in first
    assert "November 1931 – 10 March 1932" in first  # the first frame's date is a month
    assert flat(story.meta.summary) in first
    assert "CC BY-SA 4.0" in first


def test_pages_follow_the_frames(harbin_pdf):
    """Page 1 is the title page; each frame starts a new page in order (continued pages carry its header);
    the works cited and departures come last. So the page count is the title page, the frames' pages and the
    back matter, with no stray page."""
    story = load_story(HARBIN)
    n = len(story.frames)
    pages = page_count(harbin_pdf)
    owner = []
    for p in range(1, pages + 1):
        text = flat(page_text(harbin_pdf, p))
        found = [i for i in range(1, n + 1) if f"Frame {i} of {n}" in text]
        owner.append(found[0] if len(found) == 1 else (0 if p == 1 else None))
        if len(found) == 1 and flat(page_text(harbin_pdf, p, body_only=True)).startswith(f"Frame {found[0]} of {n}"):
            assert story.frames[found[0] - 1].title in text
    frame_pages = [o for o in owner if o]
    assert owner[0] == 0
    assert frame_pages == sorted(frame_pages) and set(frame_pages) == set(range(1, n + 1))
    back = owner[1 + len(frame_pages):]
    assert back and all(o is None for o in back) and owner[1:1 + len(frame_pages)] == frame_pages
    assert pages == 1 + len(frame_pages) + len(back)
    assert len(frame_pages) <= 2 * n  # a frame with long corrections may run onto a second page, not more


def test_every_font_is_embedded_and_chinese_uses_noto_cjk(harbin_pdf):
    found = fonts(harbin_pdf)
    assert found and all(emb == "yes" for _, emb in found), found
    assert any("cjk" in name.lower() for name, _ in found)
    info = run(poppler("pdfinfo"), str(harbin_pdf))
    assert re.search(r"^Tagged:\s+yes", info, re.MULTILINE)
    assert re.search(r"^Title:\s+The Defense of Harbin, 1932", info, re.MULTILINE)
    assert "A4" in info


def test_a_story_without_chinese_needs_no_cjk_font(stories, tmp_path, monkeypatch):
    folder = plain_story(stories)
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv("GEOSTORY_FONT_PATH", str(empty))  # no CJK font anywhere
    out = tmp_path / "plain.pdf"
    assert main(["handout", str(folder), "-o", str(out), "--paper", "letter"]) == 0
    found = fonts(out)
    assert found and all(emb == "yes" for _, emb in found)
    assert not any("cjk" in name.lower() for name, _ in found), found
    assert "letter" in run(poppler("pdfinfo"), str(out))
    text = flat(run(poppler("pdftotext"), str(out), "-"))
    assert "Why did Wellington fall back after Quatre Bras?" in text


def test_chinese_without_a_cjk_font_is_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys):
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    monkeypatch.setenv("GEOSTORY_FONT_PATH", str(empty))
    out = tmp_path / "harbin.pdf"
    out.write_bytes(b"the previous handout")
    assert main(["handout", str(HARBIN), "-o", str(out)]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if not line.endswith("frame picture")]
    assert len(err) == 1 and "fonts-noto-cjk" in err[0]
    assert out.read_bytes() == b"the previous handout"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["harbin.pdf", "no-fonts"]  # no temporary file left


def test_same_story_same_bytes_and_source_date_epoch(stories, tmp_path, monkeypatch):
    folder = plain_story(stories)
    a, b, c = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    assert main(["handout", str(folder), "-o", str(a)]) == 0
    assert main(["handout", str(folder), "-o", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    assert "CreationDate" not in run(poppler("pdfinfo"), str(a))  # no clock time in the file
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "946684800")
    assert main(["handout", str(folder), "-o", str(c)]) == 0
    assert re.search(r"CreationDate:.*2000", run(poppler("pdfinfo"), str(c)))


def test_hostile_text_is_printed_as_text(stories, tmp_path):
    folder = plain_story(stories, hostile=True)
    out = tmp_path / "hostile.pdf"
    assert main(["handout", str(folder), "-o", str(out)]) == 0
    text = flat(run(poppler("pdftotext"), str(out), "-"))
    assert text.count(flat(HOSTILE)) >= 2  # in the narrative and among the questions, markup and all
    assert "<i>&amp;</i>" in text
    links = run(poppler("pdfinfo"), "-url", str(out)).splitlines()[1:]
    assert not any("javascript" in line for line in links), links  # only http(s) links are kept


def test_links_are_the_sources_http_addresses(harbin_pdf):
    urls = {line.split()[-1] for line in run(poppler("pdfinfo"), "-url", str(harbin_pdf)).splitlines()[1:]}
    assert "https://en.wikipedia.org/wiki/Defense_of_Harbin" in urls
    assert urls and all(u.startswith(("https://", "http://")) for u in urls)


def test_default_output_replaces_only_a_handout_geostory_wrote(stories, tmp_path, monkeypatch, capsys):
    folder = plain_story(stories)
    monkeypatch.chdir(tmp_path)
    assert main(["handout", str(folder)]) == 0
    out = tmp_path / "dist" / "plain" / "plain.pdf"  # each story its own folder under dist/
    first = out.read_bytes()
    assert main(["handout", str(folder)]) == 0  # our own handout: replaced
    assert out.read_bytes() == first
    theirs = tmp_path / "theirs.pdf"
    theirs.write_bytes(b"%PDF-1.4\n% a teacher's own worksheet\n%%EOF\n")
    capsys.readouterr()
    assert main(["handout", str(folder), "-o", str(theirs)]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if not line.endswith("frame picture")]
    assert len(err) == 1 and "not written by geostory" in err[0]
    assert theirs.read_bytes() == b"%PDF-1.4\n% a teacher's own worksheet\n%%EOF\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist", "theirs.pdf"]
    assert [p.name for p in out.parent.iterdir()] == ["plain.pdf"]  # no temporary file left


def test_a_chinese_story_gets_its_handout_words_in_chinese(stories, tmp_path):
    folder = plain_story(stories)
    zh = tmp_path / "zh"
    shutil.copytree(folder, zh)
    meta = json.loads((zh / "story.json").read_text(encoding="utf-8"))
    meta["language"] = "zh"
    (zh / "story.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "zh.pdf"
    assert main(["handout", str(zh), "-o", str(out)]) == 0
    text = flat(run(poppler("pdftotext"), str(out), "-"))
    assert "讲义" in text and "第1帧，共4帧" in text and "思考题" in text and "引用文献" in text
    assert any("cjk" in name.lower() for name, _ in fonts(out))  # the interface's Chinese needs the CJK font


def test_pictures_are_the_frame_pictures_pixel_for_pixel(harbin_pdf, tmp_path):
    """The handout embeds exactly what `geostory frames` draws: pdfimages pulls them back out."""
    story = load_story(HARBIN)
    listing = run(poppler("pdfimages"), "-list", str(harbin_pdf)).splitlines()[2:]
    assert sum(1 for line in listing if line.split()[2] == "image") == len(story.frames) + 1  # + the overview
    first_pages = {}
    for p in range(1, page_count(harbin_pdf) + 1):
        body = flat(page_text(harbin_pdf, p, body_only=True))
        for i in range(1, len(story.frames) + 1):
            if body.startswith(f"Frame {i} of {len(story.frames)}"):
                first_pages[i] = p
    renderer = FrameRenderer(story)
    for i in (1, len(story.frames)):
        prefix = tmp_path / f"frame{i}"
        run(poppler("pdfimages"), "-f", str(first_pages[i]), "-l", str(first_pages[i]), "-png", str(harbin_pdf),
            str(prefix))
        embedded = Image.open(f"{prefix}-000.png").convert("RGB")
        drawn = Image.open(io.BytesIO(renderer.render(story.frames[i - 1], i))).convert("RGB")
        assert embedded.size == drawn.size and ImageChops.difference(embedded, drawn).getbbox() is None, i
