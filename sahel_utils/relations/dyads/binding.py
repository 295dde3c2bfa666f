"""Predicate binding: which predicate takes a pair as its arguments (parse, else positions)."""

from __future__ import annotations

import re

from sahel_utils.annotation.predicates import mask_non_predicates
from sahel_utils.relations.dyads import options
from sahel_utils.relations.dyads.cues import _NEVER, DyadCues
from sahel_utils.relations.dyads.dates import _bound_date
from sahel_utils.relations.dyads.domains import _bound_domains, _predicate_domain
from sahel_utils.relations.dyads.modality import _modality
from sahel_utils.relations.dyads.model import (
    _BETWEEN,
    _CLAUSE_BREAK,
    _CLAUSE_STOP,
    _INVERSION,
    _LIST_GAP,
    _OBJECT_BREAK,
    Actor,
    Binding,
    _Cue,
    _distance,
    _Sentence,
    _sides,
    _word_span,
    fold_same_length,
)
from sahel_utils.relations.dyads.parse import (
    _parse_of,
    _parsed_arguments,
    _parsed_joint,
    _parsed_planned,
    _parsed_present,
    _possessed,
)

#: Word endings of predicate nouns ("visite", "coopération", "soutien", "partenariat").
_NOUN_ENDING = re.compile(
    r"(?:tions?|sions?|ments?|ages?|ances?|ences?|ites?|ures?|ats?|ien|iens|ui|uis|aide|aides"
    r"|accords?|isons?|ons)$"
)

_GENITIVE = re.compile(
    r"\s*(?:(?!(?:a|au|aux|avec|en|entre|pour|vers|contre|et)\b)\w+\s+)?"
    r"(?:de|du|des|d')\s*(?:(?:la|le|les|l')\s*)?"
    r"(?:(?!(?:a|au|aux|avec|en|entre|pour|vers|contre|et)\b)\w+['\s]+){0,2}"
)

_GENITIVE_BEFORE = re.compile(r"(?:\bde|\bdu|\bdes|\bd')\s*(?:(?:la|le|les|l')\s*)?$")

#: A recipient complement ("à", "au", "aux") right after a predicate noun's agent.
_DATIVE = re.compile(r"\s*(?:a|au|aux)\s")

#: What may stand between a predicate noun and a country adjective that qualifies it
#: ("le soutien ukrainien", "l'aide militaire russe"): at most one word, no preposition.
_ADJECTIVE_GAP = re.compile(
    r"\s*(?:(?!(?:a|au|aux|avec|en|entre|pour|vers|contre|et|de|du|des|d|par|sur)\b)\w+\s+)?"
)


def predicate_cues(sentence_text: str, cues: DyadCues) -> list[_Cue]:
    """Cooperation and tension predicates of a sentence (offsets relative to it).

    A stem inside a ``non_predicates`` phrase ("à l'aide de", "en signe de") is none.
    """
    folded = mask_non_predicates(fold_same_length(sentence_text))
    found = [
        _Cue(
            *_word_span(folded, m),
            "cooperation",
            directional=bool(cues.directional.match(folded, m.start())),
        )
        for m in cues.cooperation.finditer(folded)
    ]
    found += [_Cue(*_word_span(folded, m), "tension") for m in cues.tension.finditer(folded)]
    return sorted(found, key=lambda c: (c.start, c.end))


def _pair_span(sentence: _Sentence, pair: tuple[str, str], cues: DyadCues) -> tuple[int, int]:
    """The tightest span (relative) holding a mention of each side of the pair."""

    def mentions(side: str) -> list[Actor]:
        members = cues.blocs.get(side, frozenset())
        return [a for a in sentence.actors if a.actor == side or a.actor in members]

    # a side the sentence does not name (taken from context) stands at its start
    lefts = mentions(pair[0]) or [Actor(pair[0], sentence.start, sentence.start)]
    rights = mentions(pair[1]) or [Actor(pair[1], sentence.start, sentence.start)]
    spans = [
        (min(left.start, right.start), max(left.end, right.end))
        for left in lefts
        for right in rights
    ]
    best = min(spans, key=lambda span: span[1] - span[0])  # the first of the tightest
    return best[0] - sentence.start, best[1] - sentence.start


