"""Execute every notebook headless and write shareable HTML reports.

For each notebook in ``notebooks/`` (sorted), papermill runs it with the
parameters injected (``processed_dir`` and ``figures_dir`` always, plus any
given), then nbconvert writes two self-contained HTML files in ``reports/``:
``<name>.html`` with the code hidden, for sharing, and ``<name>-code.html``
with the code. ``reports/index.html`` is the landing page: the corpus at a
glance (articles, outlets, dates, build time) and one line per notebook (the
question it answers) with links to both versions. Rendering one notebook
(``--notebook X``) updates X and keeps every other notebook listed, with the
status it had (kept in ``reports/report-status.json``). A notebook that fails
does not stop the others; its error is collected and reported. A parameter
that no selected notebook declares is an error before anything runs.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from sahel_utils.analysis.html import escape
from sahel_utils.core import paths
from sahel_utils.core.tables import write_text_atomic

KERNEL_NAME = "python3"
STATUS_FILE = "report-status.json"
#: Parameters render_reports injects into every notebook.
ALWAYS_INJECTED = ("processed_dir", "figures_dir")


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


def notebook_question(nb: nbformat.NotebookNode) -> str:
    """The first paragraph after the title of the first markdown cell (what it answers)."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        paragraphs = [p.strip() for p in cell.source.split("\n\n") if p.strip()]
        body = [p for p in paragraphs if not p.startswith("#")]
        return " ".join(body[0].split()) if body else ""
    return ""


def check_parameter_names(notebooks: list[Path], parameters: dict[str, Any]) -> None:
    """Raise when a given parameter is declared by none of ``notebooks`` (a typo, say).

    Raises:
        ValueError: Naming the unknown parameters and those the notebooks declare.

    """
    import papermill as pm

    declared: set[str] = set(ALWAYS_INJECTED)
    for notebook in notebooks:
        declared |= set(pm.inspect_notebook(str(notebook)))
    unknown = sorted(set(parameters) - declared)
    if unknown:
        raise ValueError(
            f"unknown parameter(s) {', '.join(unknown)}: the notebooks run declare "
            f"{', '.join(sorted(declared))} (see the README)"
        )


def notebook_parameters(folder: Path | None = None) -> dict[str, dict[str, dict[str, str]]]:
    """Each notebook's parameters as its parameters cell declares them (papermill).

    Returns:
        ``{notebook stem: {name: {"default": ..., "help": ...}}}``, notebooks sorted.

    """
    import papermill as pm

    found: dict[str, dict[str, dict[str, str]]] = {}
    for notebook in find_notebooks(None, folder):
        declared = pm.inspect_notebook(str(notebook))
        found[notebook.stem] = {
            name: {"default": str(spec.get("default", "")), "help": str(spec.get("help") or "")}
            for name, spec in declared.items()
        }
    return found


def parameters_help(folder: Path | None = None) -> str:
    """The notebooks' parameters, defaults and comments, as text for ``report --help``."""
    lines = [
        "notebook parameters (-p NAME VALUE or -y YAML; processed_dir and figures_dir are "
        "set from --processed and --out):"
    ]
    for stem, declared in notebook_parameters(folder).items():
        own = {k: v for k, v in declared.items() if k not in ALWAYS_INJECTED}
        lines.append(f"  {stem}: {'' if own else 'no parameter of its own'}".rstrip())
        for name, spec in own.items():
            comment = f"  {spec['help']}" if spec["help"] else ""
            lines.append(f"    {name} = {spec['default']}{comment}")
    return "\n".join(lines)


