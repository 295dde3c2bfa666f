"""Interactive tables in the reports: sort, search and paging, offline.

Tables are shown with itables in its offline mode (``connected=False``): the
DataTables bundle is embedded once in the notebook by :func:`init`, so a
shared HTML report needs no network. Every cell is escaped with
``analysis.html.escape`` before it is handed to DataTables (which renders
HTML); a ``url`` column becomes a link; codes in country columns get their
French name next to them. Text is never cut: evidence sentences are whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from sahel_utils.analysis.countries import labelled
from sahel_utils.analysis.html import escape, link

#: Columns that hold one country code (or AES); shown as "Turquie (TUR)".
COUNTRY_COLUMNS = (
    "state",
    "partner",
    "actor_a",
    "actor_b",
    "country",
    "focus",
    "counterpart",
    "outlet_country",
)
#: Columns that hold a source URL; shown as a link.
URL_COLUMNS = ("url", "source_url")

#: Decimals shown for floats (scores, shares).
FLOAT_DIGITS = 3

_READY = False


def init() -> None:
    """Load the DataTables bundle into the notebook, offline (call once, in the first cells)."""
    global _READY  # noqa: PLW0603
    try:
        import itables
    except ImportError:  # pragma: no cover - itables is a dependency
        _READY = False
        return
    itables.init_notebook_mode(all_interactive=False, connected=False)
    _READY = True


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list | tuple | set):
        return escape(", ".join(str(v) for v in value))
    if value is None:
        return ""
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        return escape(value)
    if isinstance(value, int | float | bool):
        return value
    return escape(value)


def prepare(
    frame: pd.DataFrame,
    country_columns: Iterable[str] = COUNTRY_COLUMNS,
    url_columns: Iterable[str] = URL_COLUMNS,
) -> pd.DataFrame:
    """The frame as shown: a flat, escaped copy with links and country names.

    A named or non-default index becomes columns; column labels are flattened
    and escaped; strings are escaped; URL columns become links; country codes
    get their French name.
    """
    out = frame.copy()
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = [" · ".join(str(p) for p in col if str(p)) for col in out.columns]
    if any(n is not None for n in out.index.names):
        out = out.reset_index()  # a named index (a pivot's rows) is data
    else:
        out = out.reset_index(drop=True)  # row numbers left by a sort or filter are not
    out.columns = [escape(c) for c in out.columns]
    countries, urls = set(country_columns), set(url_columns)
    for column in out.columns:
        values = out[column]
        if column in urls:
            out[column] = [link(v) if isinstance(v, str) and v else "" for v in values]
        elif column in countries:
            out[column] = [escape(labelled(v)) if isinstance(v, str) else _cell(v) for v in values]
        elif values.dtype == object or isinstance(values.dtype, pd.StringDtype):
            out[column] = [_cell(v) for v in values]
        elif pd.api.types.is_float_dtype(values):
            out[column] = values.round(FLOAT_DIGITS)
    return out


def show_table(
    frame: pd.DataFrame,
    caption: str | None = None,
    page_length: int = 10,
    country_columns: Iterable[str] = COUNTRY_COLUMNS,
    url_columns: Iterable[str] = URL_COLUMNS,
    **options: Any,
) -> None:
    """Display ``frame`` as an interactive table (sort, search, paging), offline.

    Falls back to the plain pandas display when itables is not loaded.
    """
    from IPython.display import display

    shown = prepare(frame, country_columns, url_columns)
    if not _READY:
        display(shown)
        return
    import itables

    itables.show(
        shown,
        caption=escape(caption) if caption else None,
        allow_html=True,  # every cell was escaped above; links are ours
        maxBytes=0,  # never downsample: every row, whole text
        maxColumns=0,
        pageLength=page_length,
        lengthMenu=[10, 25, 100, -1],
        classes="display compact cell-border",
        showIndex=False,
        **options,
    )
