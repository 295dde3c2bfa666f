"""What every reader produces: article drafts and removed segments, then table rows."""

from __future__ import annotations

import hashlib
import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from sahel_utils.core import paths
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    load_lexicon,
    phrase_alternation,
    register_schema,
)

_TIME = re.compile(r"\b([01]?\d|2[0-3])\s*[:h]\s*([0-5]\d)\b")
_ISO = re.compile(
    r"^(?P<date>\d{4}-\d{2}(?:-\d{2})?)(?:[T ](?P<hm>\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_MONTH_OR_NUMERIC = re.compile(r"\d{4}")
_UPDATE_NOTE = re.compile(r"[(\[][^)\]]*[)\]]")


@dataclass
class Segment:
    """A removed part of a file (not article body), with offsets into the decoded file."""

    segment_type: str
    start: int
    end: int
    text: str

    def extend(self, end: int, text: str) -> None:
        """Add a following line to this segment."""
        self.end = end
        self.text = f"{self.text}\n{text}"


@dataclass
class ArticleDraft:
    """An article as a reader finds it, before its row is made."""

    title: str | None = None
    published: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    problem: str | None = None  # a caveat about the file, reported once (no article)
    updated: str | None = None  # an update date: the date when no publication date is printed
    paragraph_spans: list[tuple[int, int]] = field(default_factory=list)  # page dumps only
    published_raw: str | None = None  # a printed date that could not be read, as printed

    @property
    def text(self) -> str:
        """The clean body: paragraphs separated by blank lines."""
        return "\n\n".join(p for p in self.paragraphs if p)


@lru_cache(maxsize=1)
def _detector_ready() -> bool:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0
    return True


@register_schema("reading", "language_cues.yaml")
class LanguageCuesFile(Lexicon):
    """Schema of ``language_cues.yaml``: function words per language and share limits."""

    min_share: float
    max_other_share: float
    languages: dict[str, list[Word]]


@lru_cache(maxsize=1)
def _language_cues() -> tuple[float, float, dict[str, frozenset[str]]]:
    data = load_lexicon(paths.READING_RESOURCES / "language_cues.yaml", LanguageCuesFile)
    cues = {lang: frozenset(words) for lang, words in data.languages.items()}
    return float(data.min_share), float(data.max_other_share), cues


def _language_from_function_words(words: list[str]) -> str | None:
    """A language whose function words clearly dominate ``words``, else None."""
    min_share, max_other, cues = _language_cues()
    shares = {lang: sum(w in vocab for w in words) / len(words) for lang, vocab in cues.items()}
    for lang, share in shares.items():
        others = [v for other, v in shares.items() if other != lang]
        if share >= min_share and all(v <= max_other for v in others):
            return lang
    return None


#: Words of an article that language detection looks at.
LANGUAGE_SAMPLE_WORDS = 200
_WORD = re.compile(r"\w+")


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language (deterministic), ``"und"`` if unknown.

    Clear cases are decided by function words (``language_cues.yaml``); the
    others by langdetect with a fixed seed. Both look at the first words of the
    text, not its first characters, so layout noise (a long run of spaces or
    punctuation) never hides an article's language.
    """
    words = [
        m.group().lower() for m in itertools.islice(_WORD.finditer(text), LANGUAGE_SAMPLE_WORDS)
    ]
    if len(words) < 3:
        return "und"
    quick = _language_from_function_words(words) if len(words) >= 20 else None
    if quick:
        return quick
    _detector_ready()
    from langdetect import LangDetectException, detect

    try:
        return detect(" ".join(words))
    except LangDetectException:
        return "und"


def content_hash(text: str) -> str:
    """SHA-256 hex digest of the article text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@register_schema("reading", "dates.yaml")
class DatesFile(Lexicon):
    """Schema of ``dates.yaml``: words around the time in a printed date."""

    minute_marks: list[Word]
    time_joiners: list[Word]


@lru_cache(maxsize=1)
def _date_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The clock ("07h31 min" -> 07:31) and the word joining a date to its time."""
    data = load_lexicon(paths.READING_RESOURCES / "dates.yaml", DatesFile)
    minutes = phrase_alternation(data.minute_marks)
    clock = re.compile(rf"\b([01]?\d|2[0-3])\s*[hH:]\s*([0-5]\d)(?:\s*{minutes}\b)?")
    joiner = re.compile(rf"\s+{phrase_alternation(data.time_joiners)}\s+(?=\d{{1,2}}:\d{{2}})")
    return clock, joiner


def parse_date(text: str) -> str | None:
    """ISO 8601 date of a printed date, at the precision printed.

    ``"lundi 23 juin 2025 à 07:31"`` -> ``"2025-06-23T07:31"``;
    ``"Vendredi 11 Novembre 2022"`` -> ``"2022-11-11"``; ISO strings keep their
    precision (seconds and zones dropped). None when no full date is printed.
    """
    text = text.strip(" \t:,;|-–—")
    if not text or not _MONTH_OR_NUMERIC.search(text):
        return None
    iso = _ISO.match(text)
    if iso:
        return iso.group("date") + (f"T{iso.group('hm')}" if iso.group("hm") else "")
    import dateparser

    clock, joiner = _date_patterns()
    text = clock.sub(r"\1:\2", _UPDATE_NOTE.sub("", text))
    text = joiner.sub(" ", text)
    parsed: datetime | None = dateparser.parse(
        text,
        languages=["fr", "en"],
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "PREFER_DATES_FROM": "past",
            "DATE_ORDER": "DMY",
        },
    )
    if parsed is None:
        return None
    day = parsed.strftime("%Y-%m-%d")
    return f"{day}T{parsed.strftime('%H:%M')}" if _TIME.search(text) else day


def article_row(
    draft: ArticleDraft, source_file: str, position: int, language: str | None = None
) -> dict:
    """The ``articles`` table row of a draft."""
    text = draft.text
    return {
        "article_id": f"{source_file}#{position}",
        "source_file": source_file,
        "position": position,
        "title": draft.title or None,
        "published": draft.published,
        "published_raw": draft.published_raw or None,
        "author": draft.author or None,
        "outlet": draft.outlet or None,
        "url": draft.url or None,
        "text": text,
        "language": language or detect_language(text),
        "n_words": len(text.split()),
        "content_hash": content_hash(text),
    }


def segment_rows(segments: list[Segment], source_file: str, article_id: str | None) -> list[dict]:
    """The ``segments`` table rows of removed parts."""
    return [
        {
            "source_file": source_file,
            "article_id": article_id,
            "segment_type": s.segment_type,
            "start": s.start,
            "end": s.end,
            "text": s.text,
        }
        for s in segments
    ]
