"""The benchmark runner works end to end on the smallest story (a smoke test: it times nothing)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import need

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCH))

pytestmark = pytest.mark.browser


def test_runner_prints_and_writes_one_table(chromium, tmp_path, capsys):
    import bench
    from pages import peer_ready

    need("the peer's libraries (npm ci in benchmarks/peer)", None if peer_ready() else True)
    out = tmp_path / "results.md"
    assert bench.main(["--sizes", "100x50", "--runs", "1", "--steps", "5", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text in capsys.readouterr().out
    assert "| figure | N=100, F=50 |" in text and "Chromium" in text
    for row in ("page ready (ms)", "step JS, median (ms)", "HTML (KB)", "build, whole process (s)",
                "qgis, whole process (s)"):
        line = next(x for x in text.splitlines() if x.startswith(f"| {row} |"))
        assert "–" not in line, line
    assert " / " in next(x for x in text.splitlines() if x.startswith("| page ready"))  # the peer's figure too