def bind_pair(
    sentence: _Sentence, pair: tuple[str, str], cues: DyadCues, nearest: bool = False
) -> Binding:
    """The predicate nearest to a pair's mentions, and what it says of the pair.

    A tension predicate (accuse, condemn, block, sanction…) nearer than any cooperation
    predicate makes the pair a ``tension`` row; on a tie tension wins. Modality comes from
    the planned and denial cues of the predicate's clause; domains from the domain cues
    nearest to the pair and its predicate (a tie keeps every tied domain).
    """
    span = _pair_span(sentence, pair, cues)
    candidates = predicate_cues(sentence.text, cues)
    candidates += [_Cue(s, e, "domain", d) for s, e, d in sentence.domain_cues if s >= 0]
    predicate: _Cue | None = None
    if not options.DOMAIN_CUE_IS_PREDICATE:
        candidates = [c for c in candidates if c.kind != "domain"]
    candidates = [c for c in candidates if not _reporting_clause(sentence, c)]
    # a cue inside a name ("l'Alliance des États du Sahel") is no predicate
    names = [(a.start - sentence.start, a.end - sentence.start) for a in sentence.actors]
    candidates = [c for c in candidates if not any(s <= c.start < e for s, e in names)]
    applicable = [c for c in candidates if _applies(sentence, c, pair, cues)]
    if not applicable and (nearest or not options.STRICT_ARGUMENTS):
        applicable = candidates
    if applicable:
        predicate = min(
            applicable,
            key=lambda c: (_distance(span, (c.start, c.end)), c.kind != "tension", c.start),
        )
    relation = "tension" if predicate is not None and predicate.kind == "tension" else "cooperation"
    modality = _modality(sentence.text, predicate) if predicate is not None else "reported"
    parsed = _parse_of(sentence, predicate) if predicate is not None and options.USE_PARSE else None
    if modality == "reported" and _parsed_planned(parsed):
        modality = "planned"  # a conditional or future verb ("pourrait signer", "livrera")
    return Binding(
        predicate=sentence.text[predicate.start : predicate.end] if predicate else None,
        relation=relation,
        modality=modality,
        domains=_predicate_domain(
            sentence, predicate, _bound_domains(sentence, span, predicate, cues), cues
        ),
        present=_parsed_present(parsed),
        dated=True,
        date=_bound_date(sentence, span, predicate),
    )


def _applies(sentence: _Sentence, cue: _Cue, pair: tuple[str, str], cues: DyadCues) -> bool:
    """Whether a predicate takes the pair as its arguments.

    Where the parse has rows for the predicate and finds enough arguments, its roles
    decide (:func:`_parse_decision`); else the positions around it: the predicate's
    object is the first actor after it in its clause, with the actors listed with it
    ("avec le Mali et le Niger"); its subject the nearest actor before it, with its list
    ("le Mali et la Russie ont signé"); a predicate noun's genitive is its subject ("la
    visite du ministre russe en Égypte"). The pair is its arguments when it joins the
    subject and the object, lies within a joining object list ("entre X et Y") or, with
    no object, within the subject list of a reciprocal predicate.
    """
    sides = [_sides((side, side), cues) for side in pair]
    if (
        cue.kind == "tension"
        and options.AGENTLESS_PASSIVE_TAKES_NO_PAIR
        and _agentless(sentence, cue, cues)
    ):
        return False
    if not cue.directional and _is_attribute(sentence, cue, cues):
        # "X et Y ont traité l'Afrique comme un partenaire": an attribute relates what it
        # qualifies to its complement, not its subjects to each other
        cue = _Cue(cue.start, cue.end, cue.kind, cue.domain, directional=True)
    decision = _parse_decision(sentence, cue, sides, cues)
    if decision is not None:
        return decision
    subjects, objects = _lexical_arguments(sentence, cue, cues)
    controlled = _controlled_subject(sentence, cue, objects, cues) if objects else []
    subjects = controlled or subjects
    folded = fold_same_length(sentence.text)
    joint = bool(objects) and bool(
        _BETWEEN.search(
            folded[
                max(0, objects[0].start - sentence.start - 20) : objects[0].start - sentence.start
            ]
        )
    )
    return _joins(subjects, objects, sides, cue.directional, joint)


