"""Execute every notebook headless and write shareable HTML reports.

For each notebook in ``notebooks/`` (sorted), papermill runs it with the
parameters injected (``processed_dir`` and ``figures_dir`` always, plus any
given), then nbconvert writes two self-contained HTML files in ``reports/``:
``<name>.html`` with the code hidden, for sharing, and ``<name>-code.html``
with the code. ``reports/index.html`` links them all. A notebook that fails
does not stop the others; its error is collected and reported.
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from sahel_utils.core import paths
from sahel_utils.core.tables import write_text_atomic

KERNEL_NAME = "python3"


@dataclass
class NotebookReport:
    """The outcome of one notebook.

    Attributes:
        notebook: Source notebook path.
        shared_html: Code-hidden HTML (None if it could not be written).
        code_html: HTML with code (None if it could not be written).
        error: Error message when execution or conversion failed.

    """

    notebook: Path
    shared_html: Path | None = None
    code_html: Path | None = None
    error: str | None = None


@dataclass
class ReportResult:
    """Every notebook's outcome and the index page."""

    reports: list[NotebookReport] = field(default_factory=list)
    index: Path | None = None

    @property
    def failed(self) -> list[NotebookReport]:
        """Notebooks that raised an error."""
        return [r for r in self.reports if r.error]

    @property
    def ok(self) -> bool:
        """True when every notebook ran."""
        return bool(self.reports) and not self.failed

    def format(self) -> str:
        """A human-readable summary."""
        if not self.reports:
            return "No notebook found."
        lines = []
        for r in self.reports:
            status = "FAILED" if r.error else "ok"
            lines.append(f"{status:<6} {r.notebook.name} -> {r.shared_html or '-'}")
        if self.index:
            lines.append(f"Index: {self.index}")
        for r in self.failed:
            lines.append(f"\n{r.notebook.name} failed:\n{r.error}")
        return "\n".join(lines)


def find_notebooks(names: Iterable[str] | None = None, folder: Path | None = None) -> list[Path]:
    """Notebooks to run, sorted by name.

    Args:
        names: File names or stems to keep (all when None or empty).
        folder: Notebooks folder (default ``notebooks/``).

    Raises:
        FileNotFoundError: When a requested notebook does not exist.

    """
    folder = folder or paths.NOTEBOOKS
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    if not names:
        return found
    selected = []
    for name in names:
        match = [p for p in found if name in (p.name, p.stem)]
        if not match:
            raise FileNotFoundError(f"no notebook {name!r} in {folder}")
        selected.extend(match)
    return selected


def _notebook_title(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


# The lab template without the scripts it loads from a CDN (require.js, MathJax):
# the reports use neither, and a shared file must open offline.
_SELF_CONTAINED_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
"""


def notebook_to_html(nb: nbformat.NotebookNode, hide_code: bool) -> str:
    """Self-contained HTML of an executed notebook (images embedded).

    Args:
        nb: The executed notebook.
        hide_code: Drop code cells' inputs and prompts (the version for sharing).

    """
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        extra_loaders=[DictLoader({"sahel.html.j2": _SELF_CONTAINED_TEMPLATE})],
        template_file="sahel.html.j2",
        embed_images=True,
        exclude_input=hide_code,
        exclude_input_prompt=hide_code,
        exclude_output_prompt=hide_code,
    )
    body, _ = exporter.from_notebook_node(nb)
    return body


def write_index(reports: list[NotebookReport], titles: dict[Path, str], reports_dir: Path) -> Path:
    """Write ``index.html`` linking every notebook's two HTML versions (text escaped)."""
    items = []
    for r in reports:
        title = html.escape(titles.get(r.notebook, r.notebook.stem))
        name = html.escape(r.notebook.name)
        links = []
        if r.shared_html:
            links.append(f'<a href="{html.escape(r.shared_html.name)}">report</a>')
        if r.code_html:
            links.append(f'<a href="{html.escape(r.code_html.name)}">with code</a>')
        status = ""
        if r.error:
            first_line = r.error.strip().splitlines()[-1] if r.error.strip() else "error"
            status = f' <strong class="failed">failed: {html.escape(first_line)}</strong>'
        items.append(f"<li>{title} <small>({name})</small>: {' · '.join(links)}{status}</li>")
    page = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            "<title>Sahel cooperation press analysis: reports</title>",
            "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto}"
            ".failed{color:#b00}</style>",
            "</head><body>",
            "<h1>Sahel cooperation press analysis: reports</h1>",
            "<p>Each notebook in a version for sharing (code hidden) and with code.</p>",
            "<ul>",
            *items,
            "</ul>",
            "</body></html>",
        ]
    )
    target = reports_dir / "index.html"
    write_text_atomic(target, page + "\n")
    return target


