"""Ctrl-C and SIGTERM at several moments of each command: one line, exit 130/143, no leftovers, old output intact.

Moments are made certain: while the libraries are being imported (seen in /proc/<pid>/maps: the hardest
moment, since an exception inside a C extension's import comes back as an ImportError), while the run waits
for the output lock (held here), and after the first frame picture is written.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geostory.output import output_lock, write_manifest

ROOT = Path(__file__).resolve().parents[1]
LINE = "geostory: interrupted ({}); outputs not finished were not written, earlier ones are intact"
OUTPUTS = {"build": "out/map.html", "qgis": "out/qgis", "frames": "out/frames"}


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "geodata", tmp_path / "harbin", ignore=shutil.ignore_patterns("*.qml"))
    out = tmp_path / "out"
    for name in ("qgis", "frames"):  # an earlier output of geostory's, with its manifest
        (out / name).mkdir(parents=True)
        (out / name / "earlier.txt").write_text("the earlier output\n", encoding="utf-8")
        write_manifest(out / name)
    (out / "map.html").write_text('<meta name="generator" content="geostory">earlier', encoding="utf-8")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def start(work: Path, command: str) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "geostory", command, "harbin"]
    if command in OUTPUTS:
        args += ["-o", OUTPUTS[command]]
    return subprocess.Popen(args, cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_until_loading(run: subprocess.Popen[str], library: str = "shapely") -> None:
    """Return once the run has begun importing ``library`` (its shared object is mapped)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None:
        try:
            if library in Path(f"/proc/{run.pid}/maps").read_text(encoding="utf-8", errors="replace"):
                return
        except OSError:
            pass
        time.sleep(0.002)
    pytest.fail(f"the run never began importing {library}")


def finish(run: subprocess.Popen[str], sig: signal.Signals, work: Path, before: dict[str, bytes]) -> None:
    run.send_signal(sig)
    _, err = run.communicate(timeout=120)
    assert "Traceback" not in err
    assert run.returncode == 128 + sig, (run.returncode, err)
    assert err.splitlines()[-1] == LINE.format(sig.name)
    assert snapshot(work / "out") == before, "the earlier output changed"
    assert [p.name for p in (work / "out").iterdir() if p.name.startswith(".")] == [], "a temporary was left"


@pytest.mark.parametrize("command", ["check", "build", "qgis", "frames"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_while_importing(work: Path, command: str, sig: signal.Signals) -> None:
    before = snapshot(work / "out")
    run = start(work, command)
    wait_until_loading(run)
    finish(run, sig, work, before)


@pytest.mark.parametrize(("command", "sig"), [("build", signal.SIGINT), ("qgis", signal.SIGTERM),
                                              ("frames", signal.SIGINT)])
def test_while_waiting_for_the_output_lock(work: Path, command: str, sig: signal.Signals) -> None:
    before = snapshot(work / "out")
    with output_lock(work / "out"):
        run = start(work, command)
        assert run.stderr is not None
        assert run.stderr.readline().startswith("geostory: waiting for another geostory run")
        finish(run, sig, work, before)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_frames_after_the_first_picture(work: Path, sig: signal.Signals) -> None:
    before = snapshot(work / "out")
    run = start(work, "frames")
    assert run.stderr is not None
    line = run.stderr.readline()
    assert line.startswith("[1/"), line
    assert any(p.name.endswith(".geostory-new") for p in (work / "out").iterdir()), "the pictures go to a temporary"
    finish(run, sig, work, before)


def test_a_second_signal_does_not_stop_the_clean_up(work: Path) -> None:
    before = snapshot(work / "out")
    run = start(work, "frames")
    assert run.stderr is not None
    assert run.stderr.readline().startswith("[1/")
    run.send_signal(signal.SIGINT)
    run.send_signal(signal.SIGTERM)  # an impatient user, or a service manager
    _, err = run.communicate(timeout=120)
    assert run.returncode == 130 and err.splitlines()[-1] == LINE.format("SIGINT")
    assert "Traceback" not in err
    assert snapshot(work / "out") == before
    assert [p.name for p in (work / "out").iterdir() if p.name.startswith(".")] == []
