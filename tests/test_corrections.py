"""Corrections against any cited source, the story's own words for sources, and seeds in plain Markdown."""
from __future__ import annotations

import pytest

from geostory import load_story
from geostory.cli import main
from geostory.webmap.payload import build_payload

from stories import edit_json, small_story

MARKDOWN_SEED = """# Waterloo campaign

The campaign lasted four days.

## Ligny
The Prussians fought at Ligny on 16 June.

They withdrew north that night.
"""


def _meta(root, change):
    edit_json(root, "story.json", change)


def _correction(**where):
    return {"id": "ligny-night", "about": "The Prussian withdrawal", "claim": "They withdrew south that night.",
            "map_shows": "A withdrawal north towards Wavre", "reason": "Every account has them marching north.",
            "sources": [{"source": "wp-waterloo-campaign"}], **where}


@pytest.fixture
def root(tmp_path):
    root = small_story(tmp_path / "s")
    (root / "seed.md").write_text(MARKDOWN_SEED, encoding="utf-8")
    return root


def test_a_correction_against_a_work_and_one_against_a_markdown_seed(root):
    def change(meta):
        meta["seed"] = {"file": "seed.md", "title": "A Markdown seed"}
        meta["sources"]["textbook"] = {"title": "A school textbook", "author": "Smith", "year": 1990}
        meta["corrections"] = [
            _correction(source={"source": "textbook", "pages": "p. 12"}),
            {**_correction(seed={"section": "Ligny", "paragraph": 2}), "id": "seed-night"},
        ]
        meta["words"] = {"en": {"source_says": "The textbook says ({source})", "seed": "Article"}}
    _meta(root, change)
    payload = build_payload(load_story(root))
    work, seed = payload["corrections"]["ligny-night"], payload["corrections"]["seed-night"]
    assert work["says"] == "The textbook says (Smith, 1990, A school textbook, p. 12)"
    assert work["claim"] == "They withdrew south that night."
    assert seed["says"] == "The seed says (Article, Ligny ¶2)"  # 'seed' reworded, 'seed_says' as shipped


def test_a_correction_names_one_source(root, capsys):
    _meta(root, lambda m: m.update(corrections=[_correction()]))
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err
    assert "corrections.0" in err and '"source": {"source": "seed"' in err


def test_unknown_words_and_sections_say_what_to_write(root, capsys):
    (root / "plain.txt").write_text("Just one paragraph.\n\nAnd another, with no headings.\n", encoding="utf-8")

    def change(meta):
        meta["seed"] = {"file": "plain.txt", "title": "No headings"}
        meta["corrections"] = [_correction(seed={"section": "Ligny", "paragraph": 1})]
    _meta(root, change)
    assert main(["check", str(root)]) == 2
    assert "no headings found: mark each as a Markdown heading line '## Background'" in capsys.readouterr().err
    _meta(root, lambda m: m.update(words={"en": {"seed_sez": "x"}}))
    assert main(["check", str(root)]) == 2
    err = capsys.readouterr().err
    assert "words.en.seed_sez: a message of the catalogue (" in err and "seed_says" in err


def test_a_negative_source_year_asks_for_words(root, capsys):
    _meta(root, lambda m: m["sources"].update(polybius={"title": "Histories", "author": "Polybius", "year": -150}))
    assert main(["check", str(root)]) == 2
    assert 'like "c. 151 BC"' in capsys.readouterr().err
