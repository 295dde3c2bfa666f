"""Every notebook: committed without outputs, and executes headless on the seed build."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from sahel_utils.core import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("*.ipynb"))


def test_notebooks_exist():
    names = {p.name for p in NOTEBOOKS}
    assert {"01-corpus-overview.ipynb", "06-evaluation.ipynb"} <= names


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(notebook: Path):
    nb = nbformat.read(str(notebook), as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.get("outputs") == [], f"cell {i} has outputs"
            assert cell.get("execution_count") is None, f"cell {i} has an execution count"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_has_parameters_cell_with_folders(notebook: Path):
    nb = nbformat.read(str(notebook), as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    assert "processed_dir" in tagged[0].source and "figures_dir" in tagged[0].source


@pytest.mark.slow
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_executes(notebook: Path, built_dir: Path, tmp_path: Path):
    import papermill as pm

    figures = tmp_path / "figures"
    output = tmp_path / notebook.name
    pm.execute_notebook(
        str(notebook),
        str(output),
        parameters={"processed_dir": str(built_dir), "figures_dir": str(figures)},
        kernel_name="python3",
        progress_bar=False,
        cwd=str(notebook.parent),
    )
    executed = nbformat.read(str(output), as_version=4)
    errors = [
        out
        for cell in executed.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert not errors
    for png in figures.glob("*.png"):  # every figure comes with the CSV of its data
        assert png.with_suffix(".csv").exists(), png.name


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_checks_its_parameters_first(notebook: Path):
    """The first code cell after the parameters validates them (issue 12: no silent failure)."""
    nb = nbformat.read(str(notebook), as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    at = next(i for i, c in enumerate(code) if "parameters" in c.metadata.get("tags", []))
    assert "check_parameters(" in code[at + 1].source


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.name)
def test_no_unescaped_html_interpolation(notebook: Path):
    """Every f-string put into HTML goes through analysis.html (escape, heading)."""
    nb = nbformat.read(str(notebook), as_version=4)
    for cell in nb.cells:
        for line in cell.source.splitlines() if cell.cell_type == "code" else []:
            if "HTML(f" in line:
                for field in re.findall(r"\{([^{}]+)\}", line):
                    assert field.startswith(("escape(", "heading(")), line
