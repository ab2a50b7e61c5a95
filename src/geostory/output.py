"""Writing outputs all-or-nothing: a failed build never leaves a half-written file or folder behind."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UsageError


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write to a temporary file beside ``path``, then rename it into place.

    Only a regular file is ever replaced: a folder or a device at ``path`` is refused.
    """
    path = Path(path)
    if (path.exists() or path.is_symlink()) and not path.is_file():
        raise UsageError(f"{path} exists and is not a file; choose a file name to write")
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


MARKER = ".geostory-output"
"""Written into every output folder, so a later build knows the folder is its own to replace."""


def check_replaceable(folder: Path) -> None:
    """Refuse to replace a path that is not an empty folder or one geostory wrote (``-o .`` must not wipe a project)."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise UsageError(f"{folder} exists and is not a folder; choose a new or empty folder")
    if (folder / MARKER).is_file():
        return
    others = sorted(p.name for p in folder.iterdir())
    if others:
        raise UsageError(f"{folder} holds files geostory did not write ({', '.join(others[:3])}); "
                         "choose a new or empty folder")


@contextmanager
def atomic_folder(folder: Path, mark: bool = True) -> Iterator[Path]:
    """Yield an empty temporary folder; on success it replaces ``folder``, on failure it is removed.

    An existing folder is replaced only if it is empty or carries geostory's marker file.
    """
    folder = Path(folder)
    check_replaceable(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        yield tmp
        if mark:
            (tmp / MARKER).write_text("Written by geostory; a rebuild replaces this folder.\n", encoding="utf-8")
        os.chmod(tmp, 0o755)
        if folder.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old.", dir=folder.parent))
            os.replace(folder, old / folder.name)
            os.replace(tmp, folder)
            shutil.rmtree(old)
        else:
            os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
