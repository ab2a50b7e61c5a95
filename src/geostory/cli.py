"""The ``geostory`` command: a thin layer over the Python API.

Bad input exits 2 with one line per problem on stderr, and never a traceback. Ctrl-C and SIGTERM stop with
one line and exit 130 / 143, leaving every earlier output as it was.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar, cast

from .collector import fewer_collections
from .errors import StoryError, UsageError, printable
from .interrupts import Interrupted, Stop, signals_as_exceptions
from .output import default_output

if TYPE_CHECKING:
    from .story import Story


def load_story(path: str | Path | None) -> Story:
    """``geostory.load_story``, imported on first use: this module stays light, so that the signal handlers
    are in place before the heavy imports and a Ctrl-C during start-up is one line too."""
    from .loader import load_story as load

    return load(path)


def default_story_dir() -> Path:
    """``geostory.default_story_dir``, imported on first use (see ``load_story``)."""
    from .loader import default_story_dir as default

    return default()


def summary(story: Story) -> dict[str, Any]:
    """The machine-readable summary printed by ``geostory check --json``."""
    return {
        "id": story.meta.id,
        "title": story.meta.title,
        "start": story.first_day.isoformat(),
        "end": story.last_day.isoformat(),
        "layers": [{"name": name, "features": len(features)} for name, features in story.layers.items()],
        "frames": [
            {"id": fr.id, "start": fr.start, "end": fr.end or fr.start, "title": fr.title,
             "features": list(fr.features)}
            for fr in story.frames
        ],
        "corrections": [c.id for c in story.meta.corrections],
    }


def _told(story: Story, lang: str | None) -> Story:
    """The story in the language ``--lang`` asks for (its edition, if it has one), else as it is."""
    if not lang:
        return story
    from .editions import in_language

    return in_language(story, lang)


def _told_and_output(args: argparse.Namespace, kind: str) -> tuple[Story, Path]:
    """The story ``args`` names, told in ``--lang``, and where its ``kind`` of output goes: ``-o``, else the
    default, beside the story's own for another language (``<id>.zh.pdf``, ``qgis.zh/``) so both can be kept."""
    story = load_story(args.story)
    out = Path(args.output) if args.output else default_output(story.meta.id, kind)
    if args.lang and not args.output:
        from .editions import sibling

        out = sibling(out, args.lang, story.meta.language)
    return _told(story, args.lang), out


def _check(args: argparse.Namespace) -> None:
    story = load_story(args.story)
    from .editions import editions, in_language

    for lang in editions(story)[1:]:  # each edition is checked against the story's frames
        in_language(story, lang)
    if args.json:
        print(json.dumps(summary(story), ensure_ascii=False, indent=2))
        return
    layers = ", ".join(f"{name} {len(fs)}" for name, fs in story.layers.items())
    _say(f"{story.meta.id}: {story.meta.title}")
    _say(f"  layers: {layers}")
    from .wording import day_text

    span = f"{day_text(story.first_day, story.meta.calendar)} to {day_text(story.last_day, story.meta.calendar)}"
    _say(f"  frames: {len(story.frames)}, {span}")
    _say(f"  corrections: {len(story.meta.corrections)}")
    if len(editions(story)) > 1:
        _say(f"  editions: {', '.join(editions(story))}")
    _say("  no problems found")


@contextmanager
def _without_pandas() -> Iterator[None]:
    """Imports inside during which pandas cannot be imported, unless it already is.

    folium imports pandas when it can, only to accept DataFrames, which geostory never gives it; for a
    ``build`` that was a third of folium's import time (0.17 s CPU) and 35 MB. folium then does without it;
    after the block pandas imports as usual (``geostory qgis`` needs it through geopandas).
    """
    modules = cast("dict[str, Any]", sys.modules)  # None there is Python's way to make an import fail
    if "pandas" in modules:
        yield
        return
    modules["pandas"] = None
    try:
        yield
    finally:
        if "pandas" in modules and modules["pandas"] is None:
            del modules["pandas"]


BuildMap = Callable[["Story", Path, "dict[str, str] | None"], Path]
_T = TypeVar("_T")


def _imported_without_pandas(load: Callable[[], _T]) -> _T:
    """``load()``, which imports, done ``_without_pandas`` if it can be: should a module there need pandas
    after all (a later folium, say), the imports are done again as usual rather than the command failing."""
    try:
        with _without_pandas():
            return load()
    except ImportError:
        return load()


def _web_map() -> BuildMap:
    """``webmap.build_map``, imported (folium with it)."""
    from .webmap import build_map

    return build_map


