"""``geostory serve``: the story map on a local web server, rebuilt and reloaded each time a story file is saved.

The page is built in memory (nothing is written, least of all into the story folder) and served on
127.0.0.1 unless ``--host`` says otherwise. A small script, added only to served pages, asks the server
about twice a second whether a newer map exists: if so the page reloads, and its address keeps the frame the
author was on. A story that no longer validates keeps the last good map on screen, with the problems over it
exactly as ``geostory check`` prints them, until the file is fixed.
"""
from __future__ import annotations

import json
import socket
import sys
import threading
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..errors import StoryError, UsageError, printable
from ..interrupts import Interrupted
from ..loader import load_story
from ..templating import environment

STATE_PATH = "/__geostory/state"
POLL_MS = 400
DEBOUNCE_MS = 300


def problem_lines(exc: StoryError) -> list[str]:
    """The lines ``geostory check`` prints for a broken story, in the same order and words."""
    return [str(p) for p in exc.problems] + [f"{len(exc.problems)} problem(s) found"]


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("static", name).read_text(encoding="utf-8")


def live_page(page: str | None, build: int, title: str) -> str:
    """The page as served: the map (or, before any good build, an empty page) plus the live script."""
    env = environment()
    if page is None:
        page = env.get_template("serve-empty.html").render(title=title)
    config = Markup(json.dumps({"build": build, "state": STATE_PATH, "poll": POLL_MS}))  # numbers and our own path
    tag = env.get_template("serve-live.html").render(
        css=Markup(_asset("live.css")), js=Markup(_asset("live.js")), config=config)
    at = page.rfind("</body>")
    return page[:at] + tag + page[at:] if at >= 0 else page + tag


@dataclass
class LiveStory:
    """The last good page, its build number, and the problems of the latest attempt (empty when it built)."""

    root: Path
    render: Callable[[Any], str]
    page: str | None = None
    build: int = 0
    problems: list[str] = field(default_factory=list)
    title: str = "geostory"
    lock: threading.Lock = field(default_factory=threading.Lock)

    def rebuild(self) -> float:
        """Load and render the story again; return the seconds it took."""
        start = time.monotonic()
        try:
            story = load_story(self.root)
            page = self.render(story)
        except StoryError as exc:
            with self.lock:
                self.problems = problem_lines(exc)
        else:
            with self.lock:
                self.page, self.problems, self.title = page, [], story.meta.title
                self.build += 1
        return time.monotonic() - start

    def state(self) -> dict[str, Any]:
        with self.lock:
            return {"build": self.build, "problems": list(self.problems)}

    def served_page(self) -> str:
        with self.lock:
            return live_page(self.page, self.build, self.title)


def _handler(live: LiveStory) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "geostory"

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path in ("/", "/index.html"):
                self._send(200, "text/html; charset=utf-8", live.served_page().encode("utf-8"))
            elif path == STATE_PATH:
                self._send(200, "application/json", json.dumps(live.state()).encode("utf-8"))
            else:
                self._send(404, "text/plain; charset=utf-8", b"not found\n")

        def _send(self, code: int, kind: str, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return  # requests are not news; rebuilds are

    return Handler


def _story_files(path: Path) -> bool:
    """Which saved files trigger a rebuild: not hidden files, editor backups or Excel's lock files."""
    name = path.name
    return not (name.startswith((".", "~$", "#")) or name.endswith(("~", ".swp", ".tmp")))


def _watch(live: LiveStory, stop: threading.Event, say: Callable[[str], None]) -> None:
    import watchfiles

    for changes in watchfiles.watch(live.root, stop_event=stop, debounce=DEBOUNCE_MS, step=50,
                                    watch_filter=lambda _change, name: _story_files(Path(name)),
                                    raise_interrupt=False):
        names = sorted({Path(name).name for _change, name in changes if Path(name).exists()}) or ["a file"]
        seconds = live.rebuild()
        state = live.state()
        if state["problems"]:
            say(f"{', '.join(names)} changed: the story has problems; the page keeps the last good map")
            for line in state["problems"]:
                say(line)
        else:
            say(f"{', '.join(names)} changed: rebuilt in {seconds:.1f} s")


def _listen(host: str, port: int, live: LiveStory) -> ThreadingHTTPServer:
    class Server(ThreadingHTTPServer):
        address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        daemon_threads = True

    try:
        return Server((host, port), _handler(live))
    except OSError as exc:
        raise UsageError(f"cannot listen on {host} port {port}: {exc.strerror or exc}; choose another --port "
                         "or --host") from None


def serve(root: Path, host: str = "127.0.0.1", port: int = 0, open_browser: bool = False,
          say: Callable[[str], None] | None = None) -> None:
    """Serve the story at ``root`` until Ctrl-C (or SIGTERM); rebuild on every save."""
    from ..webmap import render_html

    def out(line: str) -> None:
        print(printable(line), flush=True)

    tell = say or out
    live = LiveStory(Path(root), render_html, title=Path(root).resolve().name)
    live.rebuild()
    for line in live.state()["problems"]:
        tell(line)
    server = _listen(host, port, live)
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(live, stop, tell), name="geostory-watch", daemon=True)
    watcher.start()
    bound_host, bound_port = str(server.server_address[0]), int(server.server_address[1])
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    url = f"http://{shown}:{bound_port}/"
    tell(f"serving {live.title!r} at {url} (watching {root}; Ctrl-C stops)")
    if open_browser:
        webbrowser.open(url)
    try:
        server.serve_forever(poll_interval=0.2)
    except (Interrupted, KeyboardInterrupt):
        pass
    finally:
        stop.set()
        server.server_close()
        watcher.join(timeout=5)
    print("geostory serve: stopped", file=sys.stdout, flush=True)
