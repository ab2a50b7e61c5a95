"""Writing outputs all-or-nothing: a failed build never leaves a half-written file or folder behind."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UsageError


def write_atomic(path: Path, data: str | bytes) -> Path:
    """Write to a temporary file beside ``path``, then rename it into place."""
    path = Path(path)
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


def check_replaceable(folder: Path, ours: Collection[str]) -> None:
    """Refuse to replace a path holding anything we did not write (``-o .`` must not wipe a project)."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise UsageError(f"{folder} exists and is not a folder; choose a new or empty folder")
    others = sorted(p.name for p in folder.iterdir() if not (p.is_file() and p.suffix.lower() in ours))
    if others:
        raise UsageError(f"{folder} holds files this command did not write ({', '.join(others[:3])}); "
                         "choose a new or empty folder")


@contextmanager
def atomic_folder(folder: Path, ours: Collection[str]) -> Iterator[Path]:
    """Yield an empty temporary folder; on success it replaces ``folder``, on failure it is removed.

    ``ours`` lists the file suffixes this output writes: an existing folder holding anything else is
    refused rather than replaced.
    """
    folder = Path(folder)
    check_replaceable(folder, ours)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        yield tmp
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
