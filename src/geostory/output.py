"""Writing outputs all-or-nothing, and only over what geostory wrote.

- A file or folder is written under a temporary name beside its place and renamed into place when whole.
- An output folder carries a manifest (``MANIFEST``) of its files and their SHA-256; it is replaced only if
  it holds exactly those files, unchanged. A page (``write_output_file``) is replaced only if it is a page
  geostory wrote (it carries ``GENERATOR``). Anything else is refused, naming the file.
- A folder is swapped in by one atomic exchange (Linux ``renameat2``), so its path is never missing; where
  that is not available, the two renames are undone or finished by the next run.
- One run at a time writes into a folder (an advisory lock on the parent folder); leftovers of a killed
  run are removed by the next one, under the lock.
"""
from __future__ import annotations

import ctypes
import errno
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UsageError, printable

MANIFEST = ".geostory-manifest.json"
"""Written last into every output folder: the names and hashes of the files geostory wrote there."""
MARKER = MANIFEST  # the name older code and tests know
PARTIAL = ".geostory-partial"
"""Written first into a folder being built, so a leftover of a killed run is known to be ours."""
GENERATOR = b'<meta name="generator" content="geostory">'
"""In the head of every page geostory writes; a file without it is never replaced."""
_NEW, _OLD, _TMP = ".geostory-new", ".geostory-old", ".geostory-tmp"
_MANIFEST_LIMIT = 1024 * 1024


DIST = Path("dist")
OUTPUT_KINDS = {"html": "{id}.html", "qgis": "qgis", "frames": "frames", "handout": "{id}.pdf", "kml": "{id}.kmz"}


def default_output(story_id: str, kind: str) -> Path:
    """Where an output goes when none is named: each story its own folder, ``dist/<story id>/``."""
    return DIST / story_id / OUTPUT_KINDS[kind].format(id=story_id)


class OutputError(UsageError):
    """An output that cannot be written (disk full, no permission, not ours to replace): one line, exit 2."""


def _shown(path: Path) -> str:
    return printable(str(path))


def _check_name(path: Path) -> None:
    """Refuse an output path that is not UTF-8: GDAL and browsers would mangle it."""
    try:
        os.fsencode(path).decode("utf-8")
    except UnicodeDecodeError:
        raise OutputError(f"cannot write {_shown(path)}: the name is not valid UTF-8; choose another name") from None


def _is_io_error(exc: BaseException) -> bool:
    """An error of the disk or the file system, whichever library raised it (pyogrio has its own types)."""
    return isinstance(exc, OSError) or type(exc).__module__.split(".")[0] in ("pyogrio", "fiona")


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    text = str(exc).strip().splitlines()
    return text[-1][:200] if text else type(exc).__name__


