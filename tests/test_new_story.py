"""`geostory new --title` starts clean: the story's own words follow the title, none is the starter's."""
from __future__ import annotations

import json

from geostory import load_story
from geostory.cli import main
from geostory.webmap import render_html

STARTER_WORDS = ("Waterloo", "滑铁卢", "June 1815", "starter story")


def test_new_with_a_title_keeps_no_word_of_the_starters_identity(tmp_path, capsys):
    folder = tmp_path / "march-to-the-sea"
    assert main(["new", str(folder), "--title", "Sherman's March to the Sea"]) == 0
    meta = json.loads((folder / "story.json").read_text(encoding="utf-8"))
    assert meta["id"] == "march-to-the-sea" and meta["title"] == "Sherman's March to the Sea"
    assert "title_zh" not in meta and "subtitle" not in meta
    text = json.dumps({k: meta[k] for k in ("id", "title", "summary", "credits")}, ensure_ascii=False)
    assert not any(word in text for word in STARTER_WORDS), text
    story = load_story(folder)  # still a valid story that builds
    html = render_html(story)
    head = html.split("<body", 1)[0]
    assert any(f"<title>Sherman{q}s March to the Sea</title>" in head for q in ("&#39;", "'"))
    assert not any(word in head for word in STARTER_WORDS)


def test_new_without_a_title_is_the_whole_example(tmp_path):
    assert main(["new", str(tmp_path / "example")]) == 0
    meta = json.loads((tmp_path / "example" / "story.json").read_text(encoding="utf-8"))
    assert meta["id"] == "example" and "Waterloo" in meta["title"] and meta["title_zh"]
