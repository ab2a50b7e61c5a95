"""The Harbin notebook: stored without outputs, and runs end to end without errors."""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "harbin-1932.ipynb"


def test_notebook_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code
    for cell in code:
        assert cell.outputs == [], f"cell {cell.id} has stored outputs"
        assert cell.execution_count is None, f"cell {cell.id} has an execution count"


def test_notebook_runs_end_to_end():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    before = sorted(p.name for p in NOTEBOOK.parent.iterdir())
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()  # raises CellExecutionError, with the traceback, if any cell fails
    errors = [out for cell in nb.cells for out in cell.get("outputs", []) if out.output_type == "error"]
    assert errors == []
    kinds = {out.output_type for cell in nb.cells for out in cell.get("outputs", [])}
    assert "display_data" in kinds  # the plots, the map and the frame picture were shown
    assert sorted(p.name for p in NOTEBOOK.parent.iterdir()) == before, "running the notebook wrote into notebooks/"
