"""A predicate's dependency parse (``predicates`` rows): subjects, objects, tense, mood."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from sahel_utils.relations.dyads import options
from sahel_utils.relations.dyads.cues import DyadCues
from sahel_utils.relations.dyads.model import Actor, _Cue, _Sentence, fold_same_length

#: Roles (``predicates.role``) that make a mention the predicate's subject or its object.
_SUBJECT_ROLES = {"nsubj", "agent"}

_OBJECT_ROLES = {"obj", "iobj", "obl", "nmod", "nsubj_pass"}

_GENITIVE_CASES = {"de", "du", "des", "d'", "d’"}

#: Prepositions whose complement joins its members as partners ("entre X et Y").
_JOINING_CASES = {"entre"}


@dataclass(frozen=True)
class _Parsed:
    """One row of the ``predicates`` table, offsets relative to the sentence."""

    mention: tuple[int, int]
    role: str
    via: str
    case: str
    pos: str
    tense: str | None
    mood: str | None


def _attach_parse(sentences: list[_Sentence], parsed: pd.DataFrame | None, published: Any) -> None:
    """Give each sentence its parse rows and the article's publication date."""
    day = str(published)[:10] if isinstance(published, str) and published[:4].isdigit() else None
    for sentence in sentences:
        sentence.published = day
    if parsed is None:
        return
    by_index = {s.index: s for s in sentences}
    row: Any
    for row in parsed.itertuples(index=False):
        found = by_index.get(int(row.sent_index))
        if found is None:
            continue
        offset = found.start
        found.parse.setdefault(int(row.start) - offset, []).append(
            _Parsed(
                (int(row.mention_start), int(row.mention_end)),
                str(row.role),
                str(row.via or ""),
                str(row.case or ""),
                str(row.pos or ""),
                row.tense if isinstance(row.tense, str) else None,
                row.mood if isinstance(row.mood, str) else None,
            )
        )


def _parse_of(sentence: _Sentence, cue: _Cue) -> list[_Parsed] | None:
    """The parse rows of the predicate a cue starts at (None: not parsed)."""
    if not sentence.parse:
        return None
    for start in range(cue.start, cue.end):
        if start in sentence.parse:
            return sentence.parse[start]
    return None


def _possessed(sentence: _Sentence, cue: _Cue, cues: DyadCues) -> bool:
    """Whether a predicate noun has a possessive determiner ("sa coopération avec X")."""
    before = fold_same_length(sentence.text[max(0, cue.start - 30) : cue.start])
    return bool(cues.possessive.search(before))


def _parsed_arguments(
    sentence: _Sentence, rows: list[_Parsed], possessed: bool = False, origin: bool = False
) -> tuple[list[Actor], list[Actor]]:
    """The predicate's subjects and objects (actors) read from its parse rows.

    A noun predicate's genitive ("le soutien de la Russie au Mali") is its subject,
    unless the noun has a possessive determiner (its possessor is the subject: "son
    alliance de la France vers la Russie"); its other complements ("au Mali", "avec le
    Niger", "entre X et Y") are objects.
    """
    by_span = {(a.start, a.end): a for a in sentence.actors + sentence.adversaries}
    subjects: list[Actor] = []
    genitives: list[Actor] = []
    objects: list[tuple[str, Actor]] = []
    origin = origin and not any(row.role == "agent" and row.mention in by_span for row in rows)
    for row in rows:
        actor = by_span.get(row.mention)
        if actor is None or row.role in ("none", "source"):
            continue
        if (
            row.via == "nested"
            and row.role in _SUBJECT_ROLES
            and _in_predicate(sentence, rows, row)
        ):
            continue  # "le soutien de X à Y s'est renforcé": X, Y are soutien's arguments
        if (
            options.PASSIVE_ORIGIN
            and origin
            and row.role == "nsubj_pass"
            and _qualifies(sentence, row)
        ):
            # "400 soldats britanniques sont déployés au Mali", "des drones turcs ont été
            # livrés au Niger": the nationality of what is sent is its sender
            subjects.append(actor)
        elif row.role in _SUBJECT_ROLES:
            subjects.append(actor)
        elif (
            row.pos == "NOUN"
            and row.role == "nmod"
            and row.case in _GENITIVE_CASES
            and not possessed
            and (row.via != "nested" or not options.NESTED_CASE_OF_TOP)
        ):
            genitives.append(actor)
        elif row.role in _OBJECT_ROLES:
            objects.append((row.case, actor))
    if options.GENITIVE_AS_OBJECT and subjects and genitives and not objects:
        # the noun has a subject of its own and no other complement: its genitive is what
        # it is done to or for ("X participe à la formation des soldats de Y", "X a
        # accepté l'aide de Y")
        objects = [("de", actor) for actor in genitives if actor not in subjects]
    else:
        subjects.extend(genitives)
    if not subjects and objects:
        # no subject: the pair lies in one complement ("entre X et Y", "avec X et Y"),
        # not across two ("les relations entre X et Y … à la suite de … Z")
        first = min(objects, key=lambda item: item[1].start)[0]
        return subjects, [actor for case, actor in objects if case == first]
    return subjects, [actor for _case, actor in objects]


def _in_predicate(sentence: _Sentence, rows: list[_Parsed], row: _Parsed) -> bool:
    """Whether a nested subject mention sits in another predicate's phrase.

    "Le soutien de la Russie au Mali s'est renforcé": Russia is an argument of
    "soutien", not the subject of "renforcer". "La cheffe de la diplomatie française a
    dénoncé …": no predicate stands before "française", France is the subject's state.
    """
    if not options.NESTED_SUBJECT_NEEDS_PREDICATE:
        return True
    at = row.mention[0] - sentence.start
    return any(start < at and parsed is not rows for start, parsed in sentence.parse.items())


def _qualifies(sentence: _Sentence, row: _Parsed) -> bool:
    """Whether a mention qualifies its phrase's noun ("soldats *britanniques*", "du Mali").

    A nested argument, or a lower-case adjective (a demonym) rather than a state's name.
    """
    if row.via == "nested":
        return True
    text = sentence.text[row.mention[0] - sentence.start : row.mention[1] - sentence.start]
    return row.via == "" and text[:1].islower()


def _parsed_joint(rows: list[_Parsed], objects: list[Actor]) -> bool:
    """Whether the parsed objects form one joining complement ("entre X et Y")."""
    spans = {(a.start, a.end) for a in objects}
    cases = {row.case for row in rows if row.mention in spans}
    return bool(cases & _JOINING_CASES)


def _parsed_present(rows: list[_Parsed] | None) -> bool:
    """A present or passé composé indicative predicate verb (a report of the article's time)."""
    return rows is not None and len(rows) > 0 and rows[0].mood == "Ind" and rows[0].tense == "Pres"


def _parsed_planned(rows: list[_Parsed] | None) -> bool:
    """A conditional or future predicate verb ("signerait", "livrera")."""
    return rows is not None and len(rows) > 0 and (rows[0].mood == "Cnd" or rows[0].tense == "Fut")
