"""The one place where values become HTML: escaping, links, headings.

Every value interpolated into HTML by the notebooks and by ``sahel_utils.report``
(titles, outlets, quotes, entity texts, cluster summaries, error messages) goes
through :func:`escape`, so that a page cannot carry a ``<script>`` or an
``onerror=`` attribute from the corpus into a shared report.
"""

from __future__ import annotations

import html as _html
import math
from urllib.parse import urlsplit

__all__ = ["escape", "heading", "link"]


def escape(value: object) -> str:
    """``value`` as text safe inside HTML element content and quoted attributes.

    ``None`` and NaN become the empty string; anything else is converted with
    ``str`` and its ``& < > " '`` are escaped.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return _html.escape(str(value), quote=True)


def link(url: object, text: object | None = None) -> str:
    """An ``<a>`` to ``url`` (http, https or relative only), or the escaped text when none.

    A ``javascript:`` or other scheme is not made a link: it is shown as text.
    """
    shown = escape(url if text is None else text)
    if not isinstance(url, str) or not url.strip():
        return shown
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme not in ("", "http", "https"):
        return shown
    return f'<a href="{escape(url.strip())}" target="_blank" rel="noopener noreferrer">{shown}</a>'


def heading(text: object, level: int = 3) -> str:
    """An escaped ``<hN>`` heading."""
    level = min(max(int(level), 1), 6)
    return f"<h{level}>{escape(text)}</h{level}>"
