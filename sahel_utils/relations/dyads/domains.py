"""Domains: each sentence's domain cues and the domains bound to a relation's clause."""

from __future__ import annotations

from typing import Any

import pandas as pd

from sahel_utils.relations.dyads import options
from sahel_utils.relations.dyads.cues import DyadCues
from sahel_utils.relations.dyads.model import (
    _CLAUSE_STOP,
    _Cue,
    _distance,
    _Locator,
    _Sentence,
    fold_same_length,
)


def _add_domains(domains: pd.DataFrame, locate: _Locator) -> None:
    """Give each sentence its domains and their cues (located in the sentence).

    Rows come in text order: a cue repeated in a sentence ("des armes …, des armes") is
    located at its next occurrence, not every time at the first one.
    """
    after: dict[tuple[int, str], int] = {}
    d: Any
    for d in domains.itertuples(index=False):
        sentence = locate.by_index.get(int(d.sent_index)) or locate(int(d.start))
        if sentence is None:
            continue
        if d.domain not in sentence.domains:
            sentence.domains.append(str(d.domain))
        cue = getattr(d, "cue", None)
        key = (sentence.index, fold_same_length(cue) if isinstance(cue, str) else "")
        start, end = _locate_cue(sentence.text, cue, after.get(key, 0))
        if start < 0:
            start, end = _locate_cue(sentence.text, cue)
        if start >= 0:
            after[key] = start + 1
        sentence.domain_cues.append((start, end, str(d.domain)))


def _locate_cue(text: str, cue: Any, start: int = 0) -> tuple[int, int]:
    """Offsets of a domain cue's words in the sentence (relative, from ``start``), or -1."""
    if not isinstance(cue, str) or not cue.strip():
        return (-1, -1)
    at = fold_same_length(text).find(fold_same_length(cue), start)
    return (at, at + len(cue)) if at >= 0 else (-1, -1)


def _bound_domains(
    sentence: _Sentence,
    span: tuple[int, int],
    predicate: _Cue | None,
    cues: DyadCues | None = None,
) -> tuple[str | None, ...]:
    """Domains whose cue the predicate or the pair's arguments carry.

    The cues nearest to the pair's span widened to its predicate; unlocated cues count
    only when none is located. No domain: ``(None,)``.
    """
    located = [(s, e, d) for s, e, d in sentence.domain_cues if s >= 0]
    if options.DOMAIN_BINDING == "sentence" or not located:
        return tuple(sentence.domains) or (None,)
    if predicate is not None:
        span = (min(span[0], predicate.start), max(span[1], predicate.end))
    if options.DOMAIN_BINDING == "clause":
        # the cues of the relation's clause: from just before the pair to the end of the
        # clause that holds it (its complements and relative clauses); a fronted phrase
        # counts when it ends just before the pair ("Dans le domaine de la défense, X et
        # Y ont signé …"), not one far ahead of it
        end = _CLAUSE_STOP.search(sentence.text, span[1])
        stop = end.start() if end else len(sentence.text)
        if cues is not None and (predicate is None or predicate.kind != "tension"):
            # what a tension predicate's clause is about ("accusant X de fournir des
            # armes") is not what the cooperation is about
            tension = cues.tension.search(fold_same_length(sentence.text), span[1])
            if tension:
                stop = min(stop, tension.start())
                located = [cue for cue in located if cue[0] < tension.start()]
        bound = [
            d for s, e, d in sorted(located) if span[0] - options.DOMAIN_REACH <= e and s < stop
        ]
        if bound or not options.NEAREST_OUTSIDE_CLAUSE or not located:
            return tuple(dict.fromkeys(bound)) or (None,)
    distances = {(s, e, d): _distance(span, (s, e)) for s, e, d in located}
    nearest = min(distances.values())
    bound = [
        d
        for (s, e, d), dist in sorted(distances.items())
        if dist <= max(nearest, options.DOMAIN_REACH)
    ]
    return tuple(dict.fromkeys(bound)) or (None,)


def _context_domains(
    sentence: _Sentence, predicate: _Cue | None, cues: DyadCues
) -> tuple[str | None, ...]:
    """Domains a sentence gives to a pair of its context: those its predicate carries.

    "Ces appareils renforcent la lutte contre le terrorisme, pendant que la capitale
    accueille un forum sur la santé": the cues of the cooperation predicate's clause
    (:func:`_bound_domains`), not every cue of the sentence. Without a predicate (a list
    item, "- des drones ;") the sentence is about the pair as a whole: all its domains.
    """
    if predicate is None:
        return tuple(sentence.domains) or (None,)
    return _bound_domains(sentence, (predicate.start, predicate.end), predicate, cues)


def _predicate_domain(
    sentence: _Sentence,
    predicate: _Cue | None,
    domains: tuple[str | None, ...],
    cues: DyadCues,
    word: str | None = None,
) -> tuple[str | None, ...]:
    """The domain a cooperation predicate says itself when no cue of its clause gives one.

    "X a parlé avec son homologue", "son alliance avec Y", "s'est rapproché de Z": a
    contact or an alliance is diplomacy (``predicate_domains``); a delivery or an aid
    with no cue says nothing of its domain. ``word``: the predicate word, when it is not
    the one at ``predicate`` (a partner word in apposition).
    """
    if domains != (None,) or predicate is None or predicate.kind != "cooperation":
        return domains
    word = fold_same_length(word or sentence.text[predicate.start : predicate.end])
    for domain, pattern in cues.predicate_domains.items():
        if pattern.match(word):
            return (domain,)
    return domains
