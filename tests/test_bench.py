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
    assert "| page ready ≤ 0.8× peer, N=100, F=50 |" in text  # the budgets read off the same run


def test_budgets_read_off_a_run() -> None:
    """Each budget compares the right figures: ratios to the peer, growth with N, the build against its floor."""
    import budgets

    def run(ready: tuple[float, float], step: tuple[float, float],
            build: float = 1.0) -> dict[str, dict[str, list[float]]]:
        return {"geostory": {"page ready (ms)": [ready[0]], "step JS, median (ms)": [step[0]],
                             "build, in process (s)": [build], "build, whole process (s)": [build],
                             "qgis, whole process (s)": [4.0], "frames, whole process (s)": [61.0]},
                "peer": {"page ready (ms)": [ready[1]], "step JS, median (ms)": [step[1]]}}

    results = {(1_000, 50): run((70, 100), (4, 10), 0.2), (10_000, 50): run((61, 100), (9, 100), 2.0),
               (10_000, 500): run((50, 100), (2, 100), 2.5)}
    held = {c.budget: c.holds for c in budgets.checks(results, budgets.Floor(wall_s=0.8, cpu_s=0.5))}
    assert held["page ready ≤ 0.8× peer, N=1,000, F=50"]
    assert not held["page ready ≤ 0.6× peer, N=10,000, F=50"]  # 0.61×
    assert held["page ready ≤ 0.6× peer, N=10,000, F=500"]
    assert held["step JS ≤ 0.5× peer, N=1,000, F=50"]
    assert not held["step JS at N=10,000 ≤ 2.0× own at N=1,000, F=50"]  # 9 / 4 ms
    assert held["in-process build N=1,000 → N=10,000 within 12×, F=50"]  # 10×
    assert held["build ≤ 2 × floor + 1 s (wall), N=10,000, F=500"]  # 2.5 s vs 2.6 s
    assert held["qgis < 5 s, N=10,000, F=50"]
    assert not held["frames < 60 s, N=10,000, F=50"]
    assert "frames < 60 s, N=10,000, F=500" not in held  # frames are timed at 50 frames only