def _agentless(sentence: _Sentence, cue: _Cue, cues: DyadCues) -> bool:
    """A passive predicate with no agent in its clause ("il est critiqué pour son alliance").

    It names only its target: whoever criticises is not said, so it pairs nobody.
    """
    return _agentless_at(fold_same_length(sentence.text), cue.start, cue.end, cues)


def _agentless_at(folded: str, start: int, end: int, cues: DyadCues) -> bool:
    """:func:`_agentless` for the predicate at ``start:end`` of a folded sentence."""
    if not options.AGENTLESS_PASSIVE_TAKES_NO_PAIR:
        return False
    if not cues.passive_before.search(folded[max(0, start - 30) : start]):
        return False
    rest = folded[end:]
    stop = _CLAUSE_STOP.search(rest)
    return not cues.agent_marker.search(rest[: stop.start() if stop else len(rest)])


def _is_attribute(sentence: _Sentence, cue: _Cue, cues: DyadCues) -> bool:
    """Whether a predicate noun is an attribute ("comme un partenaire stratégique")."""
    before = fold_same_length(sentence.text[max(0, cue.start - 30) : cue.start])
    return bool(cues.attribute.search(before))


def _parse_decision(
    sentence: _Sentence, cue: _Cue, sides: list[set[str]], cues: DyadCues
) -> bool | None:
    """What the parse says of the pair (None: no parse, or too few arguments found)."""
    parsed = _parse_of(sentence, cue) if options.USE_PARSE else None
    if parsed is None:
        return None
    possessed = _possessed(sentence, cue, cues)
    origin = cue.directional and cue.kind == "cooperation"
    subjects, objects = _parsed_arguments(sentence, parsed, possessed, origin)
    if not subjects and objects:
        subjects = _controlled_subject(sentence, cue, objects, cues)
    if not subjects and objects and cue.directional and options.LEXICAL_SUBJECT_FOR_PARSE:
        # "une tournée du gouvernement nigérien qui l'a conduit en X": the parse's subject
        # is a pronoun (no actor); the positions give it
        lexical = _lexical_arguments(sentence, cue, cues)[0]
        subjects = [a for a in lexical if a not in objects]
    if len({a.actor for a in subjects + objects}) < options.PARSE_MIN_ARGUMENTS:
        return None
    joint = _parsed_joint(parsed, objects)
    decision = _joins(subjects, objects, sides, cue.directional, joint)
    return decision if options.PARSE_MODE == "replace" or decision else None


def _controlled_subject(
    sentence: _Sentence, cue: _Cue, objects: list[Actor], cues: DyadCues
) -> list[Actor]:
    """The subject of an adverbial infinitive: the subject of the sentence's main clause.

    "X a entamé une tournée, débutant par Y, avant de se rendre en Z": "avant de", "pour",
    "afin de" (``control_markers``) open an infinitive whose subject is the main clause's,
    the sentence's first actor when no predicate stands before it. None otherwise.
    """
    if not options.SUBJECT_CONTROL:
        return []
    folded = fold_same_length(sentence.text)
    if not cues.control.search(folded[max(0, cue.start - 25) : cue.start]):
        return []
    first = min(sentence.actors, key=lambda a: a.start, default=None)
    if first is None or first in objects or first.start - sentence.start >= cue.start:
        return []
    earlier = [
        c for c in predicate_cues(sentence.text, cues) if c.start < first.start - sentence.start
    ]
    return [] if earlier else [first]


