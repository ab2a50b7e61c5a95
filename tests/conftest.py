"""Shared fixtures. Tests that need Chromium or QGIS skip where those are missing, but never under CI=true."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from geostory import load_story

ROOT = Path(__file__).resolve().parents[1]
HARBIN = ROOT / "geodata"
ON_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def need(what: str, found: object) -> None:
    """Skip when a system tool is missing; fail instead under CI, where it must be installed."""
    if found:
        return
    if ON_CI:
        pytest.fail(f"{what} is required under CI=true but was not found (see .ci/run)")
    pytest.skip(f"{what} not installed")


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def system_python_with_qgis() -> str | None:
    """The Debian Python that can import qgis (PyQGIS is built for it, not for the venv)."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).exists():
            probe = subprocess.run([candidate, "-c", "import qgis.core"], capture_output=True,
                                   env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
            if probe.returncode == 0:
                return candidate
    return None


@pytest.fixture(scope="session")
def harbin():
    return load_story(HARBIN)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    need("Chromium (Debian package chromium)", path)
    return path


@pytest.fixture(scope="session")
def qgis_python() -> str:
    path = system_python_with_qgis()
    need("QGIS with python3-qgis", path)
    return path