def _make_parent(path: Path) -> None:
    """Create the folder ``path`` goes into, or say which part of the way is a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        blocker = next((p for p in (path.parent, *path.parent.parents) if p.exists() and not p.is_dir()), path.parent)
        raise OutputError(f"cannot write {_shown(path)}: {_shown(blocker)} is a file, not a folder") from None


# -- locking -------------------------------------------------------------------------------------------------

_held: dict[str, int] = {}


@contextmanager
def output_lock(folder: Path) -> Iterator[None]:
    """Hold the lock on ``folder`` (a folder outputs are written into); wait, saying so, if another run has it."""
    key = os.path.realpath(folder)
    if key in _held or sys.platform == "win32":  # re-entered by the same run; Windows has no flock
        yield
        return
    import fcntl

    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"geostory: waiting for another geostory run writing into {_shown(folder)}", file=sys.stderr,
                  flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        _held[key] = fd
        yield
    finally:
        _held.pop(key, None)
        os.close(fd)  # closing releases the lock


# -- manifests -----------------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: Path) -> None:
    """Record every file in ``folder`` with its hash (sorted, so rebuilds give the same bytes)."""
    files = {p.name: _sha256(p) for p in sorted(folder.iterdir()) if p.name not in (MANIFEST, PARTIAL)}
    text = json.dumps({"written_by": "geostory", "note": "a rebuild replaces this folder", "sha256": files},
                      indent=1, sort_keys=True)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def rerecord(path: Path) -> None:
    """Accept ``path``'s current content as geostory's in its folder's manifest (``geostory import`` took its
    edits back, or ``--force`` overwrites them); other entries are left as they are."""
    manifest = path.parent / MANIFEST
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(data, dict) or not isinstance(data.get("sha256"), dict) or path.name not in data["sha256"]:
        return
    data["sha256"][path.name] = _sha256(path)
    manifest.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def _not_ours(folder: Path) -> str | None:
    """Why ``folder`` may not be replaced (naming the file in question), or None if it holds only our files."""
    names = sorted(p.name for p in folder.iterdir())
    if not names:
        return None
    manifest = folder / MANIFEST
    try:
        info = manifest.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MANIFEST_LIMIT:
            raise ValueError
        recorded = json.loads(manifest.read_text(encoding="utf-8"))["sha256"]
        if not isinstance(recorded, dict):
            raise ValueError
    except (OSError, ValueError, KeyError, TypeError):
        return f"holds {printable(names[0])!r}, which geostory did not write"
    for name in names:
        if name == MANIFEST:
            continue
        path = folder / name
        if name not in recorded or not path.is_file() or path.is_symlink():
            return f"holds {printable(name)!r}, which geostory did not write"
        if _sha256(path) != recorded[name]:
            return f"holds {printable(name)!r}, changed since geostory wrote it"
    missing = sorted(set(recorded) - set(names))
    if missing:
        return f"lacks {printable(str(missing[0]))!r}, which geostory wrote there"
    return None


def check_replaceable(folder: Path, story_root: Path | None = None) -> None:
    """Refuse to replace ``folder`` unless it is absent, empty, or holds exactly what geostory wrote there."""
    folder = Path(folder)
    if story_root is not None:
        real, root = Path(os.path.realpath(folder)), Path(os.path.realpath(story_root))
        if real == root or real in root.parents:
            raise OutputError(f"{_shown(folder)} holds the story being built; choose another output folder")
    if folder.is_symlink():
        raise OutputError(f"{_shown(folder)} is a symbolic link; name a real folder to write")
    if not folder.exists():
        return
    if not folder.is_dir():
        raise OutputError(f"{_shown(folder)} exists and is not a folder; choose a new or empty folder")
    why = _not_ours(folder)
    if why:
        raise OutputError(f"{_shown(folder)} {why}; move it out, or choose a new or empty folder")


def _ours_to_remove(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink() and ((path / PARTIAL).is_file() or _not_ours(path) is None)


def _recover(folder: Path) -> None:
    """Finish or undo what a killed run left beside ``folder`` (called under the lock)."""
    for leftover in (folder.parent / f".{folder.name}{_NEW}", folder.parent / f".{folder.name}{_OLD}"):
        if not (leftover.exists() or leftover.is_symlink()):
            continue
        if not _ours_to_remove(leftover):
            raise OutputError(f"{_shown(leftover)} is in the way and was not written by geostory; move it away")
        if leftover.name.endswith(_OLD) and not folder.exists() and (leftover / MANIFEST).is_file():
            os.replace(leftover, folder)  # killed between the two renames: put the old output back
        else:
            shutil.rmtree(leftover)


# -- swapping ------------------------------------------------------------------------------------------------

_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap_in(tmp: Path, folder: Path) -> None:
    """Put ``tmp`` at ``folder``; the old folder, if any, is removed once the new one is in place."""
    if not folder.exists():
        os.replace(tmp, folder)
    elif _exchange(tmp, folder):
        shutil.rmtree(tmp)  # now the old output
    else:
        old = folder.parent / f".{folder.name}{_OLD}"
        os.replace(folder, old)
        os.replace(tmp, folder)
        shutil.rmtree(old)


@contextmanager
def atomic_folder(folder: Path, mark: bool = True, story_root: Path | None = None) -> Iterator[Path]:
    """Yield an empty temporary folder; on success it replaces ``folder`` (with a manifest), on failure it is removed.

    An existing folder is replaced only if it is empty or holds exactly the files its manifest lists.
    ``mark=False`` writes no manifest (a new story folder is the user's, not an output).
    """
    folder = Path(folder)
    _check_name(folder)
    check_replaceable(folder, story_root)
    tmp = folder.parent / f".{folder.name}{_NEW}"
    try:
        _make_parent(folder)
        with output_lock(folder.parent):
            _recover(folder)
            check_replaceable(folder, story_root)  # again: another run may have written it meanwhile
            tmp.mkdir()
            (tmp / PARTIAL).touch()
            try:
                yield tmp
                (tmp / PARTIAL).unlink()
                if mark:
                    write_manifest(tmp)
                os.chmod(tmp, 0o755)
                _swap_in(tmp, folder)
            finally:
                if tmp.exists():
                    shutil.rmtree(tmp, ignore_errors=True)
    except UsageError:
        raise
    except Exception as exc:
        if _is_io_error(exc):
            raise OutputError(f"cannot write {_shown(folder)}: {_reason(exc)}") from None
        raise


# -- single files --------------------------------------------------------------------------------------------


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write to a temporary file beside ``path``, then rename it into place.

    Only a regular file is ever replaced: a folder or a device at ``path`` is refused. For a file the user
    names as an output, use ``write_output_file``, which also refuses to replace what geostory did not write.
    """
    path = Path(path)
    if (path.exists() or path.is_symlink()) and not path.is_file():
        raise UsageError(f"{_shown(path)} exists and is not a file; choose a file name to write")
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _is_ours(path: Path, signature: bytes) -> bool:
    with path.open("rb") as fh:
        return signature in fh.read(64 * 1024)


def write_output_file(path: Path, data: str | bytes, story_root: Path | None = None,
                      ours: Callable[[Path], bool] | None = None, signature: bytes = GENERATOR) -> Path:
    """Write an output file the user named, all or nothing, replacing only a file geostory wrote.

    A file is geostory's if ``signature`` (the page's generator meta, say) is in its first 64 KB, or, for
    outputs that carry no such text (a PDF, a KMZ), if ``ours(path)`` says so.
    """
    path = Path(path)
    _check_name(path)
    if story_root is not None and Path(os.path.realpath(path)) == Path(os.path.realpath(story_root)):
        raise OutputError(f"{_shown(path)} is the story folder; choose a file name to write")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.parent / f".{path.name}{_TMP}"
    try:
        _make_parent(path)
        with output_lock(path.parent):
            if tmp.is_file() and not tmp.is_symlink():
                tmp.unlink()  # left by a killed run
            if path.is_symlink() or (path.exists() and not path.is_file()):
                raise OutputError(f"{_shown(path)} exists and is not a file; choose a file name to write")
            if path.exists() and not (ours(path) if ours is not None else _is_ours(path, signature)):
                where = " (a file of the story)" if story_root is not None and _inside(path, story_root) else ""
                raise OutputError(f"{_shown(path)} exists{where} and was not written by geostory; "
                                  "move it away or choose another name")
            try:
                with tmp.open("xb") as fh:
                    fh.write(payload)
                os.chmod(tmp, 0o644)
                os.replace(tmp, path)
            finally:
                tmp.unlink(missing_ok=True)
    except UsageError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {_shown(path)}: {_reason(exc)}") from None
    return path


def _inside(path: Path, root: Path) -> bool:
    real, top = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    return top in real.parents