class _Positions:
    """A sentence's actors (and adversaries) in text order, for the lexical rules."""

    def __init__(self, sentence: _Sentence) -> None:
        self.every = sorted(sentence.actors + sentence.adversaries, key=lambda a: a.start)
        self.relative = [(a.start - sentence.start, a.end - sentence.start) for a in self.every]
        self.folded = fold_same_length(sentence.text)
        self.adversaries = set(map(id, sentence.adversaries))

    def listed(self, first: int, step: int) -> list[Actor]:
        """The actor at ``first`` and those listed with it, forward (1) or backward (-1)."""
        out = [self.every[first]]
        i = first
        while 0 <= i + step < len(self.every):
            left, right = sorted((i, i + step))
            gap = self.folded[self.relative[left][1] : self.relative[right][0]]
            # ", et la Russie a envoyé …" coordinates clauses, not list items
            if not _LIST_GAP.fullmatch(gap) or re.match(r"\s*,\s*et\b", gap):
                break
            i += step
            out.append(self.every[i])
        return out


def _subject_candidates(at: _Positions, cue: _Cue, cues: DyadCues) -> list[int]:
    """Indexes of the actors before a predicate that may be its lexical subject.

    Never an adversary (the object of a contrast cue), an actor of a quotation closed
    (with its reporting verb) before the predicate, nor one of a fronted subordinate
    clause ("Alors que X et Y s'opposent, une livraison …").
    """
    before = [
        i
        for i, (_s, e) in enumerate(at.relative)
        if e <= cue.start and id(at.every[i]) not in at.adversaries
    ]
    if options.NO_SUBJECT_IN_CLOSED_QUOTE:
        # "« … à Paris … », a indiqué X … avec Y": someone's words, not the subject
        closed = [
            (s, e)
            for s, e in _QUOTED.findall_spans(at.folded)
            if e <= cue.start and cues.speech_verbs.search(at.folded, e, cue.start)
        ]
        before = [i for i in before if not any(s <= at.relative[i][0] < e for s, e in closed)]
    fronted = cues.fronted_subordinate.match(at.folded)
    if fronted and fronted.end() <= cue.start:
        before = [i for i in before if at.relative[i][0] >= fronted.end()]
    return before


def _lexical_arguments(
    sentence: _Sentence, cue: _Cue, cues: DyadCues
) -> tuple[list[Actor], list[Actor]]:
    """A predicate's subjects and objects from the positions of the actors around it."""
    at = _Positions(sentence)
    after = [i for i, (s, _e) in enumerate(at.relative) if s >= cue.end]
    before = _subject_candidates(at, cue, cues)
    while before and _in_aside(at, before[-1], cue, cues):
        # "la Russie, avec l'aide de la Biélorussie, qui cherche …": not the aside's state
        before = [i for i in before if at.relative[i][1] <= _aside_start(at, before[-1])]
    subjects = at.listed(before[-1], -1) if before else []
    if subjects:
        subjects = _clause_subject(sentence, cue, subjects, cues)
    if subjects and _inside_tension_clause(at.folded, cue, subjects, sentence.start, cues):
        subjects = []  # the tension predicate's argument ("le blocus russe des exportations")
    is_noun = bool(_NOUN_ENDING.search(at.folded[cue.start : cue.end]))
    if (
        after
        and is_noun
        and not _possessed(sentence, cue, cues)
        and (
            _GENITIVE.fullmatch(at.folded[cue.end : at.relative[after[0]][0]])
            or _qualifying_adjective(sentence, at, cue, after[0])
        )
    ):
        # "la visite du ministre russe en Égypte": the genitive is the subject, what
        # follows the object, else the actor before it ("le Mali a accepté l'aide de la
        # Russie")
        objects = _genitive_objects(at, after)
        if not objects and not (
            options.DATIVE_BLOCKS_FALLBACK and _DATIVE.match(at.folded, at.relative[after[0]][1])
        ):
            # (not when the noun names its recipient itself: "le soutien de la Russie
            # aux rebelles" is no support to the state named before)
            objects = subjects
        subjects = [at.every[after[0]]]
    else:
        # the object lies in the predicate's clause ("dont la visite fait suite à celle,
        # en mai, du capitaine Traoré": Traoré is no object of this visit)
        if options.OBJECT_IN_CLAUSE and after:
            after = [i for i in after if _in_reach(at.folded[cue.end : at.relative[i][0]], cues)]
        objects = at.listed(after[0], 1) if after else []
    if subjects and subjects[0].actor in cues.blocs and len(before) > 1:
        # "le Mali, membre de l'AES, renforce …": the member named before its bloc
        previous = at.every[before[-2]]
        if previous.actor in cues.blocs[subjects[0].actor]:
            subjects.append(previous)
    return subjects, objects


