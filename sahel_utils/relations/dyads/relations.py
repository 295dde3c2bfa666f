"""A sentence's relations: cooperation, tension and ended cooperation pairs, their bindings."""

from __future__ import annotations

import re

from sahel_utils.annotation.predicates import mask_non_predicates
from sahel_utils.relations.dyads import options
from sahel_utils.relations.dyads.binding import _lexical_arguments, bind_pair, predicate_cues
from sahel_utils.relations.dyads.cues import DyadCues
from sahel_utils.relations.dyads.domains import _context_domains, _predicate_domain
from sahel_utils.relations.dyads.modality import _modality
from sahel_utils.relations.dyads.model import (
    _OBJECT_BREAK,
    Binding,
    _collapse_blocs,
    _Cue,
    _first_date,
    _ordered,
    _same_bloc,
    _Sentence,
    _sides,
    _word_span,
    _year,
    fold_same_length,
)
from sahel_utils.relations.dyads.pairs import _explicit_pairs, sentence_pairs


def _has_cooperation(sentence: _Sentence, cues: DyadCues) -> bool:
    return bool(cues.cooperation.search(mask_non_predicates(fold_same_length(sentence.text))))


def _context_binding(sentence: _Sentence, cues: DyadCues) -> Binding:
    """Binding of a pair the sentence takes from context ("les deux pays", a list item)."""
    found = [c for c in predicate_cues(sentence.text, cues) if c.kind == "cooperation"]
    predicate = found[0] if found else None
    return Binding(
        predicate=sentence.text[predicate.start : predicate.end] if predicate else None,
        modality=_modality(sentence.text, predicate) if predicate else "reported",
        domains=_predicate_domain(
            sentence, predicate, _context_domains(sentence, predicate, cues), cues
        ),
    )


def _tension_binding(sentence: _Sentence, cues: DyadCues) -> Binding:
    """Binding of a tension pair: the sentence's first tension predicate, if any."""
    found = [c for c in predicate_cues(sentence.text, cues) if c.kind == "tension"]
    predicate = found[0] if found else None
    return Binding(
        predicate=sentence.text[predicate.start : predicate.end] if predicate else None,
        relation="tension",
        modality="reported",
        domains=tuple(sentence.domains) or (None,),
    )


def _adversary_pairs(sentence: _Sentence, cues: DyadCues) -> set[tuple[str, str]]:
    """Tension pairs: each adversary with the actors named before it ("Alger accuse Bamako")."""
    pairs: set[tuple[str, str]] = set()
    for adversary in sentence.adversaries:
        for actor in sentence.actors:
            if actor.start < adversary.start and actor.actor != adversary.actor:
                if not _same_bloc(actor.actor, adversary.actor, cues):
                    pairs.add(_ordered(actor.actor, adversary.actor))
    return pairs


def _sentence_relations(sentence: _Sentence, cues: DyadCues, focus: set[str]) -> None:
    """A sentence's cooperating pairs (``pairs``) and what binds every pair (``bindings``)."""
    tension: set[tuple[str, str]] = set()
    if sentence.hostile:
        tension = _hostile_sides(sentence, cues)
    elif sentence.paired_with_non_state:
        sentence.pairs = _explicit_pairs(sentence.text, sentence.start, sentence.actors)
    else:
        sentence.pairs = sentence_pairs(
            sentence.text,
            sentence.start,
            sentence.actors,
            cues,
            bool(sentence.domains) and options.DOMAIN_CUE_MAKES_PAIRS,
            focus,
            _year(_first_date(sentence) or sentence.published),
        )
    explicit = _explicit_pairs(sentence.text, sentence.start, sentence.actors)
    unbound: set[tuple[str, str]] = set()
    for pair in sorted(sentence.pairs):
        # a pair the text joins ("Mali-Niger", "entre X et Y") takes the nearest predicate
        binding = bind_pair(sentence, pair, cues, nearest=pair in explicit)
        needs_cue = pair not in explicit or not predicate_cues(sentence.text, cues)
        if binding.predicate is None and options.STRICT_ARGUMENTS and needs_cue:
            unbound.add(pair)  # no predicate takes the pair as its arguments
            continue
        sentence.bindings[pair] = binding
        if binding.relation == "tension":
            tension.add(pair)
    sentence.pairs -= tension | unbound
    tension |= _adversary_pairs(sentence, cues)
    tension = _named_tension(sentence, tension, cues)
    for pair in sorted(tension):
        if pair not in sentence.bindings or sentence.bindings[pair].relation != "tension":
            sentence.bindings[pair] = _tension_binding(sentence, cues)
    if options.WITHDRAWAL_ENDS_PRESENCE:
        tension |= _add_withdrawals(sentence, tension, cues)
    if options.ENDED_WAS_COOPERATION:
        _add_ended(sentence, tension, cues)


