"""Cross-source clustering of claims and the verdict of each cluster.

Candidate pairs come from blocking keys (same kind and type, a shared actor or
context word, a month both dates cover), never from all pairs. A pair is linked when the
two claims can be about the same thing (compatible dates, shared actors,
similar wording, or the same quote); clusters grow from the best links first,
and an event cluster never joins two claims whose dates cannot both hold.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from sahel_utils.core import names
from sahel_utils.core.cache import StageCache
from sahel_utils.core.normalize import fold
from sahel_utils.relations.claims.dates import Interval, disjoint, interval, nested, span_days
from sahel_utils.relations.claims.extract import PEOPLE_UNITS, Claim, claims_version
from sahel_utils.relations.claims.vocab import load_vocab
from sahel_utils.relations.reuse import content_words

# Events: wording similarity (rapidfuzz token_set_ratio on content words, 0-100)
# needed on top of shared actors, by how well the two claims are dated.
EVENT_SIM_DATED = 30.0
EVENT_SIM_VAGUE_DATE = 50.0  # one side dated only to a year or more
# Undated events have only their wording: share of the smaller sentence's
# content stems found in the other, and a floor on shared stems.
EVENT_UNDATED_CONTAINMENT = 0.5
EVENT_UNDATED_MIN_SHARED = 4
VAGUE_DATE_DAYS = 62
# Numbers: context words (stems) shared around the two quantities, the counted
# noun itself left out.
NUMBER_MIN_SHARED_CONTEXT = 3  # when the two sentences share a country
NUMBER_MIN_SHARED_CONTEXT_NAMED = 2  # when they share a place, person or organisation
NUMBER_MIN_SHARED_CONTEXT_NO_ACTOR = 5  # when the two sentences name no common actor
# The same exact value of the same unit with a shared actor or place needs less context.
NUMBER_SAME_VALUE_MIN_SHARED_CONTEXT = 1
# ... and none when that value is this large (49 soldiers arrested: no coincidence).
NUMBER_DISTINCTIVE_VALUE = 10
# A figure from this on, stated alike (same bounds) by two articles about the same
# country, links them even when their sentences name no common actor; such figures
# also block together (unit x figure).
NUMBER_STORY_FIGURE = 20
# Two reports of one quantity in conflict differ by less than this factor (25 and 89
# dead, 10 days and 72 hours); further apart, they count two different things.
NUMBER_CONFLICT_MAX_RATIO = 5.0
# Quotes: how much of the shorter quote must be found in the longer one.
QUOTE_PARTIAL_RATIO = 90.0
# ... or, said by the same person, this share of its content words (at least
# QUOTE_ADAPTED_MIN_WORDS of them) found in the longer one.
QUOTE_ADAPTED_SHARE = 0.8
QUOTE_ADAPTED_MIN_WORDS = 2
QUOTE_SHORT_WORDS = 3  # below this many content words a quote also needs its speaker
QUOTE_SPEAKER_CONFLICT_WORDS = 4
# Blocks up to this size give all their pairs; larger ones each claim with the
# BLOCK_WINDOW next in date order (see candidate_pairs).
BLOCK_ALL_PAIRS = 50
BLOCK_WINDOW = 15
MAX_BLOCK = 1000  # a blocking key shared by more claims than this is too common to use
# Events also meet by event type x actor whatever their dates (an undated mention may
# join a dated cluster); such a key shared by more claims than this is left to the
# dated keys (type x actor x month), so that candidate pairs stay near linear.
MAX_TYPE_ACTOR_BLOCK = 200
# A word of a quote shared by more quotes than this is too common to block on.
MAX_WORD_BLOCK = 50
# Keys of a claim's own words (number context stems, quote word pairs) are given up
# sooner than keys of its actors and dates: common wording is no evidence.
MAX_WORDING_BLOCK = 200
BLOCK_LIMITS = {
    "event-actor": MAX_TYPE_ACTOR_BLOCK,
    "number-actor": MAX_TYPE_ACTOR_BLOCK,
    "quote-word": MAX_WORD_BLOCK,
    "quote": MAX_WORDING_BLOCK,
    "number-words": MAX_WORDING_BLOCK,
    "number-figure": MAX_WORDING_BLOCK,
}
# An undated event joins a dated one when its article was published at most this
# many days after the date (and not before it), their actors agree, and their
# wording is this similar.
UNDATED_HORIZON_DAYS = 400
EVENT_SIM_UNDATED = 35.0
PROSPECTIVE_DAYS = 60
UNDATED_MIN_SHARED_ACTORS = 2
# ... or only this similar when both name exactly the same two or more actors.
EVENT_SIM_UNDATED_SAME_ACTORS = 15.0
# Two reports of one event dated to two different days (a date conflict): at most this
# many days apart, and sentences this similar (dev: different events sharing actors
# and type a few days apart read at most 55 alike).
DATE_CONFLICT_MAX_DAYS = 7
DATE_CONFLICT_MIN_SIM = 60.0
# ... and more alike when they also name two places (where and when an announcement
# was made both differ; a tour of visits reads alike too, but names other states).
DATE_CONFLICT_MIN_SIM_ELSEWHERE = 75.0


def _month_keys(claim: Claim) -> list[str]:
    """Months a claim's date covers (at most two years of them), or ``undated``."""
    if claim.span is None:
        return ["undated"]
    first, last = claim.span
    keys: list[str] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month) and len(keys) < 24:
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return keys


def blocking_keys(claim: Claim) -> set[tuple]:
    """Keys under which a claim meets the claims it may be clustered with."""
    keys: set[tuple] = set()
    if claim.kind == "event":
        for actor in claim.actors:
            keys.add(("event-actor", claim.subtype, actor))
            for month in _month_keys(claim):
                keys.add(("event", claim.subtype, actor, month))
    elif claim.kind == "number":
        keys = _number_keys(claim)
    elif claim.kind == "attribute":
        keys.add(("attribute", claim.subtype, claim.entity))
    elif claim.kind == "quote":
        keys = _quote_keys(claim)
    return keys


