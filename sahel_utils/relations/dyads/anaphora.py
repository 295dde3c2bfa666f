"""Actors a sentence names without a name: "le pays", "Il"/"Elle", "les trois pays du Sahel"."""

from __future__ import annotations

from sahel_utils.relations.dyads import options
from sahel_utils.relations.dyads.binding import predicate_cues
from sahel_utils.relations.dyads.cues import _NEVER, DyadCues
from sahel_utils.relations.dyads.model import Actor, _Sentence, fold_same_length
from sahel_utils.relations.dyads.parties import is_contrasted


def focus_actors(sentences: list[_Sentence], share: float = 0.5) -> set[str]:
    """The article's main actors: mentioned at least ``share`` times as often as the top one."""
    counts: dict[str, int] = {}
    for sentence in sentences:
        for actor in sentence.actors:
            counts[actor.actor] = counts.get(actor.actor, 0) + 1
    if not counts:
        return set()
    top = max(counts.values())
    return {actor for actor, n in counts.items() if n >= share * top}


def _add_anaphoric_subjects(sentences: list[_Sentence], cues: DyadCues) -> None:
    """A sentence opening on "le pays", "le régime", "la junte" … names the article's state.

    The state is the article's single most mentioned one (a state, not a bloc); with a
    tie, the subject of the sentence before (:func:`_previous_subject`), if any.
    """
    counts: dict[str, int] = {}
    for sentence in sentences:
        for actor in sentence.actors:
            if actor.actor not in cues.blocs:
                counts[actor.actor] = counts.get(actor.actor, 0) + 1
    if not counts:
        return
    top = max(counts.values())
    leaders = [actor for actor, n in counts.items() if n == top]
    for position, sentence in enumerate(sentences):
        match = cues.anaphoric_subject.match(fold_same_length(sentence.text))
        state = _anaphora_state(leaders, sentences, position, cues) if match else None
        if match is None or state is None or state in {a.actor for a in sentence.actors}:
            continue
        start = sentence.start + match.start(1)
        sentence.actors.insert(0, Actor(state, start, sentence.start + match.end(1)))


def _anaphora_state(
    leaders: list[str], sentences: list[_Sentence], position: int, cues: DyadCues
) -> str | None:
    """The state "le pays" stands for: the single leader, else the previous subject."""
    if len(leaders) == 1:
        return leaders[0]
    previous = (
        _previous_subject(sentences, position, cues) if options.ANAPHORA_FROM_PREVIOUS else None
    )
    return previous.actor if previous is not None and previous.actor not in cues.blocs else None


def _previous_subject(sentences: list[_Sentence], position: int, cues: DyadCues) -> Actor | None:
    """The subject of the sentence before ``position``: its first actor, before any predicate."""
    if position == 0 or not sentences[position - 1].actors:
        return None
    previous = sentences[position - 1]
    first = min(previous.actors, key=lambda a: a.start)
    if any(c.start < first.start - previous.start for c in predicate_cues(previous.text, cues)):
        return None
    return first


def _add_pronoun_subjects(sentences: list[_Sentence], cues: DyadCues) -> None:
    """A sentence opening on "Il"/"Elle" takes the subject of the sentence before it.

    That subject is the previous sentence's first actor when no predicate stands before
    it ("Moscou a livré des hélicoptères au Mali. Elle a aussi livré des drones au
    Burkina Faso": Russia delivered both).
    """
    for position in range(1, len(sentences)):
        sentence = sentences[position]
        match = cues.pronoun_subject.match(fold_same_length(sentence.text))
        first = _previous_subject(sentences, position, cues) if match else None
        if match is None or first is None:
            continue
        previous = sentences[position - 1]
        if first.actor in {a.actor for a in sentence.actors}:
            continue
        before = fold_same_length(previous.text[: first.start - previous.start])
        if cues.pronoun_gender.get(match.group(1), _NEVER).search(before):
            continue  # "La Russie …. Il …": not Russia
        start = sentence.start + match.start(1)
        sentence.actors.insert(0, Actor(first.actor, start, sentence.start + match.end(1)))


def _add_bloc_references(sentences: list[_Sentence], cues: DyadCues) -> None:
    """Add the bloc as an actor where "les trois pays du Sahel" & co. stand for it.

    Only in an article that names the bloc or all of its members.
    """
    named = {a.actor for s in sentences for a in s.actors}
    for bloc, pattern in cues.bloc_references.items():
        members = cues.blocs.get(bloc, frozenset())
        if bloc not in named and not (members and members <= named):
            continue
        for sentence in sentences:
            folded = fold_same_length(sentence.text)
            taken = [(a.start, a.end) for a in sentence.actors]
            added = False
            for match in pattern.finditer(folded):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                others = [(s - sentence.start, e - sentence.start) for s, e in taken]
                if is_contrasted(sentence.text, match.start(), match.end(), others, cues):
                    continue
                sentence.actors.append(Actor(bloc, start, end))
                taken.append((start, end))
                added = True
            if added:
                sentence.actors.sort(key=lambda a: a.start)
