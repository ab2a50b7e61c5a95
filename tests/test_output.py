"""Outputs never cost the user a file: own folder per story, manifest, atomic swap, lock, one-line failures."""
from __future__ import annotations

import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geostory.cli import main
from geostory.output import MANIFEST, output_lock, write_manifest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "geodata", tmp_path / "harbin", ignore=shutil.ignore_patterns("*.qml"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob(".*") if p.name != MANIFEST]


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1, err
    return err[0]


def test_each_story_has_its_own_output_folder(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "waterloo"]) == 0
    for story in ("harbin", "waterloo"):
        assert main(["build", story]) == 0
        assert main(["qgis", story]) == 0
    assert (work / "dist/harbin-1932/harbin-1932.html").is_file()
    assert (work / "dist/harbin-1932/qgis/harbin-1932.gpkg").is_file(), "the second story kept the first's"
    assert (work / "dist/waterloo/qgis/waterloo.qgs").is_file()
    assert leftovers(work / "dist") == []


def test_an_input_is_never_overwritten(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = tree(work / "harbin")
    assert main(["build", "harbin", "-o", "harbin/places.geojson"]) == 2
    assert one_line(capsys) == ("geostory: harbin/places.geojson exists (a file of the story) and was not written "
                                "by geostory; move it away or choose another name")
    assert main(["qgis", "harbin", "-o", "harbin"]) == 2
    assert one_line(capsys) == "geostory: harbin holds the story being built; choose another output folder"
    assert main(["frames", "harbin", "-o", "."]) == 2
    assert "holds the story being built" in one_line(capsys)
    assert tree(work / "harbin") == before


def test_a_file_the_user_added_is_never_deleted(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qgis", "harbin"]) == 0
    out = work / "dist/harbin-1932/qgis"
    (out / "my-notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["qgis", "harbin"]) == 2
    assert one_line(capsys) == ("geostory: dist/harbin-1932/qgis holds 'my-notes.txt', which geostory did not "
                                "write; move it out, or choose a new or empty folder")
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "keep me"
    (out / "my-notes.txt").unlink()
    (out / "harbin-1932.qgs").write_text("edited in QGIS", encoding="utf-8")
    assert main(["qgis", "harbin"]) == 2
    assert "holds 'harbin-1932.qgs', changed since geostory wrote it" in one_line(capsys)
    assert (out / "harbin-1932.qgs").read_text(encoding="utf-8") == "edited in QGIS"


def test_a_copied_or_forged_manifest_is_not_trusted(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qgis", "harbin", "-o", "out"]) == 0
    mine = work / "my-project"
    mine.mkdir()
    (mine / "essay.odt").write_bytes(b"years of work")
    shutil.copy(work / "out" / MANIFEST, mine / MANIFEST)
    assert main(["qgis", "harbin", "-o", "my-project"]) == 2
    assert "holds 'essay.odt', which geostory did not write" in one_line(capsys)
    (mine / MANIFEST).write_text(json.dumps({"sha256": {"essay.odt": "0" * 64, "../../etc": "x"}}), encoding="utf-8")
    assert main(["qgis", "harbin", "-o", "my-project"]) == 2
    assert "changed since geostory wrote it" in one_line(capsys)
    (mine / MANIFEST).write_text("[1, 2", encoding="utf-8")
    assert main(["qgis", "harbin", "-o", "my-project"]) == 2
    one_line(capsys)
    assert (mine / "essay.odt").read_bytes() == b"years of work"


def test_a_page_geostory_wrote_is_replaced_and_nothing_else(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "harbin", "-o", "map.html"]) == 0
    assert main(["build", "harbin", "-o", "map.html"]) == 0
    (work / "letter.html").write_text("<p>Dear…</p>", encoding="utf-8")
    assert main(["build", "harbin", "-o", "letter.html"]) == 2
    assert one_line(capsys) == ("geostory: letter.html exists and was not written by geostory; move it away or "
                                "choose another name")
    assert (work / "letter.html").read_text(encoding="utf-8") == "<p>Dear…</p>"
    assert leftovers(work) == []


def test_a_run_killed_between_renames_is_recovered(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["qgis", "harbin", "-o", "out"]) == 0
    before = tree(work / "out")
    os.replace(work / "out", work / ".out.geostory-old")  # the state a SIGKILL between the two renames leaves
    (work / ".out.geostory-new").mkdir()
    (work / ".out.geostory-new" / ".geostory-partial").touch()
    (work / ".out.geostory-new" / "half.gpkg").write_bytes(b"half")
    assert main(["qgis", "harbin", "-o", "out"]) == 0
    assert tree(work / "out") == before
    assert sorted(p.name for p in work.iterdir()) == ["harbin", "out"]


def test_a_leftover_that_is_not_ours_is_not_deleted(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / ".out.geostory-new").mkdir()
    (work / ".out.geostory-new" / "thesis.tex").write_text("mine", encoding="utf-8")
    assert main(["qgis", "harbin", "-o", "out"]) == 2
    assert "was not written by geostory; move it away" in one_line(capsys)
    assert (work / ".out.geostory-new" / "thesis.tex").is_file()


def test_a_second_run_waits_for_the_first(work: Path) -> None:
    (work / "dist").mkdir()
    with output_lock(work / "dist"):
        run = subprocess.Popen([sys.executable, "-m", "geostory", "build", "harbin", "-o", "dist/map.html"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert run.stderr is not None
        line = run.stderr.readline()
        assert line == "geostory: waiting for another geostory run writing into dist\n"
        assert not (work / "dist" / "map.html").exists()
    out, err = run.communicate(timeout=60)
    assert run.returncode == 0, err
    assert out == "wrote dist/map.html\n" and (work / "dist" / "map.html").is_file()
    assert leftovers(work / "dist") == []


def _limit_file_size() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))


@pytest.mark.parametrize(("command", "output"), [("build", "out/map.html"), ("qgis", "out/qgis")])
def test_a_full_disk_is_one_line_naming_the_output(work: Path, command: str, output: str) -> None:
    run = subprocess.run([sys.executable, "-m", "geostory", command, "harbin", "-o", output], capture_output=True,
                         text=True, preexec_fn=_limit_file_size, timeout=120)
    assert run.returncode == 2
    assert run.stderr.startswith(f"geostory: cannot write {output}: ") and run.stderr.count("\n") == 1
    assert "Traceback" not in run.stderr and ".geostory-" not in run.stderr
    assert not Path(output).exists() and leftovers(work / "out") == []


def test_an_unwritable_place_is_one_line(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (work / "a-file").write_text("x", encoding="utf-8")
    assert main(["build", "harbin", "-o", "a-file/map.html"]) == 2
    assert one_line(capsys) == "geostory: cannot write a-file/map.html: a-file is a file, not a folder"
    assert main(["qgis", "harbin", "-o", "a-file/deeper/qgis"]) == 2
    assert one_line(capsys) == "geostory: cannot write a-file/deeper/qgis: a-file is a file, not a folder"


def test_a_name_that_is_not_utf8_is_one_line(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    name = os.fsdecode(b"map-\xff.html")
    assert main(["build", "harbin", "-o", name]) == 2
    assert one_line(capsys) == (
        "geostory: cannot write map-\\udcff.html: the name is not valid UTF-8; choose another name"
    )
    assert sorted(p.name for p in work.iterdir()) == ["harbin"]


def test_rebuilds_are_byte_identical_with_their_manifest(work: Path) -> None:
    assert main(["qgis", "harbin", "-o", "a"]) == 0
    first = tree(work / "a")
    time.sleep(0.01)
    assert main(["qgis", "harbin", "-o", "a"]) == 0
    assert tree(work / "a") == first and MANIFEST in first


def test_styles_replace_only_their_own_qml(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["styles", "harbin"]) == 0
    assert main(["styles", "harbin"]) == 0, "a .qml geostory wrote may be rewritten"
    capsys.readouterr()
    (work / "harbin" / "places.qml").write_text("<qgis>my own style, made in QGIS</qgis>", encoding="utf-8")
    assert main(["styles", "harbin"]) == 2
    assert one_line(capsys) == ("geostory: harbin/places.qml exists and was not written by geostory; move it away "
                                "or choose another name")
    assert "my own style" in (work / "harbin" / "places.qml").read_text(encoding="utf-8")


def test_the_output_path_is_never_missing_during_a_rebuild(work: Path) -> None:
    assert main(["qgis", "harbin", "-o", "out"]) == 0
    script = ("from geostory.cli import main\n"
              "for _ in range(3):\n    assert main(['qgis', 'harbin', '-o', 'out']) == 0\n")
    run = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL)
    looks = missing = 0
    while run.poll() is None:
        looks += 1
        missing += not (work / "out" / "harbin-1932.qgs").is_file()
    assert run.returncode == 0 and looks > 100
    assert missing == 0, f"the output was missing {missing} times in {looks} looks"


def test_without_an_atomic_exchange_two_renames_replace_the_folder(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import geostory.output

    monkeypatch.setattr(geostory.output, "_exchange", lambda a, b: False)  # a system without renameat2
    assert main(["qgis", "harbin", "-o", "out"]) == 0
    (work / "out" / "harbin-1932.qgs").unlink()  # so the rebuild's files differ from what is there
    write_manifest(work / "out")
    assert main(["qgis", "harbin", "-o", "out"]) == 0
    assert (work / "out" / "harbin-1932.qgs").is_file()
    assert sorted(p.name for p in work.iterdir()) == ["harbin", "out"]
