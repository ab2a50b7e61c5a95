"""The README and the authoring guide stay true to the code and the data."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from geostory.cli import _parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_commands():
    block = re.search(r"## Quick start.*?```sh\n(.*?)```", README, re.S).group(1)
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == ["make map", "make test"]


def test_every_command_is_documented():
    commands = _parser()._subparsers._group_actions[0].choices
    for name in commands:
        assert f"geostory {name}" in README


def test_every_correction_is_listed(harbin):
    for c in harbin.meta.corrections:
        assert f"`{c.id}`" in README


def test_readme_picture_exists():
    for target in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", README):
        assert (ROOT / target).is_file(), target


def test_no_machine_paths_are_committed():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    for name in files:
        path = ROOT / name
        if path.suffix in (".png", ".gif", ".gpkg") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        for needle in ("/work/" + "main", "/root/" + ".pyenv", "/tmp/" + "pytest-of"):
            assert needle not in text, name
