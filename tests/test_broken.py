"""Every broken story in the corpus (tests/broken/cases.py): exit 2 and the exact lines from check, build,
qgis and frames, no traceback, and neither the story nor an earlier output touched."""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from broken.cases import CASES, apply

from geostory.cli import main
from geostory.output import write_manifest

ROOT = Path(__file__).resolve().parents[1]
EXPECTED_FILE = Path(__file__).parent / "broken" / "expected.json"
EXPECTED: dict[str, list[str]] = json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))
SECRET = "s3cr3t-not-story-data"
COMMANDS = ("check", "build", "qgis", "frames")
REGEN = bool(os.environ.get("GEOSTORY_REGEN"))
_found: dict[str, list[str]] = {}


def make_case(case: str, where: Path) -> Path:
    """A copy of the Harbin story broken as the case says, beside a secret and an earlier output."""
    story = where / "harbin"
    shutil.copytree(ROOT / "geodata", story, ignore=shutil.ignore_patterns("*.qml"))
    (where / "secret.json").write_text(json.dumps({"frames": SECRET, "type": SECRET}), encoding="utf-8")
    earlier = where / "dist" / "harbin-1932"
    for name in ("qgis", "frames"):
        (earlier / name).mkdir(parents=True)
        (earlier / name / "earlier.txt").write_text("an earlier output\n", encoding="utf-8")
        write_manifest(earlier / name)
    (earlier / "harbin-1932.html").write_text('<meta name="generator" content="geostory">', encoding="utf-8")
    apply(story, CASES[case])
    return story


def snapshot(folder: Path) -> dict[str, object]:
    """Every path with its kind and size, and the bytes of small regular files (never read a pipe or 1 GB)."""
    seen: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        small = stat.S_ISREG(info.st_mode) and info.st_size < 1_000_000
        seen[str(path.relative_to(folder))] = (stat.S_IFMT(info.st_mode), info.st_size,
                                               path.read_bytes() if small else None)
    return seen


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_story(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                      capsys: pytest.CaptureFixture[str]) -> None:
    make_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    for command in COMMANDS:
        assert main([command, "harbin"]) == 2, command
        out, err = capsys.readouterr()
        assert out == "" and "Traceback" not in err and SECRET not in err
        lines = err.splitlines()
        assert lines[-1] == f"{len(lines) - 1} problem(s) found", (command, lines)
        if REGEN:
            _found[case] = lines[:-1]
        else:
            assert lines[:-1] == EXPECTED[case], command
        assert snapshot(tmp_path) == before, f"{command} touched a file"


@pytest.mark.parametrize("case", ["events-a-fifo", "frames-link-outside", "lone-surrogate"])
def test_broken_story_by_subprocess(case: str, tmp_path: Path) -> None:
    make_case(case, tmp_path)
    run = subprocess.run([sys.executable, "-m", "geostory", "build", "harbin"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.splitlines()[:-1] == EXPECTED[case]


def test_the_corpus_is_large_and_every_case_is_expected() -> None:
    assert len(CASES) >= 60
    assert REGEN or sorted(EXPECTED) == sorted(CASES)


def teardown_module() -> None:
    if REGEN and _found:
        merged = {**EXPECTED, **_found}
        table = {k: merged.get(k, []) for k in sorted(CASES)}
        EXPECTED_FILE.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
