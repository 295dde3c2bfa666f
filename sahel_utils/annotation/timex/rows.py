"""Rows of the ``timex`` table: one per expression, in text order.

:func:`extract_timex` chains the steps: candidates (:mod:`.matching`), the anchor
(:mod:`.anchoring`), values (:mod:`.resolution`); then TimeML's conventions: a range
is its two points, days counted from the previous day ("le lendemain"), times of day
placed on their day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from sahel_utils.annotation.timex.anchoring import document_anchor, parse_published
from sahel_utils.annotation.timex.matching import find_candidates, select
from sahel_utils.annotation.timex.model import Anchor, Found
from sahel_utils.annotation.timex.resolution import is_absolute, resolve
from sahel_utils.annotation.timex.tense import clause_tense
from sahel_utils.annotation.timex.vocabulary import Vocabulary, alt, load_vocabulary
from sahel_utils.core.normalize import normalize_for_nlp

Row = dict[str, Any]

_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def extract_timex(
    text: str,
    published: str | None,
    today: date | None = None,
    normalized: str | None = None,
) -> list[Row]:
    """Find the time expressions of an article and resolve them to TIMEX3 values.

    Args:
        text: Article body (``articles.text``); offsets refer to it.
        published: Publication date in ISO form, or None when the article prints none.
        today: Upper bound for an undated article whose dates carry no year at all
            (default: the current date).
        normalized: ``normalize_for_nlp(text)`` when the caller already has it (the
            tagging step made the Doc of it); computed here otherwise.

    Returns:
        One dict per expression, in text order, with ``start``, ``end``, ``text``,
        ``value`` (ISO 8601 / TIMEX3, None when unresolvable), ``anchor`` (ISO form
        of the reference used: the publication date or the previous day in the text;
        None for absolute or unresolved expressions), ``type`` (DATE, TIME, DURATION,
        SET), ``rule`` (the pattern that fired), ``weekday_mismatch`` and
        ``range_value`` (``START/END`` on the two points of a range, else None).

    """
    if not text:
        return []
    vocab = load_vocabulary()
    norm = normalize_for_nlp(text) if normalized is None else normalized
    if len(norm) != len(text):
        raise ValueError("normalized text must be normalize_for_nlp(text) (same length)")
    found = select(find_candidates(norm, vocab))
    anchor = parse_published(published)
    if anchor is None:
        anchor = document_anchor(found, norm, vocab, today or date.today())
    rows: list[Row] = []
    clocks: dict[int, Found] = {}
    for f in found:
        row = _row(f, text, norm, anchor, vocab)
        # TimeML: a range is its two points (each with the range value), not a row
        rows += _range_points(f, row, text, vocab) or [row]
        if f.kind == "clock":
            clocks[id(row)] = f
    rows += _days_from_previous(text, norm, rows, vocab)
    rows.sort(key=lambda r: (r["start"], -r["end"]))
    _place_clocks(rows, clocks, norm, anchor)
    return rows


def _row(f: Found, text: str, norm: str, anchor: Anchor | None, vocab: Vocabulary) -> Row:
    """The row of candidate ``f`` (a time of day is placed later by ``_place_clocks``)."""
    absolute = is_absolute(f)
    tense = None if absolute else clause_tense(norm, f.start, f.end, vocab)
    used = None if absolute else anchor
    value = resolve(f, used, tense)
    return {
        "start": f.start,
        "end": f.end,
        "text": text[f.start : f.end],
        "value": value,
        "anchor": None if used is None or value is None else used.iso(),
        "type": _timex_type(f, value),
        "rule": f.rule,
        "weekday_mismatch": _weekday_mismatch(f, value),
        "range_value": None,
    }


def _place_clocks(
    rows: list[Row], clocks: dict[int, Found], norm: str, anchor: Anchor | None
) -> None:
    """Times of day on their day: the day right after them ("vers 15 h 30, hier"), else
    the last day the text gave before them (a date, "hier", "le lendemain"), else the
    publication day.
    """
    last: date | None = anchor.lo if anchor is not None and anchor.precision == "day" else None
    for i, row in enumerate(rows):
        f = clocks.get(id(row))
        if f is None:
            last = _last_day(row) or last
            continue
        reference = _following_day(rows[i + 1 :], clocks, f, norm) or last
        row["value"] = _resolve_clock(f, reference)
        row["anchor"] = reference.isoformat() if reference and row["value"] else None


def _last_day(row: Row) -> date | None:
    """The day a row leaves as "the last day given" (a range's last day: its end point)."""
    if row["rule"] == "range_start":
        return None
    day = _DAY_VALUE.match(str(row["value"] or "").split("/")[-1])
    if day and row["type"] in ("DATE", "TIME"):
        return date.fromisoformat(day.group(0))
    return None


def _following_day(rest: list[Row], clocks: dict[int, Found], f: Found, norm: str) -> date | None:
    """The day right after a time of day ("vers 15 h 30, hier"), if one follows it."""
    following = next((r for r in rest if id(r) not in clocks), None)
    if following is None or not re.fullmatch(r"\s*,?\s*", norm[f.end : following["start"]]):
        return None
    day = _DAY_VALUE.match(str(following["value"] or ""))
    return date.fromisoformat(day.group(0)) if day else None


def _resolve_clock(f: Found, reference: date | None) -> str | None:
    if reference is None:
        return None
    if f.hour is not None:
        return f"{reference.isoformat()}T{f.hour:02d}:{f.minute or 0:02d}"
    return f"{reference.isoformat()}T{f.part}" if f.part else None


def _timex_type(f: Found, value: str | None) -> str:
    """TimeML type: DATE, TIME (a clock time or part of a day), DURATION or SET."""
    if f.timex_type in ("DURATION", "SET"):
        return f.timex_type
    if f.kind == "clock" or (value and re.match(r"^\d{4}-\d{2}-\d{2}T", value)):
        return "TIME"
    if value and value.endswith("_REF"):
        return "TIME"
    return "DATE"


def _weekday_mismatch(f: Found, value: str | None) -> bool:
    """The text gives a weekday and a date it does not fall on ("mardi 3 mars 2021")."""
    if f.kind != "point" or not value:
        return False
    p = f.points[0]
    day = _DAY_VALUE.match(value)
    if p.weekday is None or p.day is None or day is None:
        return False
    return date.fromisoformat(day.group(0)).isoweekday() != p.weekday


# --------------------------------------------------------------------------- ranges

Span = tuple[int, int]


def _range_points(f: Found, row: Row, text: str, vocab: Vocabulary) -> list[Row]:
    """The two ends of a range as TimeML writes them ("de 1982 à 1990": two DATEs).

    They stand for the range (whose row is then dropped): rules ``range_start`` /
    ``range_end``, the range's anchor and ``range_value`` ``START/END``. Empty when
    the ends cannot be located in the text (the range row is kept).
    """
    value = row["value"]
    if f.kind != "range" or not value or "/" not in value:
        return []
    first, last = value.split("/")
    spans = _range_spans(f, text[f.start : f.end], vocab)
    if spans is None:
        return []
    out = []
    for (a, b), v, rule in zip(spans, (first, last), ("range_start", "range_end"), strict=True):
        out.append(
            {
                **row,
                "start": f.start + a,
                "end": f.start + b,
                "text": text[f.start + a : f.start + b],
                "value": v,
                "type": "TIME" if "T" in v[4:] else "DATE",
                "rule": rule,
                "weekday_mismatch": False,
                "range_value": value,
            }
        )
    return out


def _range_spans(f: Found, piece: str, vocab: Vocabulary) -> tuple[Span, Span] | None:
    """Spans of a range's two ends inside its text ``piece`` (None when not found)."""
    p1 = f.points[0]
    if p1.year is not None and p1.month is None and p1.day is None:  # years
        years = [(m.start(), m.end()) for m in re.finditer(r"\d{4}", piece)]
        return (years[0], years[-1]) if len(years) >= 2 else None
    return _range_end_spans(piece, vocab)


def _range_end_spans(piece: str, vocab: Vocabulary) -> tuple[Span, Span] | None:
    """Spans of the first and second point inside a day, weekday or month range."""
    names = {**vocab.months, **vocab.month_abbreviations, **vocab.weekdays}
    ordinal = alt(vocab.ordinal_suffixes)
    tokens = list(re.finditer(rf"\d{{1,4}}{ordinal}?|[^\W\d_]+\.?", piece))
    marks = [
        t
        for t in tokens
        if re.fullmatch(rf"\d{{1,2}}{ordinal}?|\d{{4}}", t.group(0))
        or t.group(0).lower() in names
        or t.group(0).lower() in vocab.first_day
    ]
    if len(marks) < 2:
        return None
    # the first point ends before the connector: the first mark after which a
    # non-mark word appears
    split = None
    for i, t in enumerate(marks[:-1]):
        gap = piece[t.end() : marks[i + 1].start()]
        if re.search(r"[^\W\d_]", gap) or "-" in gap:
            split = i
            break
    if split is None:
        return None
    return (marks[0].start(), marks[split].end()), (marks[split + 1].start(), marks[-1].end())


# --------------------------------------------------------------------------- previous day


def _days_from_previous(text: str, norm: str, rows: list[Row], vocab: Vocabulary) -> list[Row]:
    """Days counted from the last day the text gave before ("le lendemain", "la veille").

    "La veille de l'élection" names its own reference and is left alone.
    """
    if not vocab.previous_day_offsets:
        return []
    words = alt(vocab.previous_day_offsets)
    dets = alt(vocab.previous_day_determiners)
    own = alt(vocab.previous_day_own_reference)
    pattern = re.compile(
        rf"(?<![\w-]){dets}(?:(?<=')|\s+)({words})(?![\w-])(?!\s+{own}\b)", re.IGNORECASE
    )
    out: list[Row] = []
    for m in pattern.finditer(norm):
        if any(r["start"] < m.end() and m.start() < r["end"] for r in rows):
            continue
        before = [
            r for r in rows if r["end"] <= m.start() and _DAY_VALUE.match(str(r["value"] or ""))
        ]
        if not before:
            continue
        offset = vocab.previous_day_offsets[re.sub(r"\s+", " ", m.group(1).lower())]
        previous = str(before[-1]["value"]).split("/")
        reference = date.fromisoformat((previous[-1] if offset > 0 else previous[0])[:10])
        out.append(
            {
                "start": m.start(),
                "end": m.end(),
                "text": text[m.start() : m.end()],
                "value": (reference + timedelta(days=offset)).isoformat(),
                "anchor": reference.isoformat(),
                "type": "DATE",
                "rule": "previous_day",
                "weekday_mismatch": False,
                "range_value": None,
            }
        )
    return out