def _number_keys(claim: Claim) -> set[tuple]:
    """Unit x actor (x month when dated); unit x two context stems (single stems are
    too common, and a pair without a shared actor needs many shared stems); unit x
    nationality of the people counted.
    """
    keys: set[tuple] = set()
    for unit in _unit_keys(claim):
        for actor in claim.actors:
            keys.add(("number-actor", unit, actor))
            for month in _month_keys(claim):
                keys.add(("number", unit, actor, month))
        for first, second in combinations(sorted(claim.context), 2):
            keys.add(("number-words", unit, first, second))
        figure = _stated_figure(claim)
        if figure is not None and figure >= NUMBER_STORY_FIGURE:
            keys.add(("number-figure", unit, figure))
        # people of one nationality, whoever the sentence names (_same_people_counted)
        for code in claim.extra.get("nationality") or ():
            keys.add(("number-actor", unit, f"nationality:{code}"))
    return keys


def _quote_keys(claim: Claim) -> set[tuple]:
    """Consecutive content words (a quote cut differently keeps most of them), and
    single words while they are rare (``MAX_WORD_BLOCK``).
    """
    words = content_words(claim.value or "")
    keys: set[tuple] = {("quote-word", w) for w in words}
    keys.update(("quote", a, b) for a, b in zip(words, words[1:], strict=False))
    return keys


def _neighbourhood_key(claim: Claim) -> tuple:
    """Order of a large block: by date (undated last), publication, article, place."""
    day = claim.span[0].toordinal() if claim.span is not None else 10**7
    return (day, claim.published or "", claim.article_id, claim.start, claim.anchor)


def candidate_pairs(claims: list[Claim]) -> set[tuple[int, int]]:
    """Index pairs of claims that share a blocking key.

    A block of up to ``BLOCK_ALL_PAIRS`` claims gives all its pairs; a larger one
    (a common type and actor on a large corpus) gives each claim with its
    ``BLOCK_WINDOW`` next ones in date order (sorted neighbourhood), so that the
    pairs grow linearly with the corpus; a key shared by more claims than its limit
    (``BLOCK_LIMITS``, ``MAX_BLOCK``) is no evidence and gives none.
    """
    left, right = candidate_arrays(claims)
    return set(zip(left.tolist(), right.tolist(), strict=True))


def candidate_arrays(claims: list[Claim]) -> tuple[np.ndarray, np.ndarray]:
    """The pairs of :func:`candidate_pairs` as two index arrays, sorted by (i, k).

    Pairs are kept as one 64-bit code each (``i * n + k``, ``i < k``) and each
    block's pairs are made with array operations, so a large corpus costs 8 bytes
    per pair rather than a tuple in a set.
    """
    n = len(claims)
    index: dict[tuple, list[int]] = defaultdict(list)
    for i, claim in enumerate(claims):
        for key in blocking_keys(claim):
            index[key].append(i)
    order: dict[int, tuple] = {}
    parts: list[np.ndarray] = []
    pending: list[np.ndarray] = []
    size = 0
    for key, members in index.items():
        codes = _block_codes(key, members, lambda i: claims[i], order, n)
        if codes is None:
            continue
        pending.append(codes)
        size += len(codes)
        if size > PAIR_CHUNK:  # deduplicate as we go: memory bounded by distinct pairs
            parts.append(np.unique(np.concatenate(pending)))
            pending, size = [], 0
    del index
    if pending:
        parts.append(np.unique(np.concatenate(pending)))
    codes = np.unique(np.concatenate(parts)) if parts else np.empty(0, dtype=np.int64)
    return codes // max(n, 1), codes % max(n, 1)


# Candidate pair codes gathered before they are deduplicated (see candidate_arrays).
PAIR_CHUNK = 2_000_000


def _block_codes(
    key: tuple,
    members: list[int],
    claim_of: Callable[[int], Claim],
    order: dict[int, tuple],
    n: int,
) -> np.ndarray | None:
    """The pairs :func:`block_pairs` gives, as codes ``i * n + k`` (``i < k``), or None."""
    limit = BLOCK_LIMITS.get(key[0], MAX_BLOCK)
    if len(members) < 2 or len(members) > limit:
        return None
    if len(members) <= BLOCK_ALL_PAIRS:
        ids = np.asarray(members, dtype=np.int64)  # increasing
        first, second = np.triu_indices(len(ids), 1)
        return ids[first] * n + ids[second]
    for i in members:
        if i not in order:
            order[i] = _neighbourhood_key(claim_of(i))
    ranked = np.asarray(sorted(members, key=order.__getitem__), dtype=np.int64)
    out = []
    for step in range(1, min(BLOCK_WINDOW, len(ranked) - 1) + 1):
        a, b = ranked[:-step], ranked[step:]
        out.append(np.minimum(a, b) * n + np.maximum(a, b))
    return np.concatenate(out)


def block_pairs(
    key: tuple,
    members: list[int],
    claim_of: Callable[[int], Claim],
    order: dict[int, tuple] | None = None,
) -> Iterable[tuple[int, int]]:
    """The candidate pairs one block gives (see :func:`candidate_pairs`).

    Args:
        key: The blocking key.
        members: Indices of the block's claims, in increasing order.
        claim_of: The claim of an index.
        order: Cache of :func:`_neighbourhood_key` by index (filled).

    """
    limit = BLOCK_LIMITS.get(key[0], MAX_BLOCK)
    if len(members) < 2 or len(members) > limit:
        return
    if len(members) <= BLOCK_ALL_PAIRS:
        yield from combinations(members, 2)
        return
    order = order if order is not None else {}
    for i in members:
        if i not in order:
            order[i] = _neighbourhood_key(claim_of(i))
    ranked = sorted(members, key=order.__getitem__)
    for n, i in enumerate(ranked):
        for k in ranked[n + 1 : n + 1 + BLOCK_WINDOW]:
            yield (i, k) if i < k else (k, i)


