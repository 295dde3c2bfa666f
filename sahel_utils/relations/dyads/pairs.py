"""Candidate pairs of a sentence: its sides, blocs, lists, pairs the text joins."""

from __future__ import annotations

import itertools

from sahel_utils.annotation.predicates import mask_non_predicates
from sahel_utils.relations.dyads import options
from sahel_utils.relations.dyads.cues import DyadCues
from sahel_utils.relations.dyads.model import (
    _BETWEEN,
    _BETWEEN_AND,
    _HYPHENS,
    _LIST_GAP,
    Actor,
    _ordered,
    _same_bloc,
    _with_blocs,
    fold_same_length,
)


def sentence_pairs(
    text: str,
    start: int,
    actors: list[Actor],
    cues: DyadCues,
    has_domain_cue: bool = False,
    focus: set[str] | None = None,
    year: int | None = None,
    bloc_needs_one_list: bool = False,
) -> set[tuple[str, str]]:
    """The cooperating pairs one sentence states, from its actors and cues.

    With three sides or more, actors named in one list ("du Mali, du Burkina Faso et du
    Tchad") are one side, and when ``focus`` is given a pair must include a focus actor
    (two partners of a third state are not partners of each other).

    Args:
        text: The sentence.
        start: Offset of the sentence in the article (actor offsets are article offsets).
        actors: The sentence's actors, in text order.
        cues: The cue vocabulary.
        has_domain_cue: Whether the sentence holds a domain cue (which, like a
            cooperation cue, makes co-occurring actors partners).
        focus: The article's main actors (see :func:`focus_actors`).
        year: The sentence's year (its date, else the article's): a bloc stands for its
            members named together only from its founding year (``bloc_since``).
        bloc_needs_one_list: A bloc stands for its members only when they are named in
            one list ("le Mali, le Niger et le Burkina Faso"), not apart ("le Mali et ses
            alliés du Niger et du Burkina Faso").

    Returns:
        Sorted pairs ``(actor_a, actor_b)``.

    """
    ids = {a.actor for a in actors}
    if len(ids) < 2:
        return set()
    explicit = _explicit_pairs(text, start, actors)
    folded = mask_non_predicates(fold_same_length(text))
    if (
        not explicit
        and not has_domain_cue
        and not cues.cooperation.search(folded)
        and not cues.tension.search(folded)
    ):
        return set()
    group = _list_groups(text, start, actors)
    sides = _listed_blocs(set(ids), group, cues, year, bloc_needs_one_list)
    pairs = set()
    for a, b in itertools.combinations(sorted(sides), 2):
        if (a, b) in explicit or _candidate(a, b, sides, group, cues, focus):
            pairs.add((a, b))
    for a, b in explicit:
        if a != b:
            left, right = sorted((a, b))
            pairs.add((left, right))
    return pairs


def _listed_blocs(
    sides: set[str],
    group: dict[str, int],
    cues: DyadCues,
    year: int | None,
    needs_one_list: bool = False,
) -> set[str]:
    """The sides with a bloc standing for its members named together (from its founding)."""
    for bloc, members in cues.blocs.items():
        if members <= sides and (year is None or year >= cues.bloc_since.get(bloc, 0)):
            # (before the bloc existed its members are states of their own)
            member_groups = {group[m] for m in members if m in group}
            in_one_list = len(member_groups) == 1 and members <= set(group)
            if needs_one_list and not in_one_list:
                continue  # "le Mali et ses alliés du Niger et du Burkina": three states
            sides = (sides - members) | {bloc}
            if len(member_groups) == 1:
                group[bloc] = member_groups.pop()
    return sides


def _candidate(
    a: str,
    b: str,
    sides: set[str],
    group: dict[str, int],
    cues: DyadCues,
    focus: set[str] | None,
) -> bool:
    """Whether two sides of a sentence (not joined by the text) may be a pair."""
    by_arguments = (
        options.STRICT_ARGUMENTS and options.SAME_BLOC_BY_ARGUMENTS and not {a, b} & set(cues.blocs)
    )
    if _same_bloc(a, b, cues) and not by_arguments:
        return False
    if len(sides) >= 3 and not options.STRICT_ARGUMENTS:
        # (with STRICT_ARGUMENTS the predicate's arguments decide instead)
        if a in group and group.get(a) == group.get(b):
            return False
        if focus and not ({a, b} & _with_blocs(focus, cues)):
            return False
    return True


def _list_groups(text: str, start: int, actors: list[Actor]) -> dict[str, int]:
    """Actor -> list number, for actors named in one list ("X, Y et Z"; two or more)."""
    ordered = sorted(actors, key=lambda a: a.start)
    group: dict[str, int] = {}
    current = 0
    for left, right in itertools.pairwise(ordered):
        gap = fold_same_length(text[left.end - start : right.start - start])
        if _LIST_GAP.fullmatch(gap) and left.actor != right.actor:
            if left.actor not in group:
                current += 1
                group[left.actor] = current
            group.setdefault(right.actor, group[left.actor])
    return group


def _explicit_pairs(text: str, start: int, actors: list[Actor]) -> set[tuple[str, str]]:
    """Pairs the text joins explicitly: "Mali-Russie", "entre le Mali et la Russie"."""
    pairs = set()
    ordered = sorted(actors, key=lambda a: a.start)
    folded = fold_same_length(text)
    for left, right in itertools.pairwise(ordered):
        if left.actor == right.actor:
            continue
        gap = text[left.end - start : right.start - start]
        if gap.strip() and set(gap.strip()) <= _HYPHENS and len(gap) <= 3:
            pairs.add(_ordered(left.actor, right.actor))
            continue
        before = folded[max(0, left.start - start - 20) : left.start - start]
        if _BETWEEN.search(before) and _BETWEEN_AND.fullmatch(fold_same_length(gap)):
            pairs.add(_ordered(left.actor, right.actor))
    return pairs
