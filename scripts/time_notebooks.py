"""Time each notebook rendered by papermill on a tables folder (issue 15 measurements).

Usage::

    python scripts/time_notebooks.py TABLES_DIR OUT_DIR [NOTEBOOK ...]

Prints one JSON line per notebook (``notebook``, ``seconds`` of wall time,
``kernel_cpu_seconds``: CPU time of the kernel process, which depends far less on the
other work of a shared machine, ``error``, and ``cells``:
the code cells that took a second or more, as ``[cell number, seconds, first line]``,
slowest first); the executed notebooks in ``OUT_DIR`` hold every cell's duration
(``metadata.papermill.duration``).
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

import nbformat
import papermill as pm

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def cell_times(executed: Path, at_least: float = 1.0) -> list[list[object]]:
    """``[cell number, seconds, first line]`` of the cells of ``executed`` over ``at_least`` s."""
    if not executed.exists():
        return []
    out: list[list[object]] = []
    for number, cell in enumerate(nbformat.read(str(executed), as_version=4).cells):
        seconds = (cell.get("metadata", {}).get("papermill", {}) or {}).get("duration") or 0
        if cell.cell_type == "code" and seconds >= at_least:
            first = cell.source.splitlines()[0][:60] if cell.source else ""
            out.append([number, round(float(seconds), 1), first])
    return sorted(out, key=lambda row: -float(row[1]))  # type: ignore[arg-type]


def main(argv: list[str]) -> int:
    """Command line."""
    folder, out = Path(argv[0]), Path(argv[1])
    names = argv[2:] or [p.name for p in sorted(NOTEBOOKS.glob("0[1-5]*.ipynb"))]
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        notebook = NOTEBOOKS / name
        start = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        error = ""
        try:
            pm.execute_notebook(
                str(notebook),
                str(out / notebook.name),
                parameters={"processed_dir": str(folder), "figures_dir": str(out / "figures")},
                kernel_name="python3",
                progress_bar=False,
                cwd=str(NOTEBOOKS),
                execution_timeout=1800,
            )
        except Exception as err:  # noqa: BLE001 - report it, go on with the next notebook
            error = f"{type(err).__name__}: {str(err)[:300]}"
        seconds = round(time.perf_counter() - start, 1)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the kernel, once it has ended
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        cells = cell_times(out / notebook.name)
        line = {
            "notebook": name,
            "seconds": seconds,
            "kernel_cpu_seconds": round(cpu, 1),
            "error": error,
            "cells": cells,
        }
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
