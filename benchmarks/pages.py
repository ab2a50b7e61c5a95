"""Page measurements in one Chromium, for geostory's page and the folium peer's alike.

Page ready is the time from navigation start to the first animation frame after the first feature is in
the map (an SVG path, a canvas or a marker), found by the same observer in both pages. A step is one call
that changes the frame (``geostory.go`` / ``timeDimension.setCurrentTimeIndex``): its JavaScript time, and
the time to the next paint after it. JS heap is measured after a garbage collection.

The peer's libraries come from CDNs in real use; here they are served from ``benchmarks/peer/node_modules``
(``npm ci`` there) and Leaflet from the same xstatic-leaflet geostory inlines, so the peer pays no network
time either. Stylesheets and fonts the peer asks for that change nothing measured are answered empty.
"""
from __future__ import annotations

import shutil
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Playwright, Route

HERE = Path(__file__).resolve().parent
PEER_MODULES = HERE / "peer" / "node_modules"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
        "--no-first-run"]
VIEWPORT = {"width": 1280, "height": 800}
EMPTY_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                          "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")
FIRST_DRAW = """(() => {
  const drawn = () => document.querySelector(
    '.leaflet-map-pane path, .leaflet-map-pane canvas, .leaflet-map-pane .leaflet-marker-icon');
  const observer = new MutationObserver(() => {
    if (!drawn()) return;
    observer.disconnect();
    requestAnimationFrame(() => { if (window.__firstDraw === undefined) window.__firstDraw = performance.now(); });
  });
  observer.observe(document, {childList: true, subtree: true});
})();"""
STEPS = """async ({kind, n}) => {
  const map = Object.values(window).find(v => v instanceof L.Map);
  const td = map.timeDimension;
  const count = kind === 'geostory' ? geostory.frames.length : td.getAvailableTimes().length;
  const go = kind === 'geostory' ? (i => geostory.go(i)) : (i => td.setCurrentTimeIndex(i));
  let at = kind === 'geostory' ? geostory.current() : td.getCurrentTimeIndex();
  const nextFrame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const js = [], painted = [];
  for (let k = 0; k < n; k++) {
    await nextFrame();
    at = (at + 1) % count;
    const t0 = performance.now();
    go(at);
    const t1 = performance.now();
    await nextFrame();  // style, layout and paint of the new frame
    js.push(t1 - t0);
    painted.push(performance.now() - t0);
  }
  return {js, painted};
}"""


def _peer_files() -> dict[str, Path]:
    """CDN address fragments the peer loads, and the local file that answers each."""
    from xstatic.pkg import leaflet

    m = PEER_MODULES
    return {
        "leaflet@1.9.3/dist/leaflet.js": Path(leaflet.BASE_DIR) / "leaflet.js",
        "leaflet@1.9.3/dist/leaflet.css": Path(leaflet.BASE_DIR) / "leaflet.css",
        "jquery-3.7.1.min.js": m / "jquery" / "dist" / "jquery.min.js",
        "jquery/3.7.1/jquery.min.js": m / "jquery" / "dist" / "jquery.min.js",
        "jqueryui/1.10.2/jquery-ui.min.js": m / "jquery-ui" / "jquery-ui.js",
        "iso8601.min.js": m / "iso8601-js-period" / "iso8601.js",
        "leaflet.timedimension.min.js": m / "leaflet-timedimension" / "dist" / "leaflet.timedimension.min.js",
        "leaflet.timedimension.control.css": m / "leaflet-timedimension" / "dist" /
        "leaflet.timedimension.control.min.css",
        "moment.js/2.18.1/moment.min.js": m / "moment" / "min" / "moment.min.js",
        "bootstrap.bundle.min.js": m / "bootstrap" / "dist" / "js" / "bootstrap.bundle.min.js",
        "bootstrap@5.2.2/dist/css/bootstrap.min.css": m / "bootstrap" / "dist" / "css" / "bootstrap.min.css",
    }


def peer_ready() -> str | None:
    """None when the peer's libraries are installed, else what to run."""
    missing = [p for p in _peer_files().values() if not p.is_file()]
    return f"missing {missing[0]}: run 'npm ci' in benchmarks/peer" if missing else None


@dataclass
class PageRun:
    """One load of one page and the steps after it."""

    ready_ms: float
    heap_mb: float
    step_js: list[float]
    step_paint: list[float]


class Pages:
    """One Chromium for a whole benchmark run; a fresh context (empty cache) for each load."""

    def __init__(self, playwright: Playwright) -> None:
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if not chromium:
            raise SystemExit("benchmark: Chromium not found (Debian package chromium)")
        self.browser: Browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        self.files = _peer_files()

    @property
    def version(self) -> str:
        return self.browser.version

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url.startswith("file:"):
            route.continue_()
            return
        for fragment, path in self.files.items():
            if fragment in url:
                kind = "text/css" if path.suffix == ".css" else "application/javascript"
                route.fulfill(status=200, content_type=kind, body=path.read_bytes())
                return
        if url.endswith(".css"):
            route.fulfill(status=200, content_type="text/css", body="")
        elif url.endswith(".js"):
            route.fulfill(status=200, content_type="application/javascript", body="")
        else:  # tiles, marker icons, fonts
            route.fulfill(status=200, content_type="image/png", body=EMPTY_PNG)

    def measure(self, html: Path, kind: str, steps: int) -> PageRun:
        """Load ``html`` (kind 'geostory' or 'peer'), wait until drawn, measure heap and ``steps`` steps."""
        context = self.browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
        try:
            page = context.new_page()
            page.route("**/*", self._route)
            page.add_init_script(FIRST_DRAW)
            page.goto(html.as_uri(), wait_until="load", timeout=300_000)
            page.wait_for_function("window.__firstDraw !== undefined", timeout=300_000)
            if kind == "geostory":
                page.wait_for_function("window.geostory && window.geostory.ready", timeout=300_000)
            ready = float(page.evaluate("window.__firstDraw"))
            cdp = context.new_cdp_session(page)
            cdp.send("HeapProfiler.collectGarbage")
            heap = float(cdp.send("Runtime.getHeapUsage")["usedSize"]) / 1e6
            result: dict[str, Any] = page.evaluate(STEPS, {"kind": kind, "n": steps})
            return PageRun(ready, heap, list(result["js"]), list(result["painted"]))
        finally:
            context.close()

    def close(self) -> None:
        self.browser.close()


def pct(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def median(values: list[float]) -> float:
    return statistics.median(values)
