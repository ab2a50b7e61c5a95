"""SVG or canvas: the same geostory page drawn both ways, to place webmap.payload.CANVAS_FROM.

    .venv/bin/python benchmarks/bench_renderer.py [--sizes 500,1000,2000,5000,10000] [--runs 3]

For each size (F=50) the page is built once and a copy is made with the payload's "canvas" flag flipped;
both are loaded in turn in one Chromium (page ready, step JS and step to paint, medians over the runs).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pages import Pages, median
from playwright.sync_api import sync_playwright
from synthetic import make_story

from geostory import load_story
from geostory.webmap import build_map


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,2000,5000,10000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--steps", type=int, default=50)
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory(prefix="geostory-renderer-") as tmp, sync_playwright() as pw:
        work = Path(tmp)
        pages = Pages(pw)
        try:
            for n in (int(x) for x in args.sizes.split(",")):
                html = build_map(load_story(make_story(work / f"s{n}", n, 50)), work / f"s{n}.html")
                text = html.read_text(encoding="utf-8")
                flag = '"canvas":true' if '"canvas":true' in text else '"canvas":false'
                other = '"canvas":false' if flag.endswith("true") else '"canvas":true'
                pages_by = {flag.split(":")[1]: html}
                flipped = work / f"s{n}-flipped.html"
                flipped.write_text(text.replace(flag, other, 1), encoding="utf-8")
                pages_by[other.split(":")[1]] = flipped
                got: dict[str, dict[str, list[float]]] = {"false": {}, "true": {}}
                for _ in range(args.runs):
                    for canvas, page in pages_by.items():
                        run = pages.measure(page, "geostory", args.steps)
                        for key, value in (("ready", run.ready_ms), ("js", median(run.step_js)),
                                           ("paint", median(run.step_paint))):
                            got[canvas].setdefault(key, []).append(value)
                svg, cnv = got["false"], got["true"]
                rows.append(f"| {n:,} | " + " | ".join(
                    f"{median(svg[k]):.0f} / {median(cnv[k]):.0f}" for k in ("ready", "js", "paint")) + " |")
                print(rows[-1], file=sys.stderr, flush=True)
        finally:
            pages.close()
    print("| features (F=50) | page ready, SVG / canvas (ms) | step JS (ms) | step to paint (ms) |")
    print("|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
