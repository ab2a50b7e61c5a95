"""Confined reading: a story folder never makes geostory read, or print, a file outside it."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from geostory.cli import main
from geostory.reading import Refused, parse_json, read_story_bytes

ROOT = Path(__file__).resolve().parents[1]
SECRET = "s3cr3t-do-not-print"


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "harbin"
    shutil.copytree(ROOT / "geodata", folder, ignore=shutil.ignore_patterns("*.qml"))
    (tmp_path / "secret.txt").write_text(json.dumps({"frames": SECRET}), encoding="utf-8")
    return folder


def set_seed(story: Path, name: str) -> None:
    meta = json.loads((story / "story.json").read_text(encoding="utf-8"))
    meta["seed"]["file"] = name
    (story / "story.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def run_check(story: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["check", str(story)]) == 2
    err = capsys.readouterr().err
    assert SECRET not in err and "root:" not in err
    return err.splitlines()


@pytest.mark.parametrize(("name", "found"), [
    ("/etc/passwd", 'found an absolute path ("/etc/passwd")'),
    ("../../../../../../etc/passwd", "found a path leading outside it"),
    ("../secret.txt", "found a path leading outside it"),
])
def test_a_seed_outside_the_folder_is_refused(story: Path, name: str, found: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    set_seed(story, name)
    lines = run_check(story, capsys)
    assert lines[0].startswith("harbin/story.json: field 'seed.file': expected a seed file")
    assert found in lines[0] and lines[-1] == "1 problem(s) found"


def test_a_symlink_out_of_the_folder_is_refused_unread(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (story / "frames.json").unlink()
    (story / "frames.json").symlink_to(story.parent / "secret.txt")
    lines = run_check(story, capsys)
    assert lines[0] == ("harbin/frames.json: expected a file inside the story folder, found a path leading outside "
                        "it; copy the file into the story folder and name it relative to it")


def test_a_symlink_inside_the_folder_is_followed(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (story / "data").mkdir()
    (story / "events.geojson").rename(story / "data" / "events.geojson")
    (story / "events.geojson").symlink_to(Path("data") / "events.geojson")
    assert main(["check", str(story)]) == 0


def test_a_named_pipe_does_not_hang(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (story / "events.geojson").unlink()
    os.mkfifo(story / "events.geojson")
    lines = run_check(story, capsys)
    assert lines[0] == "harbin/events.geojson: expected a regular file, found a named pipe"


def test_a_huge_file_is_refused_before_reading(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (story / "rivers.geojson").open("r+b") as fh:
        fh.truncate(1024 * 1024 * 1024)  # sparse: no disk, and reading it would take seconds
    lines = run_check(story, capsys)
    assert lines[0] == ("harbin/rivers.geojson: expected a file of at most 64 MB, found 1.0 GB; "
                        "split the layer or simplify its geometry")


def test_strict_json() -> None:
    for text, found in [('{"a": 1, "a": 2}', "'a' twice"), ("[NaN]", "NaN"), ("[" * 100_000, "deeper nesting"),
                        ("[" * 70 + "]" * 70, "deeper nesting"), ("1" * 5000, "a number too long to read")]:
        with pytest.raises(Refused) as caught:
            parse_json(text)
        assert caught.value.found == found


def test_read_story_bytes_is_the_api(story: Path) -> None:
    assert read_story_bytes(story, "story.json").startswith(b"{")
    with pytest.raises(Refused):
        read_story_bytes(story, "../secret.txt")