def _build(args: argparse.Namespace) -> None:
    from .editions import editions, in_language, sibling
    from .progress import stages

    build_map = _imported_without_pandas(_web_map)

    with stages("build", ["read", "derive", "page"]) as step:
        story = load_story(args.story)
        step()
        _ = story.derived  # arrows, views and the frame model, timed as their own stage
        step()
        out = Path(args.output) if args.output else default_output(story.meta.id, "html")
        # One page per edition, each linking to the others; --lang or -o: one page alone, at the path.
        langs = [args.lang or story.meta.language] if args.lang or args.output else editions(story)
        pages = {lang: sibling(out, lang, story.meta.language) if len(langs) > 1 else out for lang in langs}
        links = {lang: path.name for lang, path in pages.items()} if len(pages) > 1 else {}
        written = [build_map(in_language(story, lang), path, links) for lang, path in pages.items()]
    for path in written:
        _say(f"wrote {path}")


def _qgis(args: argparse.Namespace) -> None:
    from .progress import stages
    from .qgis import export_qgis

    with stages("qgis", ["read", "derive", "GeoPackage and project"]) as step:
        story, out = _told_and_output(args, "qgis")
        step()
        _ = story.derived
        step()
        paths = export_qgis(story, out, force=args.force)
    for path in paths:
        _say(f"wrote {path}")


def _styles(args: argparse.Namespace) -> None:
    from .qgis import write_layer_styles

    story = load_story(args.story)
    for path in write_layer_styles(story):
        _say(f"wrote {path}")


def _frames(args: argparse.Namespace) -> None:
    from .frames import render_frames
    from .progress import shown, stages

    story, out = _told_and_output(args, "frames")
    total = len(story.frames)
    with stages("frames", [f"frame {i}/{total}" for i in range(1, total + 1)]) as step:

        def progress(done: int, path: Path) -> None:
            if shown():
                step()  # a bar on a terminal; elsewhere one line per picture
            else:
                _say(f"[{done}/{total}] {path}", sys.stderr)

        paths = render_frames(story, out, progress=progress)
    _say(f"wrote {len(paths)} files to {out}")


def _handout(args: argparse.Namespace) -> None:
    from .handout import build_handout
    from .progress import stages

    story, out = _told_and_output(args, "handout")
    total = len(story.frames)
    names = [f"picture {i}/{total}" for i in range(total + 1)] + ["typeset"]  # 0: the overview map
    with stages("handout", names) as step:
        path = build_handout(story, out, paper=args.paper, progress=lambda done, total: step())
    _say(f"wrote {path}")


def _kml(args: argparse.Namespace) -> None:
    from .kml import build_kmz

    story, out = _told_and_output(args, "kml")
    _say(f"wrote {build_kmz(story, out)}")


def _new(args: argparse.Namespace) -> None:
    from .scaffold import create_story

    path = create_story(Path(args.folder), title=args.title, form=args.format)
    _say(f"created {path}; try: geostory build {path}")


def _convert(args: argparse.Namespace) -> None:
    from .convert import convert_story

    notes = convert_story(Path(args.story) if args.story else default_story_dir(), Path(args.output), args.to)
    _say(f"wrote {args.output} ({args.to})")
    for note in notes:
        _say(note)


def _import(args: argparse.Namespace) -> None:
    from .roundtrip import ImportRefused, import_package

    story = Path(args.story) if args.story else default_story_dir()
    try:
        lines = import_package(Path(args.package), story, args.dry_run)
    except ImportRefused as exc:
        for line in exc.lines:
            _say(line)
        raise
    for line in lines:
        _say(line)