@lru_cache(maxsize=200_000)
def _evidence_words(evidence: str) -> str:
    return " ".join(content_words(evidence))


def text_similarity(a: Claim, b: Claim) -> float:
    """Wording similarity of two evidence sentences (content words, 0-100)."""
    return fuzz.token_set_ratio(_evidence_words(a.evidence), _evidence_words(b.evidence))


def _quote_words(claim: Claim) -> tuple[str, ...]:
    return _cached_words(claim.value or "")


@lru_cache(maxsize=200_000)
def _cached_words(text: str) -> tuple[str, ...]:
    return tuple(content_words(text))


@lru_cache(maxsize=200_000)
def _folded(text: str) -> str:
    return fold(text)


def _speaks_for_same_state(a: Claim, b: Claim) -> bool:
    """One speaker is a state ("Paris", "le Kremlin"), the other that state or one of its people."""
    state = a.extra.get("speaker_state")
    return (
        state is not None
        and state == b.extra.get("speaker_state")
        and bool(a.extra.get("speaks_as_state") or b.extra.get("speaks_as_state"))
    )


def _speakers_agree(a: Claim, b: Claim) -> bool:
    """One person (core ``same_person``), or a state and one speaking for it."""
    return names.same_person(a.speaker, b.speaker) or _speaks_for_same_state(a, b)


def _speakers_differ(a: Claim, b: Claim) -> bool:
    """Both quotes name a speaker and they do not agree (:func:`_speakers_agree`)."""
    return bool(
        names.family_name(a.speaker) and names.family_name(b.speaker)
    ) and not _speakers_agree(a, b)


def quotes_match(a: Claim, b: Claim) -> float | None:
    """Score of two quotes being the same words, or None."""
    short, long_ = sorted((a, b), key=lambda c: len(c.value or ""))
    ratio = fuzz.partial_ratio(_folded(short.value or ""), _folded(long_.value or ""))
    words = len(_quote_words(short))
    if ratio < QUOTE_PARTIAL_RATIO:
        # a quote adapted to its sentence ("à notre frontière" / "à la frontière"):
        # its content words are in the other, said by the same person
        kept = set(_quote_words(long_))
        inside = sum(w in kept for w in _quote_words(short))
        if (
            words >= QUOTE_ADAPTED_MIN_WORDS
            and inside / words >= QUOTE_ADAPTED_SHARE
            and _speakers_agree(a, b)
        ):
            return QUOTE_PARTIAL_RATIO - 5.0 + 5.0 * inside / words
        return None
    if words < QUOTE_SHORT_WORDS and not _speakers_agree(a, b):
        return None
    if _speakers_differ(a, b) and words < QUOTE_SPEAKER_CONFLICT_WORDS:
        return None  # a few common words said by two people: not the same quote
    return ratio


def _people_family(claim: Claim) -> bool:
    """A count of people: plain (troops, people) or by what happened to them (arrested)."""
    return claim.kind == "number" and (
        claim.subtype in PEOPLE_UNITS or claim.extra.get("people") is True
    )


def _unit_keys(claim: Claim) -> tuple[str, ...]:
    """Blocking units of a number: its own, and one all counts of people share.

    So that "ses 49 soldats" meets "49 militaires arrêtés".
    """
    return (claim.subtype, "people*") if _people_family(claim) else (claim.subtype,)


def _comparable(a: Claim, b: Claim) -> bool:
    """Same kind and type; or two counts of people of the same distinctive value."""
    if a.kind != b.kind:
        return False
    if a.subtype == b.subtype:
        return True
    return (
        _people_family(a)
        and _people_family(b)
        and not (_actors_from_article(a) or _actors_from_article(b))
        and (a.subtype in PEOPLE_UNITS or b.subtype in PEOPLE_UNITS)
        and _same_precise_value(a, b)
        and (a.low or 0) >= NUMBER_DISTINCTIVE_VALUE
    )


def link_score(a: Claim, b: Claim) -> float | None:
    """How strongly two claims are about the same thing; None when they are not."""
    if not _comparable(a, b):
        return None
    if a.kind == "quote":
        return quotes_match(a, b)
    if a.kind == "attribute":
        return _attribute_score(a, b)
    if a.kind == "number":
        return _number_score(a, b)
    if date_conflict(a, b) and not _agents_differ(a, b):
        return text_similarity(a, b) + 10.0 * len(a.actors & b.actors)
    return _event_score(a, b)


def _attribute_score(a: Claim, b: Claim) -> float | None:
    if a.entity != b.entity:
        return None
    if a.subtype == "first" and not nested(a.span, b.span):
        return None
    return 50.0 + text_similarity(a, b) / 2


PLACE_SPELLING_RATIO = 80.0  # "Chinégodar" and "Chinagodrar" are one place
# Two places given for one event conflict when both dates are this precise (a day, a
# week, a month); dated more vaguely, the cluster may hold several events.
PLACE_CONFLICT_MAX_DAYS = 31


def places_match(a: Claim, b: Claim) -> bool:
    """The two claims name one place, allowing for another spelling of its name."""
    return any(
        x == y or fuzz.ratio(x, y) >= PLACE_SPELLING_RATIO for x in a.places for y in b.places
    )


def _same_story_figure(a: Claim, b: Claim) -> bool:
    """One distinctive figure stated alike ("au moins 38 morts" twice) in two articles
    about the same country, whatever else their sentences name ("la société minière
    canadienne").
    """
    figure = _stated_figure(a)
    country = a.extra.get("article_country")
    return (
        figure is not None
        and figure >= NUMBER_STORY_FIGURE
        and figure == _stated_figure(b)
        and (a.low, a.high) == (b.low, b.high)
        and country is not None
        and country == b.extra.get("article_country")
    )


