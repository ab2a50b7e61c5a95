"""The command line as a user meets it: summaries, JSON, exit codes, no tracebacks, atomic output."""
from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

from geostory.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_check_defaults_to_harbin(capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no geodata/ here: falls back to the checkout's
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("harbin-1932: ") and "no problems found" in out


def test_check_json_lists_frames_and_layers(capsys, harbin):
    assert main(["check", str(harbin.root), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in data["frames"]] == [fr.id for fr in harbin.frames]
    first = data["frames"][0]
    assert set(first) == {"id", "start", "end", "title", "features"}
    counts = {layer["name"]: layer["features"] for layer in data["layers"]}
    assert counts == {k: len(v) for k, v in harbin.layers.items()}


def test_bad_input_exits_2_without_a_traceback(tmp_path):
    (tmp_path / "story.json").write_text("{", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "geostory", "check", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "story.json: expected valid JSON" in run.stderr


def test_new_refuses_an_existing_folder(tmp_path, capsys):
    assert main(["new", str(tmp_path)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_outputs_never_replace_what_geostory_did_not_write(tmp_path, capsys, harbin):
    story = str(harbin.root)
    mine = tmp_path / "qgis"
    mine.mkdir()
    (mine / "my-other-project.qgs").write_text("keep me", encoding="utf-8")
    assert main(["qgis", story, "-o", str(mine)]) == 2
    assert (mine / "my-other-project.qgs").read_text(encoding="utf-8") == "keep me"
    assert "did not write" in capsys.readouterr().err
    fresh = tmp_path / "fresh"
    assert main(["qgis", story, "-o", str(fresh)]) == 0
    assert main(["qgis", story, "-o", str(fresh)]) == 0, "a folder geostory wrote may be rebuilt"
    assert main(["build", story, "-o", str(tmp_path)]) == 2, "a folder is not an HTML file"
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(tmp_path) in err[0] and ".tmp" not in err[0]
    assert not list(tmp_path.glob(".*.tmp")) and not list(tmp_path.glob(".*.old.*"))


def test_build_imports_no_pandas_and_leaves_it_importable(tmp_path):
    """folium imports pandas when it can, only for DataFrames; a build has none to give it."""
    code = ("import sys; from geostory.cli import main\n"
            f"assert main(['build', 'geodata', '-o', {str(tmp_path / 'map.html')!r}]) == 0\n"
            "assert 'pandas' not in sys.modules and sys.modules['folium'].utilities.pd is None\n"
            "import geopandas; print(geopandas.GeoDataFrame({'a': [1]}).shape)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "(1, 1)" and (tmp_path / "map.html").is_file()


def test_imports_that_need_pandas_are_done_as_usual(tmp_path):
    """Should a module the build imports without pandas need it after all (a later folium, say), it is
    imported again with pandas rather than the build failing; an import that fails anyway still fails."""
    (tmp_path / "needs_pandas.py").write_text("import pandas\nframe = pandas.DataFrame({'a': [1]})\n")
    code = ("import importlib, sys; from geostory.cli import _imported_without_pandas\n"
            "m = _imported_without_pandas(lambda: importlib.import_module('needs_pandas'))\n"
            "print(m.frame.shape, sys.modules['pandas'] is not None)\n"
            "try:\n    _imported_without_pandas(lambda: importlib.import_module('no_such_module_here'))\n"
            "except ImportError as exc:\n    print(type(exc).__name__)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                         env={**os.environ, "PYTHONPATH": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["(1, 1) True", "ModuleNotFoundError"]


def test_the_collector_pace_is_restored_however_a_command_ends(tmp_path, capsys):
    import gc

    before = gc.get_threshold()
    assert main(["check", str(tmp_path / "no-such-story")]) == 2
    with contextlib.suppress(BaseException):  # an error that leaves main (here argparse's, a bug's alike)
        main(["no-such-command"])
    assert gc.get_threshold() == before
