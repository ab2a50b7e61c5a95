"""`geostory serve` as an author uses it: started as a process, the page open in Chromium, files edited on disk.

A saved change reloads the page on the frame the author was on; a broken story keeps the last good map with
the problems over it exactly as `geostory check` prints them; fixing it clears them. The server listens on
127.0.0.1 only, writes nothing into the story folder, and Ctrl-C stops it with one line.
"""
from __future__ import annotations

import base64
import json
import re
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geostory.cli import main
from geostory.serve import live_page

from conftest import HARBIN, need

try:  # a test extra: skipped where it is missing, but a failure under CI=true (see conftest.need)
    from playwright.sync_api import Page, sync_playwright
except ImportError:
    sync_playwright = None

ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
        "--no-first-run"]
EMPTY_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
WAIT_MS = 60_000  # a rebuild renders the whole map; the machine may be busy


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


class Served:
    """A `geostory serve` process on a copy of the Harbin story."""

    def __init__(self, story: Path) -> None:
        self.story = story
        self.proc = subprocess.Popen([sys.executable, "-m", "geostory", "serve", str(story)], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, cwd=story.parent)
        assert self.proc.stdout is not None
        self.first = self.proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", self.first)
        assert found, (self.first, self.proc.stderr.read() if self.proc.poll() is not None and self.proc.stderr else "")
        self.url, self.port = found.group(0), int(found.group(1))

    def stop(self) -> tuple[int, str, str]:
        self.proc.send_signal(signal.SIGINT)
        out, err = self.proc.communicate(timeout=30)
        return self.proc.returncode, out, err


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    story = tmp_path / "harbin"
    shutil.copytree(HARBIN, story)
    server = Served(story)
    yield server
    if server.proc.poll() is None:
        server.proc.kill()
        server.proc.wait()


def _edit_json(path: Path, change: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _open(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("window.geostory && window.geostory.ready", timeout=WAIT_MS)


@pytest.mark.browser
def test_a_save_reloads_the_same_frame_and_a_broken_story_keeps_the_map(served, chromium, capsys):
    need("Playwright (pip install -e '.[test]')", sync_playwright)
    story = served.story
    frames = json.loads((story / "frames.json").read_text(encoding="utf-8"))["frames"]
    frame = frames[2]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})

        def route(r: Any) -> None:
            url = r.request.url
            if url.startswith(served.url):
                r.continue_()
            elif url.startswith(("http://", "https://")) and "/tile/" in url:
                r.fulfill(status=200, content_type="image/png", body=EMPTY_PNG)
            else:
                r.abort()

        page.route("**/*", route)
        _open(page, f"{served.url}#{frame['id']}")
        assert page.evaluate("location.hash") == f"#{frame['id']}"
        assert page.locator("#gs-frame-title").inner_text() == frame["title"]
        page.evaluate("window.notReloaded = true")

        # 1. a saved edit: the page reloads by itself, on the same frame, showing the change
        retitled = frame["title"] + " (revised)"
        _edit_json(story / "frames.json", lambda d: d["frames"][2].update(title=retitled))
        page.wait_for_function("!window.notReloaded && window.geostory && window.geostory.ready", timeout=WAIT_MS)
        page.wait_for_function("t => document.querySelector('#gs-frame-title').innerText === t", arg=retitled)
        assert page.evaluate("location.hash") == f"#{frame['id']}"
        page.evaluate("window.notReloaded = true")

        # 2. a broken edit: the same map stays, with the problems over it as `check` prints them
        place = json.loads((story / "places.geojson").read_text(encoding="utf-8"))["features"][0]["id"]
        _edit_json(story / "places.geojson", lambda d: d["features"][0]["properties"].update(label_rank="first"))
        _edit_json(story / "frames.json", lambda d: d["frames"][2].update(start="1932-13-01"))
        capsys.readouterr()
        assert main(["check", str(story)]) == 2
        expected = capsys.readouterr().err.rstrip("\n")
        assert place in expected and "1932-13-01" in expected
        page.wait_for_function("t => { const pre = document.querySelector('#gs-live-problems pre');"
                               " return pre && pre.textContent === t; }", arg=expected, timeout=WAIT_MS)
        assert page.evaluate("window.notReloaded") is True  # not reloaded: the last good map is still there
        assert page.locator("#gs-frame-title").inner_text() == retitled
        assert page.locator(".leaflet-container").count() == 1

        # 3. fixed: the problems go and the page reloads with the fix
        _edit_json(story / "places.geojson", lambda d: d["features"][0]["properties"].update(label_rank=1))
        _edit_json(story / "frames.json", lambda d: d["frames"][2].update(start=frame["start"], title=frame["title"]))
        page.wait_for_function("!window.notReloaded && window.geostory && window.geostory.ready", timeout=WAIT_MS)
        page.wait_for_function("t => document.querySelector('#gs-frame-title').innerText === t", arg=frame["title"])
        assert page.locator("#gs-live-problems").count() == 0
        assert page.evaluate("location.hash") == f"#{frame['id']}"
        browser.close()
    code, out, err = served.stop()
    assert code == 0 and out.endswith("geostory serve: stopped\n") and "Traceback" not in err
    assert "changed: rebuilt in " in out and "the page keeps the last good map" in out


def _other_addresses() -> list[str]:
    """Addresses of this machine that are not 127.0.0.1: another loopback one, and the outbound one if any."""
    found = ["127.0.0.2"]
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET: nothing is sent, the kernel only picks a route
            if not s.getsockname()[0].startswith("127."):
                found.append(s.getsockname()[0])
    except OSError:
        pass
    return found


def test_local_only_writes_nothing_and_ctrl_c_stops_cleanly(tmp_path):
    story = tmp_path / "harbin"
    shutil.copytree(HARBIN, story)
    before = _snapshot(story)
    server = Served(story)
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as s:
            s.sendall(b"GET /__geostory/state HTTP/1.0\r\n\r\n")
            reply = s.makefile("rb").read().decode()
        assert reply.startswith("HTTP/1.0 200") and '"build": 1' in reply and '"problems": []' in reply
        for address in _other_addresses():  # listening on 127.0.0.1 only: any other address is refused
            with pytest.raises(ConnectionRefusedError):
                socket.create_connection((address, server.port), timeout=10)
        _edit_json(story / "events.geojson", lambda d: d["features"][0]["properties"].update(name_en="Renamed"))
        edited = _snapshot(story)
    finally:
        code, out, err = server.stop()
    assert code == 0 and out.splitlines()[-1] == "geostory serve: stopped" and err == ""
    assert _snapshot(story) == edited and set(edited) == set(before)  # no file added, none changed but ours


def test_the_live_script_is_only_in_served_pages(harbin):
    from geostory.webmap import render_html

    page = render_html(harbin)
    assert "gs-live" not in page and "__geostory/state" not in page
    served = live_page(page, 3, harbin.meta.title)
    assert served.count("gs-live-config") == 2 and '"build": 3' in served
    assert served.replace(served[served.rindex("<style>"):served.rindex("</body>")], "") == page