def _serve(args: argparse.Namespace) -> None:
    from .serve import serve

    serve(Path(args.story) if args.story else default_story_dir(), host=args.host, port=args.port,
          open_browser=args.open)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="geostory", description=__doc__.splitlines()[0] if __doc__ else None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    story_help = "story folder (default: geodata/ in the current folder, else the built-in story)"

    def add(name: str, func: Callable[[argparse.Namespace], None], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    p = add("check", _check, "validate a story folder and print a summary")
    p.add_argument("story", nargs="?", help=story_help)
    p.add_argument("--json", action="store_true", help="print a machine-readable summary")
    p = add("build", _build, "build the self-contained HTML story map")
    p.add_argument("story", nargs="?", help=story_help)
    p.add_argument("-o", "--output", help="HTML file to write (default: dist/<story id>/<story id>.html)")
    lang_help = "the language to tell the story in (en or zh; default: story.json's, and for build every edition)"
    p.add_argument("--lang", choices=("en", "zh"), help=lang_help)
    p = add("qgis", _qgis, "write a GeoPackage with styles and a QGIS project")
    p.add_argument("story", nargs="?", help=story_help)
    p.add_argument("-o", "--output", help="folder to write (default: dist/<story id>/qgis)")
    p.add_argument("--force", action="store_true", help="overwrite a package whose story layers were edited since")
    p.add_argument("--lang", choices=("en", "zh"), help=lang_help)
    p = add("styles", _styles, "write QGIS .qml styles beside the story's GeoJSON layers")
    p.add_argument("story", nargs="?", help=story_help)
    p = add("frames", _frames, "render one PNG per frame, plus a contact sheet and an animated GIF")
    p.add_argument("story", nargs="?", help=story_help)
    p.add_argument("-o", "--output", help="folder to write (default: dist/<story id>/frames)")
    p.add_argument("--lang", choices=("en", "zh"), help=lang_help)
    p = add("handout", _handout, "typeset a printable PDF handout: title page, one page per frame, sources")
    p.add_argument("story", nargs="?", help=story_help)
    p.add_argument("-o", "--output", help="PDF file to write (default: dist/<story id>/<story id>.pdf)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)")
    p.add_argument("--lang", choices=("en", "zh"), help=lang_help)
    p = add("kml", _kml, "write a KMZ for Google Earth: styled layers with time spans and a frame-by-frame tour")
    p.add_argument("story", nargs="?", help=story_help)
    p.add_argument("-o", "--output", help="KMZ file to write (default: dist/<story id>/<story id>.kmz)")
    p.add_argument("--lang", choices=("en", "zh"), help=lang_help)
    p = add("new", _new, "create a minimal, valid story folder to start from")
    p.add_argument("folder", help="folder to create")
    p.add_argument("--title", help="the story's title")
    p.add_argument("--format", choices=("geojson", "csv", "xlsx"), default="geojson",
                   help="keep places, events, movements and frames as GeoJSON (default), CSV files or one workbook")
    p = add("serve", _serve, "serve the story map locally, rebuilding and reloading it on every save")
    p.add_argument("story", nargs="?", help=story_help)
    p.add_argument("--port", type=int, default=0, help="port to listen on (default: a free one, printed)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this computer only; 0.0.0.0 opens it to the network)")
    p.add_argument("--open", action="store_true", help="open the page in the default browser")
    p = add("import", _import, "bring edits made to a GeoPackage's story layers (in QGIS) back into the story folder")
    p.add_argument("package", help="the .gpkg written by 'geostory qgis'")
    p.add_argument("story", nargs="?", help=story_help)
    p.add_argument("--dry-run", action="store_true", help="print what would change, feature by feature; write nothing")
    p = add("convert", _convert, "write the story into a new folder as GeoJSON, CSV files or one .xlsx workbook")
    p.add_argument("story", nargs="?", help=story_help)
    p.add_argument("--to", required=True, choices=("geojson", "csv", "xlsx"), help="the form to write")
    p.add_argument("-o", "--output", required=True, help="new folder to write the converted story into")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit code (0, or 2 for input or output the user can fix)."""
    stop = Stop()
    with signals_as_exceptions(stop), fewer_collections():
        try:
            args = _parser().parse_args(argv)
            args.func(args)
        except BaseException as exc:  # one line for every way a run can end early; a bug keeps its traceback
            stop.finishing = True
            return _report(exc, stop)
        stop.finishing = True
    return 0


def _report(exc: BaseException, stop: Stop) -> int:
    """Print the one line (or one line per problem) for a run that ended early; return the exit code."""
    stop.unmute()
    stopped = stop.interrupted()
    try:
        if stopped is not None and not isinstance(exc, Interrupted):
            raise stopped from exc  # an error caused by the signal (an import cut short, say) is the signal
        raise exc
    except StoryError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) found", file=sys.stderr)
        return 2
    except UsageError as exc:
        _say(f"geostory: {exc}", sys.stderr)
        return 2
    except Interrupted as exc:
        _say(f"geostory: interrupted ({exc.name}); outputs not finished were not written, earlier ones are intact",
             sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:  # a Ctrl-C before the handler was in place
        _say("geostory: interrupted (SIGINT)", sys.stderr)
        return 130
    except BrokenPipeError:  # `geostory check --json | head`: the reader has gone, nothing to say
        sys.stdout = Path(os.devnull).open("w")  # noqa: SIM115 - Python flushes stdout at exit
        return 1
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        _say(f"geostory: cannot write{where}: {exc.strerror or exc}", sys.stderr)
        return 2


def _say(line: str, stream: TextIO | None = None) -> None:
    """Print one line with control and bidi characters escaped (paths and titles come from the user)."""
    print(printable(line), file=stream or sys.stdout, flush=True)
