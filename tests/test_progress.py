"""Progress bars: drawn on stderr when it is a terminal, and nothing at all when it is not."""
from __future__ import annotations

import io
import sys

import pytest

from geostory.cli import main
from geostory.progress import progress, stages


class Terminal(io.StringIO):
    """A stderr that says it is a terminal, as a reader's shell is."""

    def isatty(self) -> bool:
        return True


def test_bar_on_a_terminal_only(monkeypatch):
    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert list(progress(range(3), desc="frames", unit="frame")) == [0, 1, 2]
    with stages("build", ["read", "derive"]) as step:
        step()
        step()
    shown = term.getvalue()
    assert "frames" in shown and "build" in shown and "derive" in shown
    pipe = io.StringIO()
    monkeypatch.setattr(sys, "stderr", pipe)
    assert list(progress(range(3), desc="frames")) == [0, 1, 2]
    with stages("build", ["read"]) as step:
        step()
    assert pipe.getvalue() == ""


@pytest.mark.parametrize("command", ["build", "qgis"])
def test_long_commands_show_their_stages(command, tmp_path, monkeypatch, capsys):
    term = Terminal()
    monkeypatch.setattr(sys, "stderr", term)
    assert main([command, "-o", str(tmp_path / "out")]) == 0
    assert f"{command}:" in term.getvalue() and "derive" in term.getvalue()
    monkeypatch.undo()
    assert main([command, "-o", str(tmp_path / "again")]) == 0
    assert capsys.readouterr().err == ""  # not a terminal: nothing but the command's own lines (on stdout)