def _number_score(a: Claim, b: Claim) -> float | None:
    if disjoint(a.span, b.span):
        return None
    shared = a.actors & b.actors
    shared_context = a.context & b.context
    if not shared and not places_match(a, b) and _same_story_figure(a, b):
        return 10.0 * len(shared_context) + 5.0
    if _same_people_counted(a, b):
        return 10.0 * len(shared_context) + 5.0 * len(shared) + 10.0
    if any(":" in actor for actor in shared) or places_match(a, b):  # a place, person, organisation
        need = NUMBER_MIN_SHARED_CONTEXT_NAMED
    elif shared:
        need = NUMBER_MIN_SHARED_CONTEXT
    else:
        need = NUMBER_MIN_SHARED_CONTEXT_NO_ACTOR
    if _same_figure(a, b) and (shared or places_match(a, b)):
        distinctive = (
            a.low is not None
            and a.low >= NUMBER_DISTINCTIVE_VALUE
            # "deux ans" is 730 days but as common as "deux": a duration is
            # distinctive by its head, not by its count of days
            and a.subtype != "duration"
            and not (_actors_from_article(a) or _actors_from_article(b))
        )
        need = min(need, 0 if distinctive else NUMBER_SAME_VALUE_MIN_SHARED_CONTEXT)
    if _same_head(a, b) and (shared or places_match(a, b)) and not _values_disjoint(a, b):
        need = min(need, 1)  # the head itself: "une transition de deux ans" twice
    if len(shared_context) < need:
        return None
    if _values_disjoint(a, b) and (
        (not shared and not places_match(a, b)) or _gap_ratio(a, b) > NUMBER_CONFLICT_MAX_RATIO
    ):
        # two counts of nobody in common, or an order of magnitude apart: two
        # quantities, not one quantity reported in conflict
        return None
    return 10.0 * len(shared_context) + 5.0 * len(shared)


def _same_people_counted(a: Claim, b: Claim) -> bool:
    """One count of people of one nationality, reported alike ("plus de 50 militaires
    français ayant perdu la vie", "la France a perdu 53 soldats", "environ 55
    militaires français ont été tués").

    Same unit, a nationality in common, ranges that overlap and lower bounds at most
    ``SAME_COUNT_MAX_RATIO`` apart (so that "au moins 10" does not take in 42), one of
    them a figure in digits or words of its own (not "des dizaines"), and no two
    different places named.
    """
    left: frozenset[str] = a.extra.get("nationality") or frozenset()
    right: frozenset[str] = b.extra.get("nationality") or frozenset()
    if a.subtype != b.subtype or not (left & right) or _values_disjoint(a, b):
        return False
    if a.places and b.places and not places_match(a, b):
        return False  # two attacks with like tolls, each in its place
    if a.low is None or b.low is None or min(a.low, b.low) < NUMBER_DISTINCTIVE_VALUE:
        return False
    return max(a.low, b.low) / min(a.low, b.low) <= SAME_COUNT_MAX_RATIO and (
        _stated_figure(a) is not None or _stated_figure(b) is not None
    )


# Lower bounds of two reports of one count of people at most this many times apart.
SAME_COUNT_MAX_RATIO = 1.25


def _same_head(a: Claim, b: Claim) -> bool:
    """Two durations of the same thing (the word before them: "transition", "ultimatum")."""
    head = a.extra.get("head")
    return a.subtype == b.subtype == "duration" and head is not None and head == b.extra.get("head")


def _actors_from_article(claim: Claim) -> bool:
    """The claim's sentence names no actor: it has the article's main country."""
    return bool(claim.extra.get("actors_from_article"))


def _gap_ratio(a: Claim, b: Claim) -> float:
    """How many times the higher of two disjoint ranges exceeds the lower one."""
    lower, upper = sorted((a, b), key=lambda c: c.low or 0.0)
    top = lower.high if lower.high is not None else lower.low
    return (upper.low or 0.0) / max(top or 0.0, 1.0)


def _values_disjoint(a: Claim, b: Claim) -> bool:
    """Two number ranges that share no value."""
    if a.low is None or b.low is None:
        return False
    return (a.high is not None and a.high < b.low) or (b.high is not None and b.high < a.low)


def _same_precise_value(a: Claim, b: Claim) -> bool:
    """Both give one exact value, the same ("71 soldats" and "71 morts")."""
    return a.low is not None and a.low == a.high == b.low == b.high


_FIGURE = re.compile(r"\d{1,3}(?:[ .\u202f\u00a0]\d{3})+|\d+")


def _stated_figure(claim: Claim) -> int | None:
    """The figure a number claim states in digits ("environ 5 100" -> 5100), or None."""
    match = _FIGURE.fullmatch(claim.trigger.strip()) if claim.kind == "number" else None
    return int(re.sub(r"\D", "", match.group(0))) if match else None


def _same_figure(a: Claim, b: Claim) -> bool:
    """Both state the same figure in digits and their ranges overlap.

    "environ 5 100 soldats" and "les 5 100 soldats" report one figure, however
    hedged; "plus de 50" and "53" do not (two figures, maybe one quantity).
    """
    if _same_precise_value(a, b):
        return True
    figure = _stated_figure(a)
    return figure is not None and figure == _stated_figure(b) and not _values_disjoint(a, b)


def _core_actors(claim: Claim) -> frozenset[str]:
    """Countries, blocs, organisations and people of a claim (places stand in by their country)."""
    return frozenset(a for a in claim.actors if not a.startswith("place:"))


def actors_agree(a: Claim, b: Claim, min_shared: int = 1) -> bool:
    """The two claims name the same actors: one set holds the other, or most are shared.

    At least ``min_shared`` actors are shared, unless both name the same ones.
    """
    left, right = _core_actors(a), _core_actors(b)
    shared = left & right
    if not shared or (len(shared) < min_shared and left != right):
        return False
    return left <= right or right <= left or len(shared) / len(left | right) >= 0.5