def corpus_at_a_glance(processed_dir: Path) -> dict[str, Any]:
    """Articles, outlets, date range and build time of the build in ``processed_dir``."""
    import pandas as pd

    glance: dict[str, Any] = {"processed_dir": str(processed_dir)}
    articles_file = processed_dir / "articles.parquet"
    if articles_file.is_file():
        try:
            articles = pd.read_parquet(articles_file, columns=["outlet", "published"])
        except (OSError, ValueError, KeyError):
            articles = None
        if articles is not None:
            dates = pd.to_datetime(articles["published"], errors="coerce", utc=True).dropna()
            glance["articles"] = len(articles)
            glance["outlets"] = int(articles["outlet"].dropna().nunique())
            glance["undated"] = int(len(articles) - len(dates))
            if len(dates):
                glance["first"] = dates.min().date().isoformat()
                glance["last"] = dates.max().date().isoformat()
    summary_file = processed_dir / "build_summary.json"
    if summary_file.is_file():
        stamp = dt.datetime.fromtimestamp(summary_file.stat().st_mtime, tz=dt.UTC)
        glance["built"] = stamp.strftime("%Y-%m-%d %H:%M UTC")
        try:
            summary = json.loads(summary_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            summary = {}
        timings = summary.get("timings") or {}
        if timings:
            glance["build_seconds"] = round(sum(float(v) for v in timings.values()), 1)
        glance["files_read"] = summary.get("files_read")
        glance["problems"] = len(summary.get("problems") or [])
    return glance


def _glance_html(glance: dict[str, Any]) -> list[str]:
    if "articles" not in glance:
        return [
            f"<p>No build found in <code>{escape(glance.get('processed_dir'))}</code>: "
            "run <code>python -m sahel_utils build</code>.</p>"
        ]
    rows = [
        ("Articles", glance["articles"]),
        ("Outlets (printed)", glance.get("outlets")),
        ("Published", f"{glance['first']} → {glance['last']}" if "first" in glance else "—"),
        ("Articles without a date", glance.get("undated")),
        ("Files read", glance.get("files_read")),
        ("Files skipped", glance.get("problems")),
        ("Built", glance.get("built")),
        ("Build time (s)", glance.get("build_seconds")),
        ("Tables", glance.get("processed_dir")),
    ]
    cells = "".join(
        f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows if v is not None
    )
    return ["<h2>The corpus at a glance</h2>", f'<table class="glance">{cells}</table>']


def _load_status(reports_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((reports_dir / STATUS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


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


def write_index(
    reports: list[NotebookReport],
    titles: dict[Path, str],
    reports_dir: Path,
    questions: dict[Path, str] | None = None,
    glance: dict[str, Any] | None = None,
) -> Path:
    """Write ``index.html``: the corpus at a glance, then one line per notebook (escaped)."""
    questions = questions or {}
    items = []
    for r in reports:
        title = escape(titles.get(r.notebook, r.notebook.stem))
        name = escape(r.notebook.name)
        links = []
        if r.shared_html:
            links.append(f'<a href="{escape(r.shared_html.name)}">report</a>')
        if r.code_html:
            links.append(f'<a href="{escape(r.code_html.name)}">with code</a>')
        if not links:
            links.append("<em>not rendered yet</em>")
        status = ""
        if r.error:
            first_line = r.error.strip().splitlines()[-1] if r.error.strip() else "error"
            status = f' <strong class="failed">failed: {escape(first_line)}</strong>'
        question = questions.get(r.notebook, "")
        answer = f'<br><span class="question">{escape(question)}</span>' if question else ""
        items.append(
            f"<li><strong>{title}</strong> <small>({name})</small>: "
            f"{' · '.join(links)}{status}{answer}</li>"
        )
    page = "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            "<title>Sahel cooperation press analysis: reports</title>",
            "<style>body{font-family:sans-serif;max-width:56em;margin:2em auto;line-height:1.4}"
            ".failed{color:#b00}.question{color:#444}li{margin-bottom:.8em}"
            ".glance th{text-align:left;padding-right:1em;font-weight:normal;color:#555}</style>",
            "</head><body>",
            "<h1>Sahel cooperation press analysis: reports</h1>",
            *(_glance_html(glance) if glance is not None else []),
            "<h2>Reports</h2>",
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


@functools.lru_cache(maxsize=1)
def _notebook_errors() -> tuple[type[BaseException], ...]:
    """What executing one notebook may raise (imported late, as papermill is).

    A cell error, a timeout, a dead or unknown kernel, a missing parameter, an
    unreadable notebook file.
    """
    from jupyter_client.kernelspec import NoSuchKernel
    from nbclient.exceptions import CellControlSignal, DeadKernelError
    from nbformat.reader import NotJSONError
    from papermill.exceptions import PapermillException

    return (
        PapermillException,
        CellControlSignal,
        DeadKernelError,
        NoSuchKernel,
        NotJSONError,
        OSError,
    )


#: What converting an executed notebook to HTML may raise (a template or a
#: malformed output in the notebook, a file that cannot be written).
_HTML_ERRORS: tuple[type[BaseException], ...] = (ValueError, KeyError, OSError)


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
    except _notebook_errors() as err:  # reported per notebook; the other notebooks still run
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
    progress: bool = False,
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
        progress: Print one line per notebook on stderr (name, outcome, seconds).

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

    selected = find_notebooks(notebooks, notebooks_dir)
    check_parameter_names(selected, parameters or {})

    result = ReportResult()
    titles: dict[Path, str] = {}
    with tempfile.TemporaryDirectory(prefix="sahel-report-") as tmp:
        for position, notebook in enumerate(selected, start=1):
            began = time.perf_counter()
            if progress:
                print(
                    f"[{position}/{len(selected)}] {notebook.name} …", file=sys.stderr, flush=True
                )
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
            except _HTML_ERRORS as err:  # reported with the notebook
                report.error = (report.error or "") + f"\nHTML conversion: {err}"
            if progress:
                outcome = "FAILED" if report.error else "ok"
                seconds = time.perf_counter() - began
                print(f"      {outcome} in {seconds:.0f} s", file=sys.stderr, flush=True)
    result.index = _write_whole_index(
        result, reports_dir, notebooks_dir, Path(params["processed_dir"])
    )
    return result


def _write_whole_index(
    result: ReportResult, reports_dir: Path, notebooks_dir: Path | None, processed_dir: Path
) -> Path:
    """The index of every notebook: this run's outcomes, the earlier ones for the others."""
    status = _load_status(reports_dir)
    for r in result.reports:
        status[r.notebook.name] = {"error": r.error}
    write_text_atomic(reports_dir / STATUS_FILE, json.dumps(status, indent=1) + "\n")
    ran = {r.notebook: r for r in result.reports}
    listed, titles, questions = [], {}, {}
    for notebook in find_notebooks(None, notebooks_dir):
        report = ran.get(notebook)
        if report is None:
            shared = reports_dir / f"{notebook.stem}.html"
            code = reports_dir / f"{notebook.stem}-code.html"
            report = NotebookReport(
                notebook=notebook,
                shared_html=shared if shared.exists() else None,
                code_html=code if code.exists() else None,
                error=(status.get(notebook.name) or {}).get("error"),
            )
        listed.append(report)
        try:
            source = nbformat.read(str(notebook), as_version=4)
        except (OSError, ValueError):
            continue
        titles[notebook] = _notebook_title(source, notebook.stem)
        questions[notebook] = notebook_question(source)
    return write_index(listed, titles, reports_dir, questions, corpus_at_a_glance(processed_dir))