def run_notebook(
    notebook: Path, parameters: dict[str, Any], output: Path, kernel_name: str = KERNEL_NAME
) -> tuple[nbformat.NotebookNode, str | None]:
    """Execute one notebook with papermill; returns the executed notebook and any error.

    The executed notebook is also returned when a cell fails (papermill stores
    the error in it), so its HTML shows where it stopped.
    """
    import papermill as pm

    error = None
    try:
        pm.execute_notebook(
            str(notebook),
            str(output),
            parameters=parameters,
            kernel_name=kernel_name,
            progress_bar=False,
            cwd=str(notebook.parent),
        )
    except Exception as err:  # noqa: BLE001 - every failure is reported per notebook
        error = f"{type(err).__name__}: {err}"
    if output.exists():
        nb = nbformat.read(str(output), as_version=4)
    else:
        nb = nbformat.read(str(notebook), as_version=4)
    return nb, error


def render_reports(
    notebooks: Iterable[str] | None = None,
    parameters: dict[str, Any] | None = None,
    processed_dir: Path | None = None,
    reports_dir: Path | None = None,
    figures_dir: Path | None = None,
    notebooks_dir: Path | None = None,
    kernel_name: str = KERNEL_NAME,
) -> ReportResult:
    """Execute notebooks and write their HTML versions and ``index.html``.

    Args:
        notebooks: Names or stems to run (default: every notebook, sorted).
        parameters: Extra papermill parameters (strings from the command line
            are passed as given).
        processed_dir: Tables folder (default ``data/processed``).
        reports_dir: Output folder (default ``reports/``).
        figures_dir: Figures folder (default ``<reports_dir>/figures``).
        notebooks_dir: Notebooks folder (default ``notebooks/``).
        kernel_name: Jupyter kernel to execute with.

    Returns:
        The per-notebook outcomes; ``result.ok`` is False if any failed.

    """
    reports_dir = Path(reports_dir) if reports_dir else paths.REPORTS
    figures_dir = Path(figures_dir) if figures_dir else reports_dir / "figures"
    params: dict[str, Any] = {
        "processed_dir": str(Path(processed_dir or paths.PROCESSED).resolve()),
        "figures_dir": str(figures_dir.resolve()),
    }
    params.update(parameters or {})
    reports_dir.mkdir(parents=True, exist_ok=True)

    result = ReportResult()
    titles: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="sahel-report-") as tmp:
        for notebook in find_notebooks(notebooks, notebooks_dir):
            report = NotebookReport(notebook=notebook)
            result.reports.append(report)
            executed, report.error = run_notebook(
                notebook, params, Path(tmp) / notebook.name, kernel_name
            )
            titles[notebook] = _notebook_title(executed, notebook.stem)
            try:
                for hide_code, suffix in ((True, ""), (False, "-code")):
                    target = reports_dir / f"{notebook.stem}{suffix}.html"
                    write_text_atomic(target, notebook_to_html(executed, hide_code))
                    if hide_code:
                        report.shared_html = target
                    else:
                        report.code_html = target
            except Exception as err:  # noqa: BLE001 - reported with the notebook
                report.error = (report.error or "") + f"\nHTML conversion: {err}"
    result.index = write_index(result.reports, titles, reports_dir)
    return result
