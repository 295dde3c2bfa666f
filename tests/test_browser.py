"""Every report page in a real browser: headless Chromium (the Debian package).

Marked slow. Each page of a rendering of the seed build is opened with
``chromium --headless --dump-dom``; the test asserts that it loads with no
console error, that its interactive tables were drawn offline (DataTables ran),
that the code-hidden version holds no code cell, that a table's search box
filters its rows, and that a parameter error shows as a failed report.

No browser is downloaded: without a ``chromium`` binary the tests SKIP and say
so loudly (``.ci/run`` installs it with apt before ``make test``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

from sahel_utils.report import find_notebooks, render_reports

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-logging=stderr",
    "--v=0",
)
MISSING = (
    "\n" + "!" * 78 + "\n"
    "BROWSER TESTS SKIPPED: no `chromium` on PATH. The reports were NOT checked in a real\n"
    "browser. Install it with `apt-get install -y chromium` (.ci/run does) and rerun.\n" + "!" * 78
)
#: An element holding a code cell's source (the stylesheet names the class too: not counted).
CODE_CELL = re.compile(r'<div[^>]+class="[^"]*\bjp-InputArea-editor\b')
#: A console line of Chromium's log that is an error (an exception, a failed load).
CONSOLE_ERROR = re.compile(r':CONSOLE:?\(?\d*\)?\]\s*"(Uncaught|.*\b[Ee]rror\b|Failed)')

# Runs in the page after load: a search for a term found nowhere must empty the first
# searchable table, and a search for a value of its last row must keep only matching rows.
SEARCH_PROBE = """<script>
setTimeout(() => {
  const input = document.querySelector('.dt-container .dt-search input');
  const result = {found: Boolean(input)};
  if (!input) { document.body.setAttribute('data-probe', JSON.stringify(result)); return; }
  const body = input.closest('.dt-container').querySelector('table tbody');
  const type = (text) => {
    input.value = text;
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));
  };
  const rows = () => Array.from(body.querySelectorAll('tr'));
  result.before = rows().length;
  const cells = rows()[rows().length - 1].querySelectorAll('td');
  result.term = cells[cells.length > 1 ? 1 : 0].textContent.trim();
  type('zzqx-no-such-text');
  setTimeout(() => {
    result.empty = Boolean(body.querySelector('td.dt-empty'));
    type(result.term);
    setTimeout(() => {
      result.after = rows().length;
      result.all_match = rows().every(r => r.textContent.includes(result.term));
      document.body.setAttribute('data-probe', JSON.stringify(result));
    }, 800);
  }, 800);
}, 4000);
</script>"""


def _require_chromium() -> str:
    if CHROMIUM is None and os.environ.get("CI"):
        pytest.fail("no chromium in CI: .ci/run installs it with apt-get before make test")
    if CHROMIUM is None:
        warnings.warn(MISSING, stacklevel=2)
        print(MISSING)
        pytest.skip(MISSING)
    return CHROMIUM


def open_page(page: Path, budget_ms: int = 8000) -> tuple[str, list[str]]:
    """The DOM after load and Chromium's console error lines for one page."""
    chromium = _require_chromium()
    done = subprocess.run(
        [chromium, *FLAGS, f"--virtual-time-budget={budget_ms}", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    errors = [line for line in done.stderr.splitlines() if CONSOLE_ERROR.search(line)]
    return done.stdout, errors


@pytest.fixture(scope="module")
def rendered(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_chromium()  # before the seed build: a machine without chromium skips at once
    built_dir = request.getfixturevalue("built_dir")
    reports = tmp_path_factory.mktemp("browser") / "reports"
    result = render_reports(processed_dir=built_dir, reports_dir=reports)
    assert result.ok, result.format()
    return reports


def test_console_error_is_seen(tmp_path: Path):
    """The probe itself: a page that throws is caught."""
    page = tmp_path / "bad.html"
    page.write_text("<html><body><script>undefinedFn();</script></body></html>", "utf-8")
    _, errors = open_page(page, 1000)
    assert errors and "ReferenceError" in errors[0]


@pytest.mark.parametrize("notebook", find_notebooks(), ids=lambda p: p.stem)
def test_report_pages_load_without_console_error(rendered: Path, notebook: Path):
    shared_dom, shared_errors = open_page(rendered / f"{notebook.stem}.html")
    code_dom, code_errors = open_page(rendered / f"{notebook.stem}-code.html")
    assert not shared_errors, shared_errors
    assert not code_errors, code_errors
    assert not CODE_CELL.search(shared_dom)  # no code cell in the shared version
    assert CODE_CELL.search(code_dom)
    assert "dt-container" in shared_dom  # DataTables ran, offline
    assert "Traceback" not in shared_dom


def test_index_loads(rendered: Path):
    dom, errors = open_page(rendered / "index.html", 1000)
    assert not errors, errors
    for notebook in find_notebooks():
        assert f'href="{notebook.stem}.html"' in dom
    assert "The corpus at a glance" in dom


def test_search_box_filters_rows(rendered: Path, tmp_path: Path):
    page = tmp_path / "probe.html"
    text = (rendered / "01-corpus-overview.html").read_text(encoding="utf-8")
    page.write_text(text.replace("</body>", SEARCH_PROBE + "</body>"), encoding="utf-8")
    dom, errors = open_page(page, 15000)
    assert not errors, errors
    found = re.search(r'data-probe="([^"]*)"', dom)
    assert found, "the probe did not run"
    probe = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert probe["found"] and probe["before"] >= 1
    assert probe["empty"], probe  # a term found nowhere leaves no row
    assert probe["after"] >= 1 and probe["all_match"], probe


def test_parameter_error_shows_as_failed_report(request: pytest.FixtureRequest, tmp_path: Path):
    _require_chromium()
    built_dir = request.getfixturevalue("built_dir")
    reports = tmp_path / "reports"
    result = render_reports(
        notebooks=["02-partner-countries"],
        parameters={"focus_countries": ["XYZ"]},
        processed_dir=built_dir,
        reports_dir=reports,
    )
    assert not result.ok
    dom, _ = open_page(reports / "02-partner-countries.html")
    assert "ParameterError" in dom and "XYZ" in dom
    index, _ = open_page(reports / "index.html", 1000)
    assert "failed" in index and "ParameterError" in index