def _inferred(claim: Claim) -> bool:
    """The date was inferred (the lead's week before publication, an antecedent)."""
    return bool(claim.extra.get("anaphoric"))


def dates_agree(a: Interval | None, b: Interval | None, inferred: bool = False) -> bool:
    """Two event dates can both hold.

    One contains the other (a vaguer date holds a precise one), or, when one was
    inferred, they share a day. An undated side agrees.
    """
    if a is None or b is None:
        return True
    if nested(a, b):
        return True
    return inferred and not disjoint(a, b)


def _reported_after(dated: Claim, undated: Claim) -> bool:
    """An undated mention reports an event before or soon after publishing it.

    A mention of an event to come ("pourrait se retirer") may also precede it by up
    to ``PROSPECTIVE_DAYS``.
    """
    published = interval(undated.published)
    if published is None or dated.span is None:
        return True
    gap = (published[1] - dated.span[0]).days
    ahead = PROSPECTIVE_DAYS if undated.extra.get("prospective") else 0
    return -ahead <= gap <= UNDATED_HORIZON_DAYS


def date_conflict(a: Claim, b: Claim) -> bool:
    """Two reports of one event that give it two different days.

    Both are dated to one day by the text itself (not inferred), the days are at
    most ``DATE_CONFLICT_MAX_DAYS`` apart, the two name the same actors (at least
    ``UNDATED_MIN_SHARED_ACTORS``), and the sentences read alike
    (``DATE_CONFLICT_MIN_SIM``, or ``DATE_CONFLICT_MIN_SIM_ELSEWHERE`` when they
    also name two different places): one announcement dated Monday by one
    outlet and Tuesday by another.
    """
    if a.kind != "event" or a.subtype != b.subtype or a.article_id == b.article_id:
        return False
    if a.span is None or b.span is None or _inferred(a) or _inferred(b):
        return False
    if span_days(a.span) != 1 or span_days(b.span) != 1 or not disjoint(a.span, b.span):
        return False
    if abs((a.span[0] - b.span[0]).days) > DATE_CONFLICT_MAX_DAYS:
        return False
    elsewhere = bool(a.places and b.places and not places_match(a, b))
    need = DATE_CONFLICT_MIN_SIM_ELSEWHERE if elsewhere else DATE_CONFLICT_MIN_SIM
    return actors_agree(a, b, UNDATED_MIN_SHARED_ACTORS) and text_similarity(a, b) >= need


def _agents_differ(a: Claim, b: Claim) -> bool:
    """Both events name their doer, and the doers share no actor (two events)."""
    left: frozenset[str] = a.extra.get("agent") or frozenset()
    right: frozenset[str] = b.extra.get("agent") or frozenset()
    return bool(left) and bool(right) and not (left & right)


# A dated report an undated lone-state mention may join names at most this many actors
# (it is about that state, not a list of a bloc's members).
LONE_STATE_MAX_ACTORS = 3
_STATE_CODE = re.compile(r"[A-Z]{3}")


def _lone_state_mention(dated: Claim, undated: Claim) -> bool:
    """An undated mention of a rare event that names one state only ("le putsch au
    Burkina"), a state the dated report of the same type is about.

    Rare types (``rare_events`` in ``claims.yaml``: coups, expulsions...) happen
    seldom enough to one state that the mention is that report's event; when two
    dated reports of other times link alike, :func:`drop_ambiguous_undated` leaves
    the mention out (unambiguous only).
    """
    if undated.subtype not in load_vocab().rare_events:
        return False
    core, other = _core_actors(undated), _core_actors(dated)
    return (
        len(core) == 1
        and _STATE_CODE.fullmatch(next(iter(core))) is not None
        and core <= other
        and len(other) <= LONE_STATE_MAX_ACTORS
    )


def _undated_may_join(dated: Claim, undated: Claim) -> bool:
    """An undated event may join a dated one: reported after it, and actors that tell.

    Two or more actors must agree, or, when the mention names a single state, the
    event must be of a rare type (:func:`_lone_state_mention`): "une attaque au
    Niger" could be any attack in Niger.
    """
    if not _reported_after(dated, undated):
        return False
    if len(_core_actors(undated)) < UNDATED_MIN_SHARED_ACTORS:
        return _lone_state_mention(dated, undated)
    return actors_agree(dated, undated, UNDATED_MIN_SHARED_ACTORS)


def _event_score(a: Claim, b: Claim) -> float | None:
    shared = a.actors & b.actors
    if not shared or _agents_differ(a, b):
        return None
    if a.span is None and b.span is None:
        common = len(a.context & b.context)
        smaller = min(len(a.context), len(b.context)) or 1
        if common < EVENT_UNDATED_MIN_SHARED or common / smaller < EVENT_UNDATED_CONTAINMENT:
            return None
        return 100.0 * common / smaller + 10.0 * len(shared)
    sim = text_similarity(a, b)
    if a.span is None or b.span is None:
        dated, undated = (a, b) if b.span is None else (b, a)
        if not _undated_may_join(dated, undated):
            return None
        same = _core_actors(a) == _core_actors(b)
        if sim < (EVENT_SIM_UNDATED_SAME_ACTORS if same else EVENT_SIM_UNDATED):
            return None
        return sim + 5.0 * len(shared) - 20.0
    if not dates_agree(a.span, b.span, _inferred(a) or _inferred(b)):
        return None
    if max(span_days(a.span), span_days(b.span)) > VAGUE_DATE_DAYS:
        need = EVENT_SIM_VAGUE_DATE
    else:
        need = EVENT_SIM_DATED
    if sim < need:
        return None
    return sim + 10.0 * len(shared)


