"""Dates: each sentence's calendar dates and the date bound to a relation's clause."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from sahel_utils.relations.dyads.model import (
    Actor,
    _Cue,
    _distance,
    _first_date,
    _Locator,
    _Sentence,
    _year,
)


def _add_dates(timex: pd.DataFrame, locate: _Locator) -> None:
    """Give each sentence its calendar dates, in text order, and the article's anchor."""
    anchors = [a for a in timex.get("anchor", pd.Series(dtype=object)) if isinstance(a, str) and a]
    for each in locate.sentences:
        each.anchor = anchors[0] if anchors else None
    t: Any
    for t in timex.sort_values("start").itertuples(index=False):
        sentence = locate(int(t.start))
        value = _calendar_value(t)
        if sentence is not None and value is not None:
            sentence.dates.append((int(t.start), value))


def _calendar_value(t: Any) -> str | None:
    """A time expression's calendar value, or None.

    No duration (P3D), set, PRESENT_REF or XXXX-SU; a range once, as its
    ``range_value`` on its first TimeML point.
    """
    if not isinstance(t.value, str) or not t.value[:1].isdigit():
        return None
    rule = getattr(t, "rule", "")
    range_value = getattr(t, "range_value", None)
    if isinstance(range_value, str) and range_value:
        return range_value if rule == "range_start" else None
    return None if rule in ("range_start", "range_end") else str(t.value)


#: Clause breaks inside a sentence for dates (a period there ends an abbreviation: "M.").
_DATE_CLAUSE_STOP = re.compile(
    r"[;!?]|\b(?:mais|tandis que|alors que|pendant que)\b", re.IGNORECASE
)


def _bound_date(sentence: _Sentence, span: tuple[int, int], predicate: _Cue | None) -> str | None:
    """The date of a relation: the time expression of its clause nearest to it.

    The clause runs from the previous clause break (``_DATE_CLAUSE_STOP``: ";", "mais",
    "alors que" …) before the pair and its predicate to the next one after them, so that
    a fronted date ("En mars 2024, X a livré …") is the relation's, and a date of another
    clause ("X a livré des drones à Y, alors que Z s'était retiré fin 2023") is not. No
    such date: None (the article's date then stands for a present-tense report).

    Args:
        sentence: The sentence, with its dates (offsets into the article).
        span: The pair's mentions, relative to the sentence.
        predicate: The relation's predicate, if any.

    """
    if not sentence.dates:
        return None
    if predicate is not None:
        span = (min(span[0], predicate.start), max(span[1], predicate.end))
    text = sentence.text
    breaks = list(_DATE_CLAUSE_STOP.finditer(text, 0, max(0, span[0])))
    clause_start = breaks[-1].end() if breaks else 0
    if breaks and breaks[-1].group(0)[0].isalpha():
        # a fronted subordinate clause ("Alors que X s'était retiré fin 2023, Y a livré …")
        # ends at its comma
        comma = text.find(",", clause_start, max(0, span[0]))
        clause_start = comma + 1 if comma >= 0 else clause_start
    after = _DATE_CLAUSE_STOP.search(text, span[1])
    clause_end = after.start() if after else len(text)
    anchor = (predicate.start, predicate.end) if predicate is not None else span
    inside = [
        (_distance(anchor, (at, at + 1)), at, value)
        for at, value in ((start - sentence.start, value) for start, value in sentence.dates)
        if clause_start <= at < clause_end
    ]
    return min(inside)[2] if inside else None


def _drop_anachronisms(sentence: _Sentence) -> None:
    """A historical state is a party only of events in its own time.

    A sentence dated after the state's last year ("En 2025, le Mali a signé avec l'URSS")
    does not make it a party. An undated sentence is of the article's time for a state
    named in passing by an adjective ("la victoire soviétique", "les universités
    soviétiques"); a state named as such ("l'URSS a formé des officiers maliens") may be
    the party of a past event the sentence tells without a date. The article's time is its
    publication date, else the date its relative expressions are resolved against.
    """
    year = _year(_first_date(sentence))
    if year is not None:
        sentence.actors = [a for a in sentence.actors if a.until is None or year <= a.until]
        return
    year = _year(sentence.published or sentence.anchor)
    if year is None:
        return
    sentence.actors = [
        a
        for a in sentence.actors
        if a.until is None or year <= a.until or not _named_in_passing(sentence, a)
    ]


def _named_in_passing(sentence: _Sentence, actor: Actor) -> bool:
    """Whether a mention is an adjective ("soviétique"), not a state's name ("l'URSS")."""
    text = sentence.text[actor.start - sentence.start : actor.end - sentence.start]
    return text[:1].islower()
