"""Who is a party: actors of a sentence, sources, settings, adversaries, historical states."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pandas as pd

from sahel_utils.core.normalize import fold
from sahel_utils.relations.dyads.cues import DyadCues, load_dyad_cues
from sahel_utils.relations.dyads.model import (
    _ACTOR_TYPES,
    _BETWEEN,
    _BETWEEN_AND,
    _CLAUSE_BREAK,
    _INVERSION,
    _LIST_GAP,
    _QUOTE_OPENING,
    Actor,
    _Locator,
    _Sentence,
    _Span,
    fold_same_length,
)


def actor_of_mention(
    entity_type: str, entity_id: Any, country: Any, cues: DyadCues | None = None
) -> str | None:
    """The state (ISO3) or bloc a mention stands for, or None.

    Countries give their id; blocs their id when they are a dyad side (the ``blocs`` of
    ``dyad_cues.yaml``, e.g. AES; not CEDEAO or the UN); people, organisations and places
    their affiliation. Historical states are mapped to their successor.
    """
    cues = cues or load_dyad_cues()
    if entity_type == "bloc":
        return entity_id if entity_id in cues.blocs else None
    if entity_type == "country":
        value = entity_id if isinstance(entity_id, str) and entity_id else country
    elif entity_type in ("person", "organization", "place"):
        value = country
    else:
        value = None
    if not isinstance(value, str) or not value:
        return None
    return cues.successors.get(value, value)


def is_contrasted(
    sentence_text: str, start: int, end: int, other_spans: list[tuple[int, int]], cues: DyadCues
) -> bool:
    """Whether the mention at ``[start, end)`` of a sentence stands in a contrast clause.

    Args:
        sentence_text: The sentence.
        start: Mention start, relative to the sentence.
        end: Mention end, relative to the sentence.
        other_spans: The other actor mentions of the sentence (relative offsets): a cue
            applies only to the first actor after it.
        cues: The cue vocabulary.

    """
    folded = fold_same_length(sentence_text)
    after = folded[end : end + 40]
    if cues.contrast_after.search(after):
        return True
    window_start = max(0, start - cues.contrast_window)
    before = folded[window_start:start]
    previous_actor_end = max((e for s, e in other_spans if e <= start), default=-1)
    for pattern, tight in ((cues.contrast_before, True), (cues.contrast_in_clause, False)):
        for match in pattern.finditer(before):
            cue_end = window_start + match.end()
            if previous_actor_end > cue_end:
                continue
            gap = folded[cue_end:start]
            if _CLAUSE_BREAK.search(gap):
                continue
            if not tight:
                return True
            words = [w for w in re.split(r"[\s]+|(?<=')", gap) if w]
            if all(w in cues.gap_words or w.endswith("'") for w in words):
                return True
    return False


_SOURCE_WINDOW = 70

_SETTING_WINDOW = 45


def mention_roles(
    text: str, spans: list[tuple[int, int]], cues: DyadCues | None = None
) -> list[str | None]:
    """The role of each actor mention of a sentence that is not a party.

    ``"source"``: it attributes the sentence ("selon Washington", "d'après Paris",
    "plusieurs pays, dont l'Allemagne, affirment que …", "…, affirme Accra");
    ``"setting"``: a venue, residence, origin, victim, historical comparison or a
    member of a listed membership ("comme jadis en Angola", "des pourparlers en
    Turquie", "qui vit au Burkina Faso", "le G5 Sahel regroupe le Mali, le Niger …");
    ``None``: a possible party.

    Args:
        text: The sentence.
        spans: The actor mentions, relative to the sentence, in text order.
        cues: The cue vocabulary.

    """
    cues = cues or load_dyad_cues()
    folded = fold_same_length(text)
    roles: list[str | None] = [None] * len(spans)
    for index in _first_after(folded, cues.attribution_before, spans, _SOURCE_WINDOW):
        roles[index] = "source"
    for index in _first_after(folded, cues.setting_before, spans, _SETTING_WINDOW):
        roles[index] = roles[index] or "setting"
    flags = [role == "source" for role in roles]
    _spread_along_lists(text, spans, flags)
    for index, flag in enumerate(flags):
        if flag:
            roles[index] = "source"
    for verb in cues.speech_verbs.finditer(folded):
        for index in _speakers(folded, verb, spans, cues):
            roles[index] = "source"
    for index in _members(folded, spans, cues):
        roles[index] = roles[index] or "setting"
    return roles


def _members(folded: str, spans: list[tuple[int, int]], cues: DyadCues) -> set[int]:
    """Indices of the actors listed as an organisation's members ("le G5 regroupe X, Y …").

    A membership list is an enumeration, not the parties of a cooperation.
    """
    out: set[int] = set()
    for first in _first_after(folded, cues.membership, spans, _SETTING_WINDOW):
        out.add(first)
        for index in range(first + 1, len(spans)):
            if not _LIST_GAP.fullmatch(folded[spans[index - 1][1] : spans[index][0]]):
                break
            out.add(index)
    return out


#: A short quoted noun phrase followed by its complement ("« les manipulations » de").
_QUOTED_OBJECT = re.compile(
    r"\s*[«\"“]\s*[^»\"”.!?]{1,40}?\s*[»\"”]\s*(?:de|du|des|d'|a|au|aux|contre)\b"
)


def _speakers(
    folded: str, verb: re.Match[str], spans: list[tuple[int, int]], cues: DyadCues
) -> list[int]:
    """Indices of the actors a speech verb makes the source of what it reports."""
    before = folded[: verb.start()]
    if _QUOTED_OBJECT.match(folded, verb.end()):
        # "X a dénoncé « les manipulations » de Moscou": a quoted noun phrase with its
        # complement is the verb's object, not a quotation the verb reports
        return []
    if _QUOTE_OPENING.match(folded[verb.end() :]):
        # "X (…) affirme que …": the actors before the verb attribute what follows,
        # unless a cooperation or tension cue before the verb makes them parties.
        clause_start = max(before.rfind(";"), before.rfind(". "), -1) + 1
        if cues.cooperation.search(folded, clause_start, verb.start()) or cues.tension.search(
            folded, clause_start, verb.start()
        ):
            return []
        return [i for i, (start, _end) in enumerate(spans) if clause_start <= start < verb.start()]
    if _INVERSION.search(before[-12:]) and verb.start() > 0:
        # "…, affirme le président ghanéen": the first actor after the verb.
        for index, (start, _end) in enumerate(spans):
            if start >= verb.end():
                gap = folded[verb.end() : start]
                close = len(gap) <= _SOURCE_WINDOW and not _CLAUSE_BREAK.search(gap)
                return [index] if close else []
    return []


def _first_after(
    folded: str, pattern: re.Pattern[str], spans: list[tuple[int, int]], window: int
) -> set[int]:
    """Indices of the first actor after each match of ``pattern`` (same clause, in reach)."""
    out: set[int] = set()
    for match in pattern.finditer(folded):
        for index, (start, _end) in enumerate(spans):
            if start < match.end():
                continue
            gap = folded[match.end() : start]
            if len(gap) <= window and not _CLAUSE_BREAK.search(gap):
                out.add(index)
            break
    return out


def _add_actors(
    prepared: list[_Sentence], mentions: pd.DataFrame, locate: _Locator, cues: DyadCues
) -> None:
    """Give each sentence its actors, adversaries and sources, and its relation flags."""
    raw_mentions: dict[int, list[_Span]] = {}
    non_state: dict[int, list[tuple[int, int, str | None]]] = {}
    until: dict[tuple[int, int], int] = {}
    m: Any
    for m in mentions.itertuples(index=False):
        if m.entity_type not in _ACTOR_TYPES or _is_media_organization(m, cues):
            continue
        start, end = int(m.start), int(m.end)
        sentence = locate(start)
        if sentence is None or _names_a_medium(sentence, start, cues):
            continue
        if m.entity_type != "organization" and _names_a_non_state_body(sentence, start, cues):
            continue  # (an organisation after "le groupe" is that group: "le groupe Wagner")
        raw = m.entity_id if m.entity_type == "country" else m.country
        if isinstance(raw, str) and raw in cues.historical_states:
            until[(start, end)] = cues.historical_states[raw]
        actor = actor_of_mention(str(m.entity_type), m.entity_id, m.country, cues)
        if actor:
            raw_mentions.setdefault(sentence.index, []).append((start, end, actor))
            sentence.organizations |= {(start, end)} if m.entity_type == "organization" else set()
        elif m.entity_type in ("bloc", "organization"):
            non_state.setdefault(sentence.index, []).append((start, end, None))
    for sentence in prepared:
        found = sorted(set(raw_mentions.get(sentence.index, [])))
        if cues.sport.search(fold_same_length(sentence.text)):
            found = []  # teams, not states ("s'est imposé à domicile")
        bodies = [(s, e) for s, e, _ in non_state.get(sentence.index, [])]
        _assign_roles(sentence, found, until, cues, bodies)
        sentence.paired_with_non_state = _joined_with_non_state(
            sentence, found, non_state.get(sentence.index, [])
        )
        sentence.hostile = _is_hostile_relation(sentence, {a for _, _, a in found}, cues)


def _assign_roles(
    sentence: _Sentence,
    found: list[_Span],
    until: dict[tuple[int, int], int],
    cues: DyadCues,
    bodies: list[tuple[int, int]] | None = None,
) -> None:
    """Sort a sentence's actor mentions into sources, settings, adversaries and actors.

    ``bodies`` are the sentence's non-state blocs and organisations (article offsets): a
    contrast that reaches one of them goes on along its list ("face à l'Union européenne
    et au Soudan": Sudan is an adversary too).
    """
    relative = [(s - sentence.start, e - sentence.start) for s, e, _ in found]
    spans = sorted(
        set(relative) | {(s - sentence.start, e - sentence.start) for s, e in bodies or []}
    )
    flags = [
        is_contrasted(sentence.text, rs, re_, [span for span in spans if span != (rs, re_)], cues)
        for rs, re_ in spans
    ]
    _spread_along_lists(sentence.text, spans, flags)
    by_span = dict(zip(spans, flags, strict=True))
    contrasted = [by_span[span] for span in relative]
    roles = mention_roles(sentence.text, relative, cues)
    for (s, e, actor), is_adversary, role in zip(found, contrasted, roles, strict=True):
        if role == "source":
            if actor not in sentence.sources:
                sentence.sources.append(actor)
        elif role == "setting" or _former_office(sentence, s, cues):
            continue
        elif is_adversary:
            sentence.has_adversary = True
            sentence.adversaries.append(Actor(actor, s, e, until.get((s, e))))
        else:
            sentence.actors.append(Actor(actor, s, e, until.get((s, e))))


def _former_office(sentence: _Sentence, start: int, cues: DyadCues) -> bool:
    """Whether a mention names a former office holder ("l'ancien président nigérian")."""
    relative = start - sentence.start
    before = fold_same_length(sentence.text[max(0, relative - 60) : relative])
    return bool(cues.former_office.search(before))


def _is_media_organization(mention: Any, cues: DyadCues) -> bool:
    """Whether a mention names a news organisation ("la BBC", "l'AFP"): never an actor."""
    if mention.entity_type != "organization" or not cues.media_organizations:
        return False
    names = {fold(str(getattr(mention, "entity_id", "") or "")), fold(str(mention.text or ""))}
    return bool(names & cues.media_organizations)


def _names_a_medium(sentence: _Sentence, start: int, cues: DyadCues) -> bool:
    """Whether a mention qualifies a news medium ("la presse américaine"): not an actor."""
    relative = start - sentence.start
    before = fold_same_length(sentence.text[max(0, relative - 30) : relative])
    return bool(cues.media_nouns.search(before))


def _names_a_non_state_body(sentence: _Sentence, start: int, cues: DyadCues) -> bool:
    """Whether a mention qualifies a company, team or NGO ("le groupe français"): no actor."""
    relative = start - sentence.start
    before = fold_same_length(sentence.text[max(0, relative - 40) : relative])
    return bool(cues.non_state_nouns.search(before))


def _is_hostile_relation(sentence: _Sentence, actor_ids: set[str], cues: DyadCues) -> bool:
    """Whether the sentence describes a strained relation between its (at most two) sides.

    "La crise diplomatique entre l'Algérie et le Mali", "Le Sénégal a convoqué
    l'ambassadeur d'Ukraine": the states named are at odds, not cooperating. With three
    sides or more the per-mention contrast cues decide who is the adversary.
    """
    if not actor_ids or not cues.hostile_relation.search(fold(sentence.text)):
        return False
    sides = set(actor_ids)
    for bloc, members in cues.blocs.items():
        if bloc in sides or members <= sides:
            sides = (sides - members) | {bloc}
    return len(sides) <= 2


def _spread_along_lists(text: str, spans: list[tuple[int, int]], flags: list[bool]) -> None:
    """Extend a contrast to the actors listed right after it ("avec la France et le Tchad")."""
    folded = fold_same_length(text)
    for i in range(1, len(spans)):
        if flags[i - 1] and not flags[i]:
            gap = folded[spans[i - 1][1] : spans[i][0]]
            # "et"/"ou" joins a list; a comma alone may end a fronted phrase
            # ("Contrairement au Sénégal, le Mali …").
            if _LIST_GAP.fullmatch(gap) and re.search(r"\b(?:et|ou|ainsi que)\b", gap):
                flags[i] = True


def _joined_with_non_state(
    sentence: _Sentence,
    actors: list[tuple[int, int, str]],
    non_state: list[tuple[int, int, str | None]],
) -> bool:
    """Whether the sentence joins an actor with a non-state body ("entre la Cedeao et l'AES").

    The sentence's cooperation is then between that actor and the body, not between the
    actor and the other states it names.
    """
    if not non_state or not actors:
        return False
    folded = fold_same_length(sentence.text)
    spans = sorted([(s, e, True) for s, e, _ in actors] + [(s, e, False) for s, e, _ in non_state])
    for (ls, le, left_actor), (rs, _re, right_actor) in itertools.pairwise(spans):
        if left_actor == right_actor:
            continue
        left, right = ls - sentence.start, rs - sentence.start
        before = folded[max(0, left - 20) : left]
        gap = folded[le - sentence.start : right]
        if _BETWEEN.search(before) and _BETWEEN_AND.fullmatch(gap):
            return True
    return False
