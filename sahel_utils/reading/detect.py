"""Format detection from a file's first characters: no option to set."""

from __future__ import annotations

import json
import re

NEXIS = "nexis"
HTML = "html"
JSONL = "jsonl"
PAGE = "page"

_NEXIS_HEADER = re.compile(
    r"^[^\S\n]*(User Name:|Date and Time:|Job Number:|Documents \(\d+\)|Client/Matter:|"
    r"Search Terms:|Search Type:|Content Type\t|Narrowed by)",
    re.MULTILINE,
)
# Blanks within the line only ([^\S\n], not \s): a blank run across lines made these
# quadratic (a file head of 64 KB of blank lines took minutes).
_NEXIS_DOC = re.compile(
    r"^[^\S\n]*(End of Document|Load-Date:|Length:\s*\d+\s+words|Body)[^\S\n]*$", re.M
)
_HTML = re.compile(r"<\s*(!doctype\s+html|html|head|body|meta|title|article|div|p)\b", re.I)


def detect_format(head: str) -> str:
    """Name of the format of a file whose decoded start is ``head``.

    Args:
        head: The first characters (tens of kilobytes) of the decoded file.

    Returns:
        ``"nexis"`` (Nexis Uni text export), ``"html"``, ``"jsonl"`` or ``"page"``
        (plain-text page dump).

    """
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        first = stripped.split("\n", 1)[0].strip()
        try:
            if isinstance(json.loads(first), dict):
                return JSONL
        except ValueError:
            pass
        if re.match(r'\{\s*"', first):
            return JSONL
    if stripped.startswith("<") and _HTML.search(stripped[:4096]):
        return HTML
    header_keys = {
        m.group(1).split(":")[0].split("(")[0].strip() for m in _NEXIS_HEADER.finditer(head)
    }
    if len(header_keys) >= 2:
        return NEXIS
    doc_keys = {m.group(1).split(":")[0].strip() for m in _NEXIS_DOC.finditer(head)}
    if {"Body", "End of Document"} <= doc_keys or {"Body", "Load-Date"} <= doc_keys:
        return NEXIS
    return PAGE
