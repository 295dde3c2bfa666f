"""JSON Lines: one article per line with title/date/outlet/url/text fields."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

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


# Keys under which an object value holds its text: {"rendered": "…"} (WordPress),
# {"name": "Le Monde"} (an outlet or author given as an object).
NESTED_TEXT = ("rendered", "text", "value", "content", "body", "raw", "fr", "html")
NESTED_NAME = ("name", "nom", "title", "titre", "label", "display_name", "displayname")


def _raw_field(record: dict, name: str) -> tuple[str | None, object]:
    """The first key of ``FIELDS[name]`` present in ``record`` with a non-empty value."""
    by_key = {str(k).lower().replace("_", ""): (k, v) for k, v in record.items()}
    found: tuple[str | None, object] = (None, None)
    for key in FIELDS[name]:
        if key in record:
            hit = (key, record[key])
        else:
            hit = by_key.get(key.replace("_", ""), (None, None))
        if hit[0] is not None and hit[1] not in (None, "", [], {}):
            return hit
        if hit[0] is not None and found[0] is None:
            found = hit  # present but empty: said so when nothing better is found
    return found


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _as_text(value: object, nested: tuple[str, ...]) -> str | None:
    """A field value as text: strings as they are, objects by their text key, lists joined."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        by_key = {str(k).lower(): v for k, v in value.items()}
        for key in nested:
            found = _as_text(by_key.get(key), nested)
            if found:
                return found
        return None
    if isinstance(value, list):
        parts = [_as_text(v, nested) for v in value]
        return ", ".join(p for p in parts if p) or None
    return None


def _field(record: dict, name: str, notes: list[str] | None = None) -> str | None:
    """A metadata field as text; an object without a name is noted in ``notes``."""
    key, value = _raw_field(record, name)
    text = _as_text(value, NESTED_NAME if name in ("outlet", "author") else NESTED_TEXT)
    if text is None and isinstance(value, (dict, list)) and value and notes is not None:
        keys = ", ".join(sorted(str(k) for k in value)[:5]) if isinstance(value, dict) else ""
        detail = f" (keys: {keys})" if keys else ""
        notes.append(f"{key} is {_kind(value)} without a readable name{detail}, left empty")
    return text


def _body_text(record: dict) -> tuple[str | None, str | None]:
    """The record's body and, when it cannot be read, why (``(None, reason)``)."""
    key, value = _raw_field(record, "text")
    if key is None:
        return None, "no text field (looked for " + ", ".join(FIELDS["text"]) + ")"
    if isinstance(value, str):
        return (value, None) if value.strip() else (None, f"{key} is empty")
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "\n\n".join(v.strip() for v in value if v.strip()), None  # paragraphs
    if isinstance(value, dict):
        nested = _as_text(value, NESTED_TEXT)
        if nested:
            return nested, None
        keys = ", ".join(sorted(str(k) for k in value)[:5])
        return None, f"{key} is an object without text (keys: {keys})"
    if isinstance(value, list):
        return None, f"{key} is a list of {_kind(value[0]) if value else 'nothing'}"
    if value in (None, "", [], {}):
        return None, f"{key} is {'null' if value is None else 'empty'}"
    return None, f"{key} is {_kind(value)}, not text"


def _epoch_date(value: object) -> str | None:
    """An ISO date-time for a Unix time stamp in seconds or milliseconds."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    seconds = value / 1000 if value > 1e11 else value
    if not 1e8 <= seconds <= 4e9:
        return None
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%dT%H:%M")


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
    not_read: list[str] = []  # "line 4 (text is null)"
    notes: list[str] = []
    good = 0
    for number, (offset, raw) in enumerate(lines, start=1):
        if not raw.strip():
            continue
        record = _json_object(raw)
        if record is None:
            bad.append(number)
            continue
        good += 1
        text, why = _body_text(record)
        if text is None:
            not_read.append(f"line {number} ({why})")
            continue
        record_notes: list[str] = []
        draft = _record_draft(record, text, vocab, record_notes)
        notes += [f"line {number}: {note}" for note in record_notes]
        for seg in draft.segments:
            seg.start, seg.end = _locate_in_line(raw, offset, seg.text)
        yield draft
    yield from _file_problems(not_read, notes, bad, good)


def _json_object(raw: str) -> dict | None:
    """The JSON object on a line (None when the line is not one)."""
    try:
        record = json.loads(raw)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _record_draft(record: dict, text: str, vocab: Vocabulary, notes: list[str]) -> ArticleDraft:
    """The cleaned article of one record, with the record's own metadata first."""
    if _MARKUP.search(text):
        text = _markup_to_text(text)
    draft = parse_single_article(text, vocab)
    title = _field(record, "title", notes)
    if draft.title and (not title or canonical(draft.title) != canonical(title)):
        draft.paragraphs.insert(0, draft.title)
    if title:
        _keep_leading_lines(draft, title)
    draft.title = title
    _record_date(draft, record, notes)
    draft.author = clean_author(_field(record, "author", notes)) or draft.author
    draft.url = _field(record, "url", notes) or draft.url
    draft.outlet = (
        _field(record, "outlet", notes)
        or (outlet_from_url(draft.url, vocab) if draft.url else None)
        or draft.outlet
    )
    return draft


def _record_date(draft: ArticleDraft, record: dict, notes: list[str]) -> None:
    """The record's publication date (a time stamp or a printed date), else the text's."""
    date_key, date_value = _raw_field(record, "published")
    printed = _as_text(date_value, NESTED_TEXT)
    if printed:
        draft.published = _epoch_date(date_value) or parse_date(printed)
        if draft.published is None:
            draft.published_raw = printed
            notes.append(f"{date_key} {printed[:40]!r} not readable, kept as printed")
    if draft.published is not None:
        draft.published_raw = None


def _file_problems(
    not_read: list[str], notes: list[str], bad: list[int], good: int
) -> Iterator[ArticleDraft]:
    """Drafts carrying the file's problems (records not read, notes, malformed lines).

    Raises:
        UnreadableFile: No line of the file is a valid JSON object.

    """
    if not_read:
        yield ArticleDraft(problem=f"{len(not_read)} record(s) not read: {_listed(not_read)}")
    if notes:
        yield ArticleDraft(problem=_listed(notes, sep="; "))
    if bad:
        reason = f"malformed JSON Lines: {len(bad)} line(s) not a JSON object (line {_listed(bad)})"
        if not good:
            raise UnreadableFile(reason)
        yield ArticleDraft(problem=f"{reason}; the other lines were read")


def _listed(items: list, sep: str = ", ") -> str:
    return sep.join(str(n) for n in items[:MAX_LISTED]) + (" …" if len(items) > MAX_LISTED else "")


def _keep_leading_lines(draft: ArticleDraft, title: str) -> None:
    """Short lines opening the text (a kicker, a subheading) stay in the body.

    The record has its own title, so a short first line is not its headline:
    the single-article cleaner set it aside as a ``header_line``; it goes back
    to the body unless it repeats the title.
    """
    leading = [s for s in draft.segments if s.segment_type == "header_line"]
    kept = [s for s in leading if canonical(s.text) != canonical(title)]
    if not kept:
        return
    draft.segments = [s for s in draft.segments if s not in kept]
    draft.paragraphs[:0] = [s.text for s in kept]