def _date_key(claim: Claim) -> tuple:
    return (claim.span, _inferred(claim))


def _can_join(claims: list[Claim], left: Iterable[int], right: Iterable[int]) -> bool:
    """Events: every pair across the two clusters must have dates that can both hold."""
    left, right = list(left), list(right)
    if not left or not right or claims[left[0]].kind != "event":
        return True
    return _spans_can_join(
        {_date_key(claims[i]) for i in left}, {_date_key(claims[k]) for k in right}
    )


def _spans_can_join(left: set, right: set) -> bool:
    """Every date of ``left`` agrees with every date of ``right`` (:func:`dates_agree`).

    Dates are (interval or None, inferred) pairs; undated claims agree with any date.
    """
    for a, a_inferred in left:
        for b, b_inferred in right:
            if not dates_agree(a, b, a_inferred or b_inferred):
                return False
    return True


def _canonical(value: Any) -> Any:
    """A JSON-ready form of a claim field that is the same in every run (sets sorted)."""
    if isinstance(value, frozenset | set):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, dict):
        return sorted(([str(k), _canonical(v)] for k, v in value.items()), key=repr)
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def claim_digest(claim: Claim) -> str:
    """A hash of everything a claim says but the article it is in.

    Two claims with the same digest link alike to any third one, so a pair's
    score can be kept under the two digests: in memory (a story printed twice is
    scored once) and in the build cache (a rebuild scores only pairs that touch
    new or changed articles).
    """
    fields = {
        f.name: _canonical(getattr(claim, f.name))
        for f in dataclasses.fields(claim)
        if f.name != "article_id"
    }
    text = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


def _order_key(claim: Claim) -> tuple:
    return (
        claim.article_id,
        claim.start,
        claim.anchor,
        claim.kind,
        claim.subtype,
        claim.value or "",
        claim.date or "",
    )


def pair_scores(
    claims: list[Claim],
    cache_dir: Path | None = None,
    stats: dict[str, int] | None = None,
) -> list[tuple[float, int, int]]:
    """Link scores of the candidate pairs that link, as ``(score, i, k)``.

    Each pair of distinct claim contents (:func:`claim_digest`) is scored once;
    with a ``cache_dir``, scores are kept in the build cache under the two
    digests and the version of this stage, so that a rebuild scores only the
    pairs that touch new or changed articles, with the same result as a cold run.

    Args:
        claims: Claims of all articles.
        cache_dir: Build cache folder (None: no cache).
        stats: Filled with ``pairs`` (candidate pairs) and ``pairs_scored``
            (pairs of contents scored in this run).

    """
    digests = [claim_digest(c) for c in claims]
    # a distinct content is a small number: a pair of contents (and whether the two
    # claims are in one article: link_score asks, see date_conflict) is one int
    number: dict[str, int] = {}
    content = [number.setdefault(d, len(number)) for d in digests]
    contents = max(len(number), 1)
    seen = Counter(content)
    repeated = [seen[c] > 1 for c in range(len(number))]
    left, right = candidate_arrays(claims)

    def pair_key(i: int, k: int) -> str:
        same = ":same" if claims[i].article_id == claims[k].article_id else ""
        return f"{digests[i]}:{digests[k]}{same}"

    cache = StageCache(cache_dir, "claims-pairs", claims_version())
    scores: dict[int, float | None] = {}
    scored_now = 0
    out = []
    try:
        for lo in range(0, len(left), SCORE_CHUNK):  # pairs in chunks: keys never all at once
            chunk = list(
                zip(
                    left[lo : lo + SCORE_CHUNK].tolist(),
                    right[lo : lo + SCORE_CHUNK].tolist(),
                    strict=True,
                )
            )
            codes = [
                (content[i] * contents + content[k]) * 2
                + (claims[i].article_id == claims[k].article_id)
                for i, k in chunk
            ]
            known: dict[int, float | None] = {}
            if cache.enabled:
                wanted = {
                    pair_key(i, k): code
                    for (i, k), code in zip(chunk, codes, strict=True)
                    if code not in scores
                }
                known = {wanted[key]: value for key, value in cache.get_many(wanted).items()}
            for (i, k), code in zip(chunk, codes, strict=True):
                if code in scores:
                    score = scores[code]
                elif code in known:
                    score = known[code]
                else:
                    score = link_score(claims[i], claims[k])
                    cache.put(pair_key(i, k), score)
                    scored_now += 1
                if repeated[content[i]] or repeated[content[k]]:
                    scores[code] = score  # only a content met twice can make the pair again
                if score is not None:
                    out.append((score, i, k))
    finally:
        cache.flush()
    if stats is not None:
        stats["pairs"] = len(left)
        stats["pairs_scored"] = scored_now
    return out


# Candidate pairs looked up in the cache and scored at a time (see pair_scores).
SCORE_CHUNK = 200_000


def _joins_in_conflict(
    claims: list[Claim], left: list[int], right: list[int], i: int, k: int
) -> bool:
    """Two event clusters whose dates disagree join when the link is a date conflict.

    The linking pair must be a :func:`date_conflict`, and every other pair of
    dates across the two clusters must either agree or be such a conflict too.
    """
    if not date_conflict(claims[i], claims[k]):
        return False
    for x in left:
        for y in right:
            a, b = claims[x], claims[y]
            if not dates_agree(a.span, b.span, _inferred(a) or _inferred(b)) and not (
                date_conflict(a, b)
            ):
                return False
    return True


def cluster_claims(
    claims: list[Claim],
    cache_dir: Path | None = None,
    stats: dict[str, int] | None = None,
) -> list[list[int]]:
    """Group claims about the same thing.

    Args:
        claims: Claims of all articles.
        cache_dir: Build cache folder for pair scores (see :func:`pair_scores`).
        stats: Filled with counts of pairs (see :func:`pair_scores`).

    Returns:
        Clusters as lists of claim indices (every claim in exactly one cluster).

    """
    scored = drop_ambiguous_undated(claims, list(pair_scores(claims, cache_dir, stats)))
    arrays = _scored_arrays(scored)
    del scored  # 24 bytes a pair from here on, not a tuple and its float
    return _merge_arrays(claims, *arrays)


