"""Measure the story map against its budget and print a table (not a test: timings vary by machine).

    .venv/bin/python benchmarks/bench_webmap.py [STORY_DIR] [--loads 8] [--steps 60]

Budget: page <= 400 KB; ready in Chromium well under 0.5 s; one frame step a few ms.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from geostory import load_story
from geostory.webmap import build_map

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
        "--no-first-run"]
EMPTY_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                          "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")
STEP_JS = """async (n) => {
  const frames = geostory.frames.length, sync = [], painted = [];
  const nextFrame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  for (let k = 0; k < n; k++) {
    await nextFrame();
    const t0 = performance.now();
    geostory.go((geostory.current() + 1) % frames);
    const t1 = performance.now();
    await nextFrame();  // style, layout and paint of the new frame
    sync.push(t1 - t0);
    painted.push(performance.now() - t0);
  }
  return {sync, painted};
}"""


def row(name: str, value: str, budget: str, ok: bool | None) -> str:
    mark = "" if ok is None else ("ok" if ok else "OVER")
    return f"| {name:<34} | {value:>14} | {budget:<12} | {mark:<4} |"


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("story", nargs="?", default=str(ROOT / "geodata"))
    parser.add_argument("--loads", type=int, default=8)
    parser.add_argument("--steps", type=int, default=60)
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        sys.exit("bench_webmap: Chromium not found (Debian package chromium)")

    story = load_story(args.story)
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        html = build_map(story, Path(tmp) / "map.html")
        build_s = time.perf_counter() - t0
        size_kb = html.stat().st_size / 1024
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                       else r.fulfill(status=200, content_type="image/png", body=EMPTY_PNG))
            ready, parse = [], []
            for i in range(args.loads + 1):  # the first load warms the browser up and is not counted
                page.goto(f"{html.as_uri()}?run={i}")
                page.wait_for_function("window.geostory && window.geostory.ready")
                nav = page.evaluate("[performance.getEntriesByType('navigation')[0].responseEnd, geostory.readyMs]")
                if i:
                    ready.append(nav[1])
                    parse.append(nav[1] - nav[0])
            steps = page.evaluate(STEP_JS, args.steps)
            browser.close()

    lines = [
        f"story {story.meta.id}: {len(story.features())} features, {len(story.frames)} frames, Chromium 1280x800",
        f"| {'measure':<34} | {'value':>14} | {'budget':<12} | ok?  |",
        "|" + "-" * 36 + "|" + "-" * 16 + "|" + "-" * 14 + "|------|",
        row("build (Python, incl. arrows)", f"{build_s * 1000:.0f} ms", "", None),
        row("page size", f"{size_kb:.0f} KB", "<= 400 KB", size_kb <= 400),
        row("ready, from navigation (median)", f"{statistics.median(ready):.0f} ms", "< 500 ms",
            statistics.median(ready) < 500),
        row("ready, after file read (median)", f"{statistics.median(parse):.0f} ms", "", None),
        row("frame step, go() (median)", f"{statistics.median(steps['sync']):.1f} ms", "a few ms",
            statistics.median(steps["sync"]) < 8),
        row("frame step, go() (p95)", f"{pct(steps['sync'], 0.95):.1f} ms", "", None),
        row("frame step to next paint (median)", f"{statistics.median(steps['painted']):.1f} ms", "", None),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