class _Quotations:
    """Quoted spans of a sentence ("« … »", "“ … ”", '" … "')."""

    _PATTERN = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")

    def findall_spans(self, text: str) -> list[tuple[int, int]]:
        """Start and end offsets of each quotation, its marks included."""
        return [m.span() for m in self._PATTERN.finditer(text)]


_QUOTED = _Quotations()


def _qualifying_adjective(sentence: _Sentence, at: _Positions, cue: _Cue, index: int) -> bool:
    """Whether the actor at ``index`` is a country adjective qualifying the predicate noun.

    "le soutien ukrainien au terrorisme", "l'aide militaire russe au Mali": an adjective
    right after the noun names its agent (like a genitive), not its object.
    """
    start, _end = at.relative[index]
    word = sentence.text[start : start + 1]
    return word.islower() and bool(_ADJECTIVE_GAP.fullmatch(at.folded[cue.end : start]))


def _aside_start(at: _Positions, index: int) -> int:
    """Offset of the comma opening the phrase that holds the actor at ``index``."""
    return at.folded.rfind(",", 0, at.relative[index][0])


def _in_aside(at: _Positions, index: int, cue: _Cue, cues: DyadCues) -> bool:
    """Whether the actor at ``index`` lies in a comma-enclosed aside before the predicate.

    The aside opens on one of ``aside_openers`` ("avec l'aide de", "comme", "aux côtés
    de") and closes before the predicate: what it names is no subject of the predicate.
    """
    start, end = at.relative[index]
    opening = _aside_start(at, index)
    closing = at.folded.find(",", end, cue.start)
    if opening < 0 or closing < 0:
        return False
    return bool(cues.aside_opener.match(at.folded, opening + 1))


def _clause_subject(
    sentence: _Sentence, cue: _Cue, subjects: list[Actor], cues: DyadCues
) -> list[Actor]:
    """The subject of a predicate whose clause opens on a subject pronoun.

    "Moscou a livré des hélicoptères au Mali ; elle a aussi livré des drones au Burkina
    Faso": the pronoun between the nearest actor and the predicate stands for the
    sentence's subject (its first actor, when no predicate precedes it), not for Mali.
    """
    folded = fold_same_length(sentence.text)
    last = max(a.end for a in subjects) - sentence.start
    pronoun = None
    for match in cues.clause_pronoun.finditer(folded, last, cue.start):
        pronoun = match
    if pronoun is None:
        return subjects
    first = min(sentence.actors, key=lambda a: a.start)
    relative = first.start - sentence.start
    predicates = [c for c in predicate_cues(sentence.text, cues) if c.start < relative]
    before = folded[:relative]
    wrong_gender = cues.pronoun_gender.get(pronoun.group(1), _NEVER).search(before)
    if predicates or wrong_gender or relative >= last:
        return []
    return [first]


_QUALIFIES = re.compile(r"\s*(?:(?:de|du|des|d')\s*(?:la\s+|l'\s*|les\s+)?)?")

_INFINITIVE = re.compile(r"(?:\bde\s+|\bd'|\ba\s+)\w+(?:er|ir|re)$")