#: Between a withdrawal verb and the state it leaves: "de", "du", "des", "d'", "de la".
_FROM = re.compile(r"\s*(?:de|du|des|d')\s*(?:(?:la|l')\s*)?")


def _add_withdrawals(
    sentence: _Sentence, tension: set[tuple[str, str]], cues: DyadCues
) -> set[tuple[str, str]]:
    """Tension pairs (and ended cooperations) of a state withdrawing from others.

    "la France, forcée à se retirer du Mali, du Burkina Faso et du Niger": the verb's
    subject (the nearest actor before it, with its list) was present in each state
    listed after it, as a partner (``withdrawal_verbs``). A pair the sentence states as
    cooperation keeps it.
    """
    found: set[tuple[str, str]] = set()
    folded = fold_same_length(sentence.text)
    for match in cues.withdrawal.finditer(folded):
        cue = _Cue(match.start(), match.end(), "tension", directional=True)
        subjects, hosts = _lexical_arguments(sentence, cue, cues)
        if not hosts or not _FROM.fullmatch(folded[match.end() : hosts[0].start - sentence.start]):
            continue  # "s'est retirée des exercices dirigés par X": X is no host
        word = sentence.text[match.start() : match.end()]
        domains = _predicate_domain(
            sentence, _Cue(cue.start, cue.end, "cooperation"), (None,), cues, word
        )
        for owner in subjects:
            for host in hosts:
                if owner.actor == host.actor or _same_bloc(owner.actor, host.actor, cues):
                    continue
                pair = _ordered(owner.actor, host.actor)
                if pair in sentence.pairs or pair in tension:
                    continue
                found.add(pair)
                sentence.bindings[pair] = Binding(word, relation="tension", domains=domains)
                sentence.ended[pair] = Binding(word, domains=domains)
    return found


def _named_tension(
    sentence: _Sentence, tension: set[tuple[str, str]], cues: DyadCues
) -> set[tuple[str, str]]:
    """The tension pairs whose sides are named as states (the others lose their binding)."""
    if not options.TENSION_NEEDS_STATES:
        return tension
    dropped = {pair for pair in tension if not _sides_named(sentence, pair, cues)}
    for pair in dropped:
        sentence.bindings.pop(pair, None)
    return tension - dropped


def _sides_named(sentence: _Sentence, pair: tuple[str, str], cues: DyadCues) -> bool:
    """Whether each side of a pair is named as a state, not only through an organisation.

    "Paris dénonce les exactions du groupe Wagner", "Wagner, sanctionné par les
    États-Unis": a company or militia is the target, not its state (which stays a party
    of the cooperation it stands for: "Bamako a recours à Wagner").
    """
    named = [
        a
        for a in sentence.actors + sentence.adversaries
        if (a.start, a.end) not in sentence.organizations
    ]
    return all(
        any(a.actor == side or a.actor in cues.blocs.get(side, frozenset()) for a in named)
        for side in pair
    )


def _hostile_sides(sentence: _Sentence, cues: DyadCues) -> set[tuple[str, str]]:
    """The tension pair of a sentence of strained relations (two sides), its allies' pairs."""
    sentence.pairs = set()
    sentence.has_adversary = True
    sides = _collapse_blocs({a.actor for a in sentence.actors + sentence.adversaries}, cues)
    if len(sides) != 2:
        return set()
    a, b = sorted(sides)
    if options.ALLIES_IN_HOSTILE:
        sentence.pairs = _allies(sentence, (a, b), cues)
    return {(a, b)}


