"""Saved HTML pages: the article is extracted with trafilatura, then cleaned."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator

from sahel_utils.core.normalize import canonical
from sahel_utils.reading.boilerplate import (
    Vocabulary,
    clean_author,
    load_vocabulary,
    outlet_from_url,
)
from sahel_utils.reading.common import ArticleDraft, Segment, parse_date
from sahel_utils.reading.pagedump import parse_single_article


def locate(haystack: str, text: str) -> tuple[int, int]:
    """Offsets of ``text`` (or of its first line) in ``haystack``; ``(-1, -1)`` if absent."""
    for needle in (text, html_lib.escape(text, quote=False), text.split("\n", 1)[0]):
        if needle:
            start = haystack.find(needle)
            if start >= 0:
                return start, start + len(needle)
    return -1, -1


def _without_site_name(title: str | None, site_name: str | None) -> str | None:
    """A page title without a trailing " - Site name" or " | Site name"."""
    if not title or not site_name:
        return title
    for sep in (" | ", " - ", " – ", " — ", " : ", " :: "):
        suffix = f"{sep}{site_name}"
        if title.endswith(suffix) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title


#: Nesting depth past which libxml2 (under lxml and trafilatura) drops the rest of a page.
PARSER_DEPTH_LIMIT = 250
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^<>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_WRAPPERS = re.compile(
    r"</?(?:div|span|section|article|main|font|center|table|tbody|tr|td)\b[^<>]*>", re.I
)


def nesting_depth(page: str) -> int:
    """The deepest element nesting of an HTML page (a quick count of open tags)."""
    depth = deepest = 0
    for m in _TAG.finditer(page):
        closing, name, self_closing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def parse_html(page: str, vocab: Vocabulary | None = None) -> Iterator[ArticleDraft]:
    """The article of a saved HTML page; a page nested too deep is read flattened.

    A page nested deeper than the parser's limit (``PARSER_DEPTH_LIMIT``) loses
    its text in libxml2: it is read again without its layout wrappers (div,
    span, section, table cells), with a note saying so, or, when that gives no
    article either, a note saying why nothing was found.
    """
    drafts = list(_parse_html(page, vocab))
    if drafts:
        yield from drafts
        return
    depth = nesting_depth(page)
    if depth <= PARSER_DEPTH_LIMIT:
        return
    why = f"HTML nested {depth} levels deep, deeper than the parser's limit ({PARSER_DEPTH_LIMIT})"
    flattened = list(_parse_html(_WRAPPERS.sub(" ", page), vocab))
    if flattened:
        for draft in flattened:
            for seg in draft.segments:
                seg.start, seg.end = locate(page, seg.text)
        yield from flattened
        yield ArticleDraft(problem=f"{why}: read again without its layout tags")
    else:
        yield ArticleDraft(problem=f"{why}: no article text could be extracted")


def _take_page_date(draft: ArticleDraft, meta: object) -> None:
    """The article's date from the page's metadata, unless a date line says more.

    A date line printed in the article wins when it agrees (it has the printed
    precision); a date that cannot be read is kept as printed (``published_raw``).
    """
    if meta:
        meta_date = parse_date(str(meta))
        if draft.published is None or (meta_date and not draft.published.startswith(meta_date)):
            draft.published = meta_date or draft.published
        if draft.published is None:
            draft.published_raw = str(meta)
    if draft.published is not None:
        draft.published_raw = None


def _parse_html(page: str, vocab: Vocabulary | None = None) -> Iterator[ArticleDraft]:
    """The article of a saved HTML page (trafilatura extraction, then boilerplate removal).

    Args:
        page: The decoded HTML.
        vocab: Boilerplate and outlet vocabulary.

    Yields:
        One draft (none when trafilatura finds no main text). Segment offsets are
        offsets into the HTML where the removed text is found literally, else -1.

    """
    import trafilatura

    vocab = vocab or load_vocabulary()
    extracted = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=True, include_tables=False
    )
    doc = (
        extracted.as_dict()
        if extracted is not None and hasattr(extracted, "as_dict")
        else extracted
    )
    if not doc or not (doc.get("text") or "").strip():
        return
    draft = parse_single_article(doc["text"], vocab)
    title = doc.get("title") or draft.title
    if draft.title and title and canonical(draft.title) != canonical(title):
        draft.paragraphs.insert(0, draft.title)
    if title and draft.paragraphs and canonical(draft.paragraphs[0]) == canonical(title):
        draft.paragraphs.pop(0)
    draft.title = _without_site_name(title, doc.get("sitename"))
    _take_page_date(draft, doc.get("date"))
    draft.author = clean_author(doc.get("author")) or draft.author
    draft.url = doc.get("url") or draft.url
    draft.outlet = (
        (outlet_from_url(draft.url, vocab) if draft.url else None)
        or draft.outlet
        or doc.get("sitename")
    )
    for seg in draft.segments:
        seg.start, seg.end = locate(page, seg.text)
    comments = (doc.get("comments") or "").strip()
    for block in comments.split("\n") if comments else []:
        if block.strip():
            start, end = locate(page, block.strip())
            draft.segments.append(Segment("comment", start, end, block.strip()))
    yield draft