def _inside_tension_clause(
    folded: str, cue: _Cue, subjects: list[Actor], offset: int, cues: DyadCues
) -> bool:
    """Whether a predicate noun or infinitive is the complement of a tension predicate.

    "Lavrov accuse les pays de l'alliance …", "le blocus russe des exportations
    ukrainiennes": a tension predicate earlier in the clause governs the cooperation
    word, and the state before it is that tension predicate's argument, not its subject.
    """
    word = folded[cue.start : cue.end]
    if not (_NOUN_ENDING.search(word) or _INFINITIVE.search(folded[: cue.end])):
        return False
    first = min(a.start - offset for a in subjects)
    if first >= cue.start:
        return False
    for tension in cues.tension.finditer(folded, 0, cue.start):
        if _OBJECT_BREAK.search(folded[tension.end() : cue.start]):
            continue
        if _agentless_at(folded, tension.start(), tension.end(), cues):
            continue  # "il est critiqué pour son alliance avec X": no tension argument
        # the subject stands before the tension predicate ("X accuse … de l'alliance"),
        # or qualifies the tension noun itself ("le blocus russe des exportations")
        _start, end = _word_span(folded, tension)
        if first < tension.start() or _QUALIFIES.fullmatch(folded[end:first]):
            return True
    return False


def _genitive_objects(at: _Positions, after: list[int]) -> list[Actor]:
    """The objects of a predicate noun after its genitive (``after[0]``), or none.

    The genitive's own phrase runs through its apposition ("…, Sergueï Lavrov,"); an
    object lies in the same clause and is no second genitive ("en provenance de la
    Russie et de l'Ukraine": two origins, not partners).
    """
    genitive = at.every[after[0]]
    rest = [
        i
        for i in after[1:]
        if at.every[i].actor != genitive.actor and id(at.every[i]) not in at.adversaries
    ]
    if not rest:
        return []
    last = after[0]
    while last + 1 < len(at.every) and at.every[last + 1].actor == genitive.actor:
        last += 1
    if _CLAUSE_BREAK.search(
        at.folded[at.relative[last][1] : at.relative[rest[0]][0]]
    ) or _GENITIVE_BEFORE.search(at.folded[: at.relative[rest[0]][0]]):
        return []
    return at.listed(rest[0], 1)


def _in_reach(gap: str, cues: DyadCues) -> bool:
    """Whether an actor after a predicate can be its object: same clause, or close.

    Quotation marks and an enumeration's introduction (", à savoir", ", notamment")
    do not end the clause.
    """
    gap = cues.enumeration.sub(" ", gap)
    return len(gap) <= options.OBJECT_REACH or not _OBJECT_BREAK.search(gap)


def _joins(
    subjects: list[Actor],
    objects: list[Actor],
    sides: list[set[str]],
    directional: bool,
    joint: bool = True,
) -> bool:
    """Whether a predicate with these subjects and objects takes the pair as arguments.

    Without a subject, two objects are partners of each other only when their
    complement joins them (``joint``: "la coopération entre X et Y"); "la coopération
    avec X et Y", "des importations en provenance de X et de Y" make each a partner of
    someone else.
    """

    def holds(group: list[Actor], side: set[str]) -> bool:
        return any(a.actor in side for a in group)

    if objects:
        joined = (holds(objects, sides[0]) and holds(subjects, sides[1])) or (
            holds(objects, sides[1]) and holds(subjects, sides[0])
        )
        if joined:
            return True
        if directional:
            return False
        return joint and holds(objects, sides[0]) and holds(objects, sides[1]) and not subjects
    # no object: the subjects of a reciprocal predicate ("X et Y ont signé un accord")
    return not directional and holds(subjects, sides[0]) and holds(subjects, sides[1])


def _reporting_clause(sentence: _Sentence, cue: _Cue) -> bool:
    """Whether a cue introduces a postposed reporting clause.

    "…, a dénoncé le ministère russe.": it reports the sentence, it is not its predicate.
    """
    folded = fold_same_length(sentence.text)
    if not _INVERSION.search(folded[max(0, cue.start - 12) : cue.start]) or cue.start == 0:
        return False
    return not any(
        a.start - sentence.start >= cue.end for a in sentence.actors + sentence.adversaries
    )
