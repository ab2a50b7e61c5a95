"""Golden files for `geostory check` on broken input: each case overlays a few files on the starter story.

A case folder holds the files that differ from `geostory new`'s example (a file named DELETE lists files to
remove) and `expected.txt`, the exact lines printed. Regenerate with GEOSTORY_REGEN=1 after a deliberate change.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from geostory.cli import main
from geostory.scaffold import create_story

GOLDEN = Path(__file__).parent / "golden" / "check"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def make_case(case: str, tmp_path: Path) -> Path:
    story = create_story(tmp_path / "story")
    for item in (GOLDEN / case).iterdir():
        if item.name == "DELETE":
            for name in item.read_text().split():
                (story / name).unlink()
        elif item.name != "expected.txt":
            shutil.copyfile(item, story / item.name)
    return story


@pytest.mark.parametrize("case", CASES)
def test_check_reports_each_problem(case, tmp_path, capsys, monkeypatch):
    make_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "story"]) == 2
    out = capsys.readouterr()
    assert out.out == ""
    assert "Traceback" not in out.err
    expected = GOLDEN / case / "expected.txt"
    if os.environ.get("GEOSTORY_REGEN"):
        expected.write_text(out.err, encoding="utf-8")
        pytest.skip("expected output regenerated")
    assert out.err == expected.read_text(encoding="utf-8")


def test_the_starter_story_is_clean(tmp_path, capsys, monkeypatch):
    create_story(tmp_path / "story")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "story"]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_a_missing_folder_is_one_line(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("expected a story folder containing story.json, found no such folder")