def _allies(sentence: _Sentence, sides: tuple[str, str], cues: DyadCues) -> set[tuple[str, str]]:
    """Partners on one side of a hostile sentence, where a predicate says so.

    "le Mali et ses alliés du Niger et du Burkina Faso ont rappelé leurs ambassadeurs en
    Algérie": bloc members named apart are states of their own here.
    """
    one_side = [_sides((side, side), cues) for side in sides]
    found = sentence_pairs(
        sentence.text,
        sentence.start,
        sentence.actors,
        cues,
        year=_year(_first_date(sentence) or sentence.published),
        bloc_needs_one_list=True,
    )
    return {pair for pair in found if any(set(pair) <= side for side in one_side)}


def _add_ended(sentence: _Sentence, tension: set[tuple[str, str]], cues: DyadCues) -> None:
    """Cooperation rows (``ended``) for the tension pairs of an ended cooperation."""
    ended = _ended_cooperation(sentence, cues)
    for pair in sorted(tension - sentence.pairs) if ended else []:
        domains = sentence.bindings[pair].domains
        sentence.ended[pair] = Binding(predicate=ended, domains=domains)
    presence = _ended_presence(sentence, cues)
    if presence is not None and presence[1] in tension and presence[1] not in sentence.pairs:
        word, pair = presence
        domains = sentence.bindings[pair].domains
        sentence.ended.setdefault(pair, Binding(predicate=word, domains=domains))
    for pair in sorted(tension - sentence.pairs):
        word = _partner_apposition(sentence, pair, cues)
        if word is None:
            continue
        found = sentence.ended.get(pair)
        said = _predicate_domain(sentence, _Cue(0, 0, "cooperation"), (None,), cues, word)
        domains = tuple(d for d in dict.fromkeys((*(found.domains if found else ()), *said)) if d)
        sentence.ended[pair] = Binding(
            predicate=found.predicate if found else word, domains=domains or (None,)
        )


def _partner_apposition(sentence: _Sentence, pair: tuple[str, str], cues: DyadCues) -> str | None:
    """A partner word in apposition to one side of a tension pair, if any.

    "le Burkina s'est éloigné de la France, partenaire historique et ancienne puissance
    coloniale": a state at odds with the other that the text calls its (historical)
    partner was its partner (``partner_appositions``).
    """
    folded = fold_same_length(sentence.text)
    for actor in sentence.actors + sentence.adversaries:
        if actor.actor not in pair:
            continue
        end = actor.end - sentence.start
        found = cues.partner_apposition.match(folded, end)
        if found:
            return sentence.text[found.start(1) : found.end(1)]
    return None


#: Most characters between an ended presence ("le départ des soldats") and its owner.
_PRESENCE_REACH = 12


def _ended_presence(sentence: _Sentence, cues: DyadCues) -> tuple[str, tuple[str, str]] | None:
    """An ended troop presence and the pair it was a cooperation of, if any.

    "a obtenu le départ des soldats français": troops that were there were a cooperation
    between their state (the first actor within ``_PRESENCE_REACH`` characters after) and
    the host, the other state named nearest to the phrase.
    """
    folded = mask_non_predicates(fold_same_length(sentence.text))
    actors = sentence.actors + sentence.adversaries
    for presence in cues.ended_presence.finditer(folded):
        start, stop = _word_span(folded, presence)
        begin, end = sentence.start + start, sentence.start + stop
        owner = min((a for a in actors if a.start >= end), key=lambda a: a.start, default=None)
        if owner is None or owner.start - end > _PRESENCE_REACH:
            continue
        hosts = [
            a
            for a in actors
            if a.actor != owner.actor and not _same_bloc(a.actor, owner.actor, cues)
        ]
        host = min(hosts, key=lambda a: max(begin - a.end, a.start - end), default=None)
        if host is not None:
            return sentence.text[start:stop], _ordered(owner.actor, host.actor)
    return None


def _ended_cooperation(sentence: _Sentence, cues: DyadCues) -> str | None:
    """The cooperation word a sentence ends ("suspendre sa coopération militaire avec").

    A suspended or terminated cooperation was a cooperation: its tension pairs are also
    partners (the cooperation word is their predicate).
    """
    folded = mask_non_predicates(fold_same_length(sentence.text))
    for ending in cues.ending.finditer(folded):
        _start, end = _word_span(folded, ending)
        # (the ending phrase may hold the cooperation word: "dénonce les accords")
        found = cues.cooperation.search(folded, ending.start(), end + options.ENDED_REACH)
        if found and not _OBJECT_BREAK.search(folded[ending.start() : found.start()]):
            start, stop = _word_span(folded, found)
            return sentence.text[start:stop]
    return None
