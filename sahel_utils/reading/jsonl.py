"""JSON Lines: one article per line with title/date/outlet/url/text fields."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator

from sahel_utils.core.normalize import canonical
from sahel_utils.reading.boilerplate import (
    Vocabulary,
    clean_author,
    load_vocabulary,
    outlet_from_url,
)
from sahel_utils.reading.common import ArticleDraft, parse_date
from sahel_utils.reading.encoding import UnreadableFile
from sahel_utils.reading.pagedump import parse_single_article

FIELDS = {
    "title": ("title", "headline", "titre", "heading"),
    "published": (
        "date",
        "published",
        "published_at",
        "publication_date",
        "date_published",
        "datetime",
        "pubdate",
        "created_at",
    ),
    "outlet": ("outlet", "source", "publisher", "media", "site", "sitename"),
    "url": ("url", "link", "href"),
    "text": ("text", "body", "content", "article", "texte", "contenu"),
    "author": ("author", "byline", "auteur", "authors", "auteurs", "creator"),
}
MAX_LISTED = 10
_MARKUP = re.compile(r"<\s*/?\s*(p|br|div|h[1-6]|li|span|a|strong|em)\b[^>]*>", re.IGNORECASE)
_BLOCK_END = re.compile(r"<\s*(/\s*(p|div|h[1-6]|li)|br\s*/?)\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{1,500}>")


def _markup_to_text(text: str) -> str:
    """A record's body given as HTML markup, as plain paragraphs."""
    text = _BLOCK_END.sub("\n\n", text)
    text = html.unescape(_TAG.sub("", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _field(record: dict, name: str) -> str | None:
    by_key = {str(k).lower().replace("_", ""): v for k, v in record.items()}
    for key in FIELDS[name]:
        value = record.get(key, by_key.get(key.replace("_", "")))
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if value not in (None, ""):
            return str(value).strip()
    return None


def _locate_in_line(raw: str, offset: int, text: str) -> tuple[int, int]:
    """Offsets of a piece of a record's text inside the JSON line, -1 if not literal."""
    for encoded in (
        json.dumps(text, ensure_ascii=False)[1:-1],
        json.dumps(text, ensure_ascii=True)[1:-1],
    ):
        start = raw.find(encoded)
        if start >= 0:
            return offset + start, offset + start + len(encoded)
    return -1, -1


def parse_jsonl(
    lines: Iterable[tuple[int, str]], vocab: Vocabulary | None = None
) -> Iterator[ArticleDraft]:
    """Article drafts of a JSON Lines file, one per valid record with text.

    Malformed lines are listed in one problem (a draft without text carrying
    ``problem``); if no line is valid the file is unreadable.

    Raises:
        UnreadableFile: No line of the file is a valid JSON object.

    """
    vocab = vocab or load_vocabulary()
    bad: list[int] = []
    good = 0
    for number, (offset, raw) in enumerate(lines, start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except ValueError:
            bad.append(number)
            continue
        if not isinstance(record, dict):
            bad.append(number)
            continue
        good += 1
        text = _field(record, "text") or ""
        if _MARKUP.search(text):
            text = _markup_to_text(text)
        draft = parse_single_article(text, vocab)
        title = _field(record, "title")
        if draft.title and (not title or canonical(draft.title) != canonical(title)):
            draft.paragraphs.insert(0, draft.title)
        draft.title = title
        printed = _field(record, "published")
        if printed:
            draft.published = parse_date(printed)
        draft.author = clean_author(_field(record, "author")) or draft.author
        draft.url = _field(record, "url") or draft.url
        draft.outlet = (
            _field(record, "outlet")
            or (outlet_from_url(draft.url, vocab) if draft.url else None)
            or draft.outlet
        )
        for seg in draft.segments:
            seg.start, seg.end = _locate_in_line(raw, offset, seg.text)
        yield draft
    if bad:
        listed = ", ".join(str(n) for n in bad[:MAX_LISTED]) + (
            " …" if len(bad) > MAX_LISTED else ""
        )
        reason = f"malformed JSON Lines: {len(bad)} line(s) not a JSON object (line {listed})"
        if not good:
            raise UnreadableFile(reason)
        yield ArticleDraft(problem=f"{reason}; the other lines were read")