def _scored_arrays(
    scored: Iterable[tuple[float, int, int]],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores and the two claim indices of the scored pairs, as three arrays."""
    rows = scored if isinstance(scored, list) else list(scored)
    score = np.fromiter((t[0] for t in rows), dtype=np.float64, count=len(rows))
    left = np.fromiter((t[1] for t in rows), dtype=np.int64, count=len(rows))
    right = np.fromiter((t[2] for t in rows), dtype=np.int64, count=len(rows))
    return score, left, right


def merge_scored(claims: list[Claim], scored: list[tuple[float, int, int]]) -> list[list[int]]:
    """Clusters from the scored candidate pairs ``(score, i, k)``, best links first.

    The greedy merge of :func:`cluster_claims`, apart so that an engine which scores
    the pairs elsewhere (the Dask engine, by blocking key) merges the same way.

    Args:
        claims: Claims of all articles.
        scored: Linked pairs of claim indices with their score (any order).

    Returns:
        Clusters as lists of claim indices (every claim in exactly one cluster).

    """
    return _merge_arrays(claims, *_scored_arrays(drop_ambiguous_undated(claims, list(scored))))


def _pairs_in_order(
    order: np.ndarray, left: np.ndarray, right: np.ndarray, chunk: int = 65_536
) -> Iterator[tuple[int, int]]:
    """The pairs ``(left, right)`` in ``order``, as Python ints, a chunk at a time."""
    for lo in range(0, len(order), chunk):
        taken = order[lo : lo + chunk]
        yield from zip(left[taken].tolist(), right[taken].tolist(), strict=True)


def _merge_arrays(
    claims: list[Claim], score: np.ndarray, left: np.ndarray, right: np.ndarray
) -> list[list[int]]:
    """:func:`merge_scored` on the pairs as arrays (no sort key made per pair)."""
    # ties broken by what the claims are, not by their place in the input, so that
    # clusters (and their content-derived ids) do not depend on input order
    order = sorted(range(len(claims)), key=lambda i: _order_key(claims[i]))
    rank = np.empty(len(claims), dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(len(claims), dtype=np.int64)
    del order
    low = np.minimum(rank[left], rank[right])
    high = np.maximum(rank[left], rank[right])
    best_first = np.lexsort((high, low, -score))  # by -score, then low, then high rank
    del low, high, rank
    scored = _pairs_in_order(best_first, left, right)
    members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}
    # Distinct dates of each event cluster: joining two clusters only needs these.
    spans: dict[int, set] = {i: {_date_key(c)} for i, c in enumerate(claims) if c.kind == "event"}
    owner = list(range(len(claims)))
    for i, k in scored:
        ri, rk = owner[i], owner[k]
        if ri == rk:
            continue
        if (
            claims[i].kind == "event"
            and not _spans_can_join(spans[ri], spans[rk])
            and not _joins_in_conflict(claims, members[ri], members[rk], i, k)
        ):
            continue
        keep, drop = min(ri, rk), max(ri, rk)
        for x in members[drop]:
            owner[x] = keep
        members[keep].extend(members.pop(drop))
        if keep in spans:
            spans[keep] |= spans.pop(drop)
    return [sorted(m) for _, m in sorted(members.items())]


def drop_ambiguous_undated(
    claims: list[Claim], scored: list[tuple[float, int, int]]
) -> list[tuple[float, int, int]]:
    """Links of an undated event to dated ones, left out when it fits two times alike.

    An undated mention ("le départ de la force Barkhane", "son deuxième coup d'État")
    joins a dated cluster when its type and actors agree: the best-linked dated report
    says which event it is, and links to reports dated to a time that cannot hold with
    that one are dropped. When a report of such another time links nearly as well
    (within ``AMBIGUOUS_UNDATED_MARGIN``: the announcement in February and the last
    soldiers leaving in August), the mention could be either event, and is linked to no
    dated report (its links to other undated mentions stay).

    Args:
        claims: Claims of all articles.
        scored: Linked pairs ``(score, i, k)``.

    Returns:
        The links kept, in the same order.

    """
    partners: dict[int, list[tuple[float, tuple]]] = defaultdict(list)
    for score, i, k in scored:
        a, b = claims[i], claims[k]
        if a.kind != "event" or (a.span is None) == (b.span is None):
            continue
        undated, dated = (i, b) if a.span is None else (k, a)
        partners[undated].append((score, _date_key(dated)))
    # per undated claim: the dates it may join (None: none at all)
    allowed: dict[int, set | None] = {}
    for undated, links in partners.items():
        dates = {key for _, key in links}
        if len(dates) >= 2:
            allowed_dates = _dates_to_join(links, dates)
            if allowed_dates != dates:
                allowed[undated] = allowed_dates
    if not allowed:
        return scored
    return [
        (score, i, k)
        for score, i, k in scored
        if _may_join(claims, allowed, i, k) and _may_join(claims, allowed, k, i)
    ]


def _may_join(
    claims: list[Claim], allowed: dict[int, set | None], undated: int, other: int
) -> bool:
    """Whether the link of ``undated`` to ``other`` is kept (see drop_ambiguous_undated)."""
    if undated not in allowed or claims[other].span is None:
        return True
    fits = allowed[undated]
    return fits is not None and _date_key(claims[other]) in fits


# An undated event linked to reports of two times that cannot both hold, with scores
# this close, could be either event (see drop_ambiguous_undated).
AMBIGUOUS_UNDATED_MARGIN = 5.0


def _dates_to_join(links: list[tuple[float, tuple]], dates: set) -> set | None:
    """Dates an undated mention may join: those holding with its best link's date, or
    None when a link to another time scores nearly as well (see drop_ambiguous_undated).

    Linear in the links: each date is tested against the best one's only.
    """
    best_score, best = max(links, key=lambda link: (link[0], repr(link[1])))
    fits = {key for key in dates if _dates_hold_together({key, best})}
    if len(fits) == len(dates):
        return fits
    rival = max(score for score, key in links if key not in fits)
    return None if rival >= best_score - AMBIGUOUS_UNDATED_MARGIN else fits


def _dates_hold_together(dates: set) -> bool:
    """Every two of these (interval, inferred) dates agree (:func:`dates_agree`)."""
    ordered = sorted(dates, key=repr)
    return all(
        dates_agree(a, b, a_inferred or b_inferred)
        for n, (a, a_inferred) in enumerate(ordered)
        for b, b_inferred in ordered[n + 1 :]
    )


def conflict_field(claims: list[Claim]) -> str | None:
    """The field two articles of a cluster disagree on, or None.

    Numbers conflict on ``value`` when their ranges are disjoint; counts of people
    and arrests on ``nationality`` when they give the people different nationalities
    ("soldats ivoiriens" / "soldats togolais"); attributes on
    ``date`` when their dates are disjoint (a vaguer date containing a precise
    one agrees); quotes on ``speaker`` when the same words are given to two
    different people; events on ``place`` when one event, dated to a day, a
    week or a month, is placed in two different places, and on ``date`` when it
    is dated to two different days (:func:`date_conflict`).

    Both sides must clearly speak of the same thing: a value, nationality or place
    conflict is only read between two claims that are linked themselves
    (:func:`link_score`), not between two claims a cluster holds through others
    (two tolls of two attacks joined by a third report are not in conflict).
    """
    for a, b in combinations(_may_conflict(claims), 2):
        if a.article_id == b.article_id:
            continue
        value = a.kind == "number" and a.subtype == b.subtype and _values_disjoint(a, b)
        if value or _nationalities_differ(a, b):
            if link_score(a, b) is not None:  # both clearly of one quantity
                return "value" if value else "nationality"
            continue
        if a.kind == "attribute" and a.subtype != "first" and disjoint(a.span, b.span):
            return "date"
        elif a.kind == "quote":
            words = min(len(_quote_words(a)), len(_quote_words(b)))
            if _speakers_differ(a, b) and words >= QUOTE_SPEAKER_CONFLICT_WORDS:
                return "speaker"
        elif a.kind == "event" and _places_conflict(a, b) and link_score(a, b) is not None:
            return "place"
        elif a.kind == "event" and date_conflict(a, b):
            return "date"
    return None


def _may_conflict(claims: list[Claim]) -> list[Claim]:
    """The claims of a cluster that can be in a conflicting pair, in order.

    Every test of :func:`conflict_field` on events and quotes needs something of
    both claims (a nationality, one place and a date of a month at most, a day read
    in the text; a named speaker of a long enough quote): the others are left out,
    which leaves the first conflicting pair, and so the answer, as it was.
    """
    kinds = {c.kind for c in claims}
    if kinds == {"event"}:
        return [
            c
            for c in claims
            if c.extra.get("nationality")
            or (
                len(c.places) == 1
                and c.span is not None
                and span_days(c.span) <= PLACE_CONFLICT_MAX_DAYS
            )
            or (c.span is not None and span_days(c.span) == 1 and not _inferred(c))
        ]
    if kinds == {"quote"}:
        return [
            c
            for c in claims
            if c.extra.get("nationality")
            or (
                names.family_name(c.speaker)
                and len(_quote_words(c)) >= QUOTE_SPEAKER_CONFLICT_WORDS
            )
        ]
    return claims


def _places_conflict(a: Claim, b: Claim) -> bool:
    """One dated event placed in two places.

    Each names one place, the two are not one name spelt two ways nor two seats of
    one state ("Moscou", "le Kremlin"), and both are
    dated to at most ``PLACE_CONFLICT_MAX_DAYS`` with dates that can both hold
    (undated or vaguely dated events of a cluster may be several events).
    """
    return (
        len(a.places) == 1
        and len(b.places) == 1
        and not places_match(a, b)
        and not _one_state_seat(next(iter(a.places)), next(iter(b.places)))
        and a.span is not None
        and b.span is not None
        and max(span_days(a.span), span_days(b.span)) <= PLACE_CONFLICT_MAX_DAYS
        and dates_agree(a.span, b.span)
    )


@lru_cache(maxsize=10_000)
def _state_of_place(place: str) -> str | None:
    """The state a place stands for in the vocabulary (``actor_aliases``: "le Kremlin")."""
    for pattern, code in load_vocab().actor_aliases:
        if pattern.search(place):
            return code
    return None


def _one_state_seat(a: str, b: str) -> bool:
    """Two places that stand for one state ("Moscou", "le Kremlin"): not a conflict."""
    state = _state_of_place(a)
    return state is not None and state == _state_of_place(b)


def _nationalities_differ(a: Claim, b: Claim) -> bool:
    """Both name the nationality of the people counted or arrested, and no country is shared."""
    left: frozenset[str] = a.extra.get("nationality") or frozenset()
    right: frozenset[str] = b.extra.get("nationality") or frozenset()
    return bool(left) and bool(right) and not (left & right)


def verdict(claims: list[Claim], source_of: dict[str, str]) -> tuple[str, str | None]:
    """Verdict of one cluster: (verdict, conflicting field or None).

    Args:
        claims: The claims of the cluster.
        source_of: Article id to its source group (articles that rewrite one
            another share a group).

    """
    field = conflict_field(claims)
    if field is not None:
        return "conflicting", field
    sources = {source_of.get(c.article_id, c.article_id) for c in claims}
    return ("corroborated" if len(sources) >= 2 else "single_source"), None
