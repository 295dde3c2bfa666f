"""Partner pairs (dyads): which states an article reports as cooperating, in what, and when.

The stage reads the tagging tables and works sentence by sentence:

1. **Actors** of a sentence are its country and bloc mentions (capitals and demonyms are
   already countries in the mentions table) and the affiliations of its people,
   organisations and places ("Wagner" -> RUS, "FAMa" -> MLI). Historical states count as
   their successor ("URSS" -> RUS). In an article that names a bloc, "les trois pays du
   Sahel" & co. stand for the bloc. A mention in a contrast or conflict clause ("a pris
   ses distances avec la France", "l'ex-puissance coloniale française", "Alger accuse
   Bamako", "inférieur à celui du Ghana") is an adversary, not an actor, and so are the
   states listed right after it ("rompu avec la France et le Tchad"). A former office
   holder ("l'ancien président nigérian") stands for no state; a sentence opening on
   "le pays", "le régime", "la junte" … names the article's single most mentioned state,
   one opening on "Il"/"Elle" (or a clause "; elle a aussi livré …") the previous
   sentence's subject, unless its determiner has the other gender. A country adjective
   or name qualifying a company, team, NGO or refugees ("le groupe français", "l'équipe
   nationale du Maroc", ``non_state_nouns``) is no actor, and a sentence about sport
   (``sport_cues``) names none. A contrast that reaches a non-state body goes on along
   its list ("face à l'Union européenne et au Soudan").
2. **Candidate pairs**: a sentence with at least two sides and a cooperation or tension
   cue proposes pairs of its actors (step 4 keeps those a predicate takes as arguments).
   A bloc's members named together are one side (the bloc), from the bloc's founding
   year (``bloc_since``: three Sahel states in 2022 are three states); a bloc is never
   paired with its members; two members of one bloc are paired when the text pairs them
   ("Mali-Niger", "entre le Mali et le Niger") or a predicate takes them as its
   arguments ("Damiba a rencontré son homologue Goïta"). (Without ``STRICT_ARGUMENTS``: with three
   sides or more, actors named in one list are one side and a pair must include one of
   the article's main actors; with it, the predicate's arguments decide.) A
   sentence that joins a state with a non-state body ("le dialogue entre la Cedeao et
   l'AES") gives only its explicit pairs: its cue belongs to that state and that body.
3. **Main pair** of the article: the pair with the most evidence sentences. "Les deux
   pays", "les deux parties", "bilatéral" in a sentence whose actors belong to it refer
   to it (to the main pair of two states when there is one).
4. **Relations with roles** (issue 8). A pair stands only when a predicate takes it as
   its arguments (lexical route, no parse): the predicate's object is the first actor
   after it in its clause (with its list), its subject the nearest actor before it (with
   its list), or the genitive of a predicate noun ("la visite du ministre russe en
   Égypte", "l'aide de la Russie") unless a possessive owns the noun ("son alliance de
   la France vers la Russie"); a second genitive is no object ("en provenance de la
   Russie et de l'Ukraine"). Without a subject, the members of one complement are
   partners only when it joins them ("entre X et Y", not "avec X et Y"); an attribute
   noun ("comme un partenaire") never pairs its subjects. Directional predicates
   (livrer, soutenir, importer…) pair a subject with an object; reciprocal ones
   (coopérer, signer un accord…) also pair the actors of one list ("le Mali, l'Algérie
   et la Turquie ont signé"). The nearest such predicate gives the row's ``predicate``;
   a tension predicate (accuse, bloque, sanctionne, dénonce…) makes it a ``relation:
   tension`` row, kept apart, like strained relations and the adversaries of contrast
   cues; a cooperation noun or infinitive governed by a tension predicate takes no
   subject from before it ("le blocus russe des exportations ukrainiennes"); a sentence
   that suspends or ends a cooperation ("suspend sa coopération avec", ``ending_predicates``)
   gives its tension pairs a cooperation row too (a past partner is still a partner), and
   so does an ended troop presence ("a ordonné le départ des soldats français",
   ``ended_presence``) for the pair of the troops' state and the state named nearest. A
   tension predicate in the agentless passive ("il est critiqué pour son alliance avec
   X", ``passive_auxiliaries``) names only its target and pairs nobody. In a sentence of
   strained relations between two sides, states of one side named apart are partners
   where a predicate says so ("le Mali et ses alliés du Niger et du Burkina Faso ont
   rappelé leurs ambassadeurs en Algérie"). A
   stem inside a ``non_predicates`` phrase of ``predicates.yaml`` ("à l'aide de", "un
   entretien accordé à", "en signe de") is no predicate. ``modality`` is ``denied``
   (dément, aucun, "n'a pas" before the predicate),
   ``planned`` (entend, pourrait, annonce, future tense) or ``reported``. Actors that
   attribute the sentence ("selon X", "X affirme que …", "…, affirme X") go to
   ``source``, never a party; venues, residences, victims, historical comparisons
   ("comme jadis en Angola"), a route or a border ("via la Libye", "à la frontière
   entre X et Y"), an organisation's membership list ("le G5 Sahel regroupe
   …") and news organisations are no actors; a historical state is a party only of a
   sentence dated in its own time (an undated sentence is of the article's time for a
   state named in passing by an adjective: "la victoire soviétique").
5. **Domains** come from the cues of the relation's clause (from a cue ending within
   ``DOMAIN_REACH`` characters before the pair to the clause's end, never past a tension
   predicate: "…, accusant X de fournir des armes"; a tie keeps every tied domain), and
   for a sentence without a pair of its own that holds a cooperation predicate (a domain
   cue alone says nothing of a partnership), the cues of that predicate's clause, from
   close context: list items under an introducing
   sentence take its pair; a sentence whose actors belong to a pair evidenced earlier in
   its paragraph or in the subheading above takes that pair; a sentence with a
   cooperation cue that names a side of the main pair, and no other state, takes the
   main pair (a sentence naming no state takes only a pair of its paragraph).
6. **Date**: the resolved time expression of the relation's clause nearest to its
   predicate (not one of another clause or of a fronted subordinate clause; a pair from
   context: the sentence's first, a list item: its introduction's), else the article's
   ``published`` date when the parse says the predicate's verb is a present or a passé
   composé (indicative), else none -- never from a neighbouring sentence.

**Parse route** (``USE_PARSE``): where the ``predicates`` table (the dependency parse of
the sentences holding two actors and a cue, ``annotation/predicates.py``) has rows for a
predicate and finds at least ``PARSE_MIN_ARGUMENTS`` actors among its arguments, those
roles decide whether the predicate takes the pair (step 4) instead of the positions: its
subject (``nsubj``, a passive's ``agent``, a relative clause's antecedent, a noun
predicate's genitive: "le soutien *de la Russie* au Mali") and its objects (``obj``,
``obl``, ``nmod``…; without a subject, the complements of one joining preposition:
"entre X et Y"; the state qualifying a passive subject of a directional predicate
with no agent is its sender: "des soldats britanniques sont déployés au Mali"; a noun
with a subject of its own and no other complement has its genitive as object: "X
participe à la formation des soldats de Y"); a
conditional or future verb makes the row ``planned``. Without parse rows (or with
too few arguments found) the lexical rules apply.

Vocabulary is data: predicate stems (cooperation, tension, directional) and pair
references in ``annotation/resources/fr/predicates.yaml`` (their one home, shared with
the parse), the rest (contrast, setting, source and modality cues, blocs) in
``resources/fr/dyad_cues.yaml``, both read through the schema-checked lexicon loader.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_utils.annotation.predicates import mask_non_predicates, predicate_vocabulary
from sahel_utils.core import normalize, paths
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    load_lexicon,
    phrase_alternation,
    register_schema,
)
from sahel_utils.core.normalize import fold
from sahel_utils.core.tables import SCHEMAS, empty_table

CUES_FILE = paths.RELATIONS_RESOURCES / "dyad_cues.yaml"
_BULLET = re.compile(r"^\s*(?:[-•●▪*–—]|\d{1,2}[.)])\s*")
_WORD = re.compile(r"\w\w")
_LIST_GAP = re.compile(
    r"\s*(?:,|,?\s*et|,?\s*ou|,?\s*ainsi que)\s+"
    r"(?:(?:du|des|de la|de l'|d'|a la|a l'|le|la|l'|les|au|aux|a|en)\s*)?"
)
_CLAUSE_BREAK = re.compile(r"[,;:.!?()«»\"“”]")
_OBJECT_BREAK = re.compile(r"[,;:.!?()]")
_BETWEEN = re.compile(r"\bentre\s+(?:les?\s+|la\s+|l'\s*)?$")
_BETWEEN_AND = re.compile(r"\s+et\s+(?:les?\s+|la\s+|l'\s*)?")
_HYPHENS = {"-", "–", "—", "‑", "‐", "/"}
_ACTOR_TYPES = ("country", "bloc", "person", "organization", "place")
_NEVER = re.compile(r"(?!x)x")


@dataclass(frozen=True)
class DyadCues:
    """Cue vocabulary for pair extraction (see ``resources/fr/dyad_cues.yaml``)."""

    cooperation: re.Pattern[str]
    pair_reference: re.Pattern[str]
    contrast_before: re.Pattern[str]
    contrast_in_clause: re.Pattern[str]
    contrast_after: re.Pattern[str]
    contrast_window: int
    gap_words: frozenset[str]
    successors: dict[str, str]
    blocs: dict[str, frozenset[str]]
    bloc_references: dict[str, re.Pattern[str]]
    hostile_relation: re.Pattern[str] = re.compile(r"(?!x)x")
    media_nouns: re.Pattern[str] = re.compile(r"(?!x)x")
    media_organizations: frozenset[str] = frozenset()
    tension: re.Pattern[str] = _NEVER
    planned: re.Pattern[str] = _NEVER
    #: a purpose phrase and its infinitive just before a predicate noun ("pour renforcer
    #: leur coopération"): the cooperation is an aim (see :func:`_purpose_pattern`)
    purpose: re.Pattern[str] = _NEVER
    #: an occasion phrase right before a predicate noun ("en marge d'un sommet")
    occasion: re.Pattern[str] = _NEVER
    #: irregular future forms ("sera", "aura lieu")
    future_forms: re.Pattern[str] = _NEVER
    denial: re.Pattern[str] = _NEVER
    attribution_before: re.Pattern[str] = _NEVER
    speech_verbs: re.Pattern[str] = _NEVER
    setting_before: re.Pattern[str] = _NEVER
    historical_states: dict[str, int] = field(default_factory=dict)
    #: founding year of each bloc (before it, its members are states of their own)
    bloc_since: dict[str, int] = field(default_factory=dict)
    directional: re.Pattern[str] = _NEVER
    #: "l'ancien président nigérian": a former office holder stands for no state
    former_office: re.Pattern[str] = _NEVER
    #: "son alliance de la France vers la Russie": a possessed noun's genitive is no subject
    possessive: re.Pattern[str] = _NEVER
    #: "le pays", "le régime" opening a sentence: the article's state
    anaphoric_subject: re.Pattern[str] = _NEVER
    #: "regroupe", "comprend": what follows lists an organisation's members
    membership: re.Pattern[str] = _NEVER
    #: "ces appareils", "cette coopération": a sentence that refers back to the article
    refers_back: re.Pattern[str] = _NEVER
    #: "comme un partenaire": a predicate noun as an attribute (of what it qualifies)
    attribute: re.Pattern[str] = _NEVER
    #: ", à savoir", ", notamment": an enumeration's introduction, not a clause's end
    enumeration: re.Pattern[str] = _NEVER
    #: "le groupe français", "l'équipe nationale du": a company, team or NGO, no state
    non_state_nouns: re.Pattern[str] = _NEVER
    #: "match", "mi-temps": a sentence about sport pairs nobody
    sport: re.Pattern[str] = _NEVER
    #: "Elle a aussi livré …" opening a sentence: the previous sentence's subject
    pronoun_subject: re.Pattern[str] = _NEVER
    #: "suspend", "met fin à": a predicate ending the cooperation word after it
    ending: re.Pattern[str] = _NEVER
    #: "le départ des soldats français": an ended presence, itself the cooperation word
    ended_presence: re.Pattern[str] = _NEVER
    #: "est", "a été" (+ one word) right before a participle: the passive voice
    passive_before: re.Pattern[str] = _NEVER
    #: "par": the agent of a passive
    agent_marker: re.Pattern[str] = _NEVER
    #: ", avec l'aide de …,": an aside whose states are no subject of what follows
    aside_opener: re.Pattern[str] = _NEVER
    #: "; elle a aussi livré": a clause of the sentence opening on a subject pronoun
    clause_pronoun: re.Pattern[str] = _NEVER
    #: pronoun -> determiners (before an antecedent) of the other gender
    pronoun_gender: dict[str, re.Pattern[str]] = field(default_factory=dict)


_CONTRACTIONS = {" a": (" au", " aux"), " de": (" du", " des")}


def _with_contractions(words: list[str]) -> list[str]:
    """The phrases plus their contracted forms ("contrairement a" -> "… au", "… aux")."""
    out = list(words)
    for word in words:
        folded = fold(word)
        for ending, forms in _CONTRACTIONS.items():
            if folded.endswith(ending):
                out.extend(folded[: -len(ending)] + form for form in forms)
    return out


def _phrases(words: list[str]) -> str:
    """Alternation of the folded phrases, longest first (the lexicon's one compiler)."""
    return phrase_alternation(words, fold=fold)


@register_schema("relations", "dyad_cues.yaml")
class DyadCuesFile(Lexicon):
    """``dyad_cues.yaml``: who is a party (contrast, setting, source, blocs) and modality.

    The predicate words themselves (cooperation, tension, directional stems, pair
    references) live once in ``annotation/resources/fr/predicates.yaml``.
    """

    contrast_before: list[Word]
    contrast_after: list[Word]
    contrast_in_clause: list[Word]
    contrast_window: int
    hostile_relation: list[Word]
    media_nouns: list[Word]
    contrast_gap_words: list[Word]
    successor_states: dict[str, str]
    blocs: dict[str, list[str]]
    bloc_references: dict[str, list[Word]]
    media_organizations: list[Word]
    planned_cues: list[Word]
    purpose_before: list[Word] = []
    occasion_before: list[Word] = []
    future_forms: list[Word] = []
    denial_cues: list[Word]
    attribution_before: list[Word]
    speech_verbs: list[Word]
    setting_before: list[Word]
    historical_states: dict[str, int]
    former_markers: list[Word]
    possessive_determiners: list[Word]
    enumeration_introducers: list[Word]
    attribute_before: list[Word]
    anaphoric_subjects: list[Word]
    anaphoric_determiners: list[Word] = []
    membership_verbs: list[Word]
    bloc_since: dict[str, int]
    non_state_nouns: list[Word]
    sport_cues: list[Word]
    pronoun_subjects: dict[str, list[Word]]
    ending_predicates: list[Word]
    ended_presence: list[Word] = []
    passive_auxiliaries: list[Word] = []
    agent_prepositions: list[Word] = []
    clause_coordinators: list[Word]
    aside_openers: list[Word]
    impersonal_after_pronoun: list[Word]


@lru_cache(maxsize=4)
def load_dyad_cues(path: Path | None = None) -> DyadCues:
    """Read the dyad cue vocabulary (default ``resources/fr/dyad_cues.yaml``).

    Predicate stems and pair references come from the annotation stage's
    ``predicates.yaml`` (:func:`sahel_utils.annotation.predicates.predicate_vocabulary`).
    """
    data = load_lexicon(path or CUES_FILE, DyadCuesFile)
    words = predicate_vocabulary()
    return DyadCues(
        cooperation=re.compile(rf"(?<!\w)(?:{_phrases(words.cooperation_stems)})"),
        pair_reference=_words(words.pair_references),
        contrast_before=_words(_with_contractions(data.contrast_before)),
        contrast_in_clause=_words(_with_contractions(data.contrast_in_clause)),
        contrast_after=re.compile(rf"^[\s,]*(?:{_phrases(data.contrast_after)})(?!\w)")
        if data.contrast_after
        else _NEVER,
        contrast_window=data.contrast_window,
        gap_words=frozenset(fold(w) for w in data.contrast_gap_words),
        successors=dict(data.successor_states),
        blocs={k: frozenset(v) for k, v in data.blocs.items()},
        bloc_references={
            bloc: _words(list(phrases)) for bloc, phrases in data.bloc_references.items() if phrases
        },
        hostile_relation=re.compile(rf"(?<!\w)(?:{_gapped_phrases(data.hostile_relation)})(?!\w)")
        if data.hostile_relation
        else _NEVER,
        media_nouns=re.compile(rf"(?<!\w)(?:{_phrases(data.media_nouns)})\s+$")
        if data.media_nouns
        else _NEVER,
        media_organizations=frozenset(fold(w) for w in data.media_organizations),
        tension=_stems(words.tension_stems),
        planned=_elided_words(data.planned_cues),
        purpose=_purpose_pattern(data.purpose_before, data.possessive_determiners),
        occasion=re.compile(rf"(?<!\w)(?:{_phrases(data.occasion_before)})[\s\"«“']*$")
        if data.occasion_before
        else _NEVER,
        future_forms=_words(data.future_forms),
        denial=_words(data.denial_cues),
        attribution_before=_words(_with_contractions(data.attribution_before)),
        speech_verbs=_words(data.speech_verbs),
        setting_before=_words(_with_contractions(data.setting_before)),
        directional=_stems(words.directional_stems),
        historical_states=dict(data.historical_states),
        bloc_since=dict(data.bloc_since),
        former_office=_former_office_pattern(data.former_markers),
        possessive=_possessive_pattern(data.possessive_determiners),
        enumeration=_enumeration_pattern(data.enumeration_introducers),
        membership=_words(data.membership_verbs),
        refers_back=_words(data.anaphoric_determiners),
        anaphoric_subject=re.compile(rf"^\W*({_phrases(data.anaphoric_subjects)})(?!\w)")
        if data.anaphoric_subjects
        else _NEVER,
        attribute=re.compile(rf"(?<!\w)(?:{_phrases(data.attribute_before)})\s*(?:[\w-]+\s+)?$")
        if data.attribute_before
        else _NEVER,
        non_state_nouns=_non_state_pattern(data.non_state_nouns),
        sport=_words(data.sport_cues),
        pronoun_subject=re.compile(
            rf"^\W*({_phrases(list(data.pronoun_subjects))})(?!\w)"
            rf"(?!\s+(?:{_phrases(data.impersonal_after_pronoun)})(?!\w))"
        )
        if data.pronoun_subjects
        else _NEVER,
        ending=_stems(data.ending_predicates),
        ended_presence=_words(data.ended_presence),
        passive_before=(
            re.compile(rf"(?<!\w)(?:{_phrases(data.passive_auxiliaries)})\s+(?:\w+\s+)?$")
            if data.passive_auxiliaries
            else _NEVER
        ),
        agent_marker=_words(data.agent_prepositions),
        aside_opener=re.compile(rf"\s*(?:{_phrases(_with_contractions(data.aside_openers))})(?!\w)")
        if data.aside_openers
        else _NEVER,
        clause_pronoun=re.compile(
            rf"[;,]\s*(?:(?:{_phrases(data.clause_coordinators)})\s+)?"
            rf"({_phrases(list(data.pronoun_subjects))})(?!\w)"
            rf"(?!\s+(?:{_phrases(data.impersonal_after_pronoun)})(?!\w))"
        )
        if data.pronoun_subjects
        else _NEVER,
        pronoun_gender={
            fold(pronoun): re.compile(rf"(?<!\w)(?:{_phrases(others)})\s*$") if others else _NEVER
            for pronoun, others in data.pronoun_subjects.items()
        },
    )


def _non_state_pattern(words: list[str] | None) -> re.Pattern[str]:
    """A non-state noun (+ one word, + "du"/"de la"…) ending the text before a mention."""
    if not words:
        return _NEVER
    return re.compile(
        rf"(?<!\w)(?:{_phrases(words)})(?:\s+[\w-]+)?"
        r"(?:\s+(?:du|des|de\s+la|de\s+l'|de|d'))?\s*$"
    )


def _former_office_pattern(markers: list[str] | None) -> re.Pattern[str]:
    """Former marker + role noun (+ one word) right before a mention ("l'ex-ministre malien")."""
    if not markers:
        return _NEVER
    from sahel_utils.core.vocabulary import role_nouns

    roles = _phrases(list(role_nouns()))
    return re.compile(rf"(?<!\w)(?:{_phrases(markers)})[\s-]+(?:{roles})(?:\s+[\w-]+)?\s*$")


def _possessive_pattern(words: list[str] | None) -> re.Pattern[str]:
    """A possessive determiner (and at most one adjective) ending the text before a noun."""
    if not words:
        return _NEVER
    return re.compile(rf"(?<!\w)(?:{_phrases(words)})\s+(?:[\w-]+\s+)?$")


def _enumeration_pattern(words: list[str] | None) -> re.Pattern[str]:
    """A comma or colon followed by an enumeration's introduction (", à savoir")."""
    if not words:
        return _NEVER
    return re.compile(rf"[,:]\s*(?:{_phrases(words)})(?!\w)")


def _stems(words: list[str] | None) -> re.Pattern[str]:
    """Phrases matched at the start of a word (``None`` or empty: never matches)."""
    return re.compile(rf"(?<!\w)(?:{_phrases(words)})") if words else _NEVER


def _words(words: list[str] | None) -> re.Pattern[str]:
    """Whole phrases matched at word boundaries (``None`` or empty: never matches)."""
    return re.compile(rf"(?<!\w)(?:{_phrases(words)})(?!\w)") if words else _NEVER


def _gapped_phrases(words: list[str]) -> str:
    """Phrases where "…" stands for up to six words (any punctuation in between)."""
    parts = []
    for word in sorted({fold(w) for w in words}, key=len, reverse=True):
        pieces = [re.escape(piece.strip()) for piece in re.split(r"…|\.\.\.", word)]
        parts.append(r"\W+(?:\w+\W+){0,6}?".join(pieces))
    return "|".join(parts)


@dataclass(frozen=True)
class Actor:
    """A state (or bloc) standing behind one mention."""

    actor: str
    start: int
    end: int
    #: last year of a historical state ("URSS" -> 1991), else None
    until: int | None = None


@dataclass(frozen=True)
class Binding:
    """What makes a pair in one sentence: its predicate, relation, modality and domains."""

    predicate: str | None
    relation: str = "cooperation"
    modality: str = "reported"
    domains: tuple[str | None, ...] = (None,)
    #: the parse says the predicate's verb is a present or a passé composé (indicative)
    present: bool = False
    #: whether ``date`` was bound to the relation (else the sentence's date is used)
    dated: bool = False
    #: the time expression of the relation's clause (:func:`_bound_date`), or None
    date: str | None = None


@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    actors: list[Actor] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    dates: list[tuple[int, str]] = field(default_factory=list)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    has_adversary: bool = False
    paired_with_non_state: bool = False
    hostile: bool = False
    #: actors that only attribute the sentence ("selon Washington"), never parties
    sources: list[str] = field(default_factory=list)
    #: adversaries (contrast clause), kept for tension rows
    adversaries: list[Actor] = field(default_factory=list)
    #: domain cues: (start, end, domain), offsets relative to the sentence (-1 if unknown)
    domain_cues: list[tuple[int, int, str]] = field(default_factory=list)
    #: pair -> what binds it (predicate, relation, modality, domains)
    bindings: dict[tuple[str, str], Binding] = field(default_factory=dict)
    #: the parse (``predicates`` table): predicate start (relative) -> its rows
    parse: dict[int, list[Any]] = field(default_factory=dict)
    #: the article's publication date (YYYY-MM-DD), for present-tense reports
    published: str | None = None
    #: the date the article's relative time expressions are resolved against, if any
    anchor: str | None = None
    #: tension pairs whose cooperation the sentence ends ("suspend sa coopération avec")
    ended: dict[tuple[str, str], Binding] = field(default_factory=dict)


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


_QUOTE_OPENING = re.compile(r"^\s*(?:qu[e']|:|«|\"|“)")
_INVERSION = re.compile(r"(?:[,»\"”]|^)\s*(?:(?:a|ont|avait|avaient)\s+)?$")
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


def _speakers(
    folded: str, verb: re.Match[str], spans: list[tuple[int, int]], cues: DyadCues
) -> list[int]:
    """Indices of the actors a speech verb makes the source of what it reports."""
    before = folded[: verb.start()]
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


_WHITESPACE = re.compile(r"\s")


@lru_cache(maxsize=2048)
def fold_same_length(text: str) -> str:
    """:func:`normalize.fold_same_length` with every whitespace character as a space."""
    return _WHITESPACE.sub(" ", normalize.fold_same_length(text))


def extract_dyads(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Partner pairs with domain and evidence, one row per (article, pair, domain, sentence).

    Args:
        tables: The tagging tables: ``articles``, ``sentences``, ``mentions``, ``domains``
            and ``timex`` (missing tables are taken as empty).

    Returns:
        A DataFrame with the columns of ``tables.SCHEMAS["dyads"]``; ``actor_a`` <=
        ``actor_b``; ``domain`` is None where a sentence evidences a pair but names no
        domain.

    """
    cues = load_dyad_cues()
    sentences = _table(tables, "sentences")
    if sentences.empty:
        return empty_table("dyads")
    mentions = _table(tables, "mentions")
    domains = _table(tables, "domains")
    timex = _table(tables, "timex")
    articles = _table(tables, "articles")
    texts = dict(zip(articles.get("article_id", []), articles.get("text", []), strict=False))
    published = dict(
        zip(articles.get("article_id", []), articles.get("published", []), strict=False)
    )
    parsed = tables.get("predicates") if USE_PARSE else None
    parsed_by_article = (
        dict(tuple(parsed.groupby("article_id"))) if parsed is not None and not parsed.empty else {}
    )

    by_article = {
        "mentions": dict(tuple(mentions.groupby("article_id"))) if not mentions.empty else {},
        "domains": dict(tuple(domains.groupby("article_id"))) if not domains.empty else {},
        "timex": dict(tuple(timex.groupby("article_id"))) if not timex.empty else {},
    }
    rows: list[dict[str, Any]] = []
    for article_id, sents in sentences.groupby("article_id", sort=False):
        prepared = _prepare_sentences(
            sents,
            by_article["mentions"].get(article_id),
            by_article["domains"].get(article_id),
            by_article["timex"].get(article_id),
            texts.get(article_id),
            cues,
        )
        _attach_parse(prepared, parsed_by_article.get(article_id), published.get(article_id))
        for sentence in prepared:
            _drop_anachronisms(sentence)  # once the article's date is known
        rows.extend(_article_dyads(str(article_id), prepared, cues))
    if not rows:
        return empty_table("dyads")
    out = pd.DataFrame(rows, columns=list(SCHEMAS["dyads"].columns))
    out = out.drop_duplicates().sort_values(["article_id", "start", "actor_a", "actor_b"])
    return out.reset_index(drop=True)


def _table(tables: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    df = tables.get(name)
    return df if df is not None else empty_table(name)


def _prepare_sentences(
    sents: pd.DataFrame,
    mentions: pd.DataFrame | None,
    domains: pd.DataFrame | None,
    timex: pd.DataFrame | None,
    article_text: str | None,
    cues: DyadCues,
) -> list[_Sentence]:
    """Sentences of one article with their actors, domains, dates and paragraph numbers."""
    prepared = _split_sentences(sents, article_text)
    locate = _Locator(prepared)
    if mentions is not None:
        _add_actors(prepared, mentions, locate, cues)
    if domains is not None:
        _add_domains(domains, locate)
    if timex is not None:
        _add_dates(timex, locate)
    return prepared


def _split_sentences(sents: pd.DataFrame, article_text: str | None) -> list[_Sentence]:
    """The article's sentences in text order, numbered by paragraph (a newline between)."""
    prepared: list[_Sentence] = []
    paragraph = 0
    previous_end = None
    row: Any
    for row in sents.sort_values("start").itertuples(index=False):
        start, end = int(row.start), int(row.end)
        if previous_end is not None and article_text is not None:
            if "\n" in article_text[previous_end:start]:
                paragraph += 1
        previous_end = end
        prepared.append(
            _Sentence(int(row.sent_index), start, end, str(row.text), paragraph=paragraph)
        )
    return prepared


class _Locator:
    """The sentence holding an article offset."""

    def __init__(self, sentences: list[_Sentence]) -> None:
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.by_index = {s.index: s for s in sentences}

    def __call__(self, offset: int) -> _Sentence | None:
        position = _bisect_right(self.starts, offset) - 1
        if position >= 0 and offset < self.sentences[position].end:
            return self.sentences[position]
        return None


_Span = tuple[int, int, str]


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
        if _names_a_non_state_body(sentence, start, cues):
            continue
        raw = m.entity_id if m.entity_type == "country" else m.country
        if isinstance(raw, str) and raw in cues.historical_states:
            until[(start, end)] = cues.historical_states[raw]
        actor = actor_of_mention(str(m.entity_type), m.entity_id, m.country, cues)
        if actor:
            raw_mentions.setdefault(sentence.index, []).append((start, end, actor))
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


def _locate_cue(text: str, cue: Any, start: int = 0) -> tuple[int, int]:
    """Offsets of a domain cue's words in the sentence (relative, from ``start``), or -1."""
    if not isinstance(cue, str) or not cue.strip():
        return (-1, -1)
    at = fold_same_length(text).find(fold_same_length(cue), start)
    return (at, at + len(cue)) if at >= 0 else (-1, -1)


def _year(value: str | None) -> int | None:
    match = re.match(r"(\d{4})", value or "")
    return int(match.group(1)) if match else None


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


def _bisect_right(values: list[int], x: int) -> int:
    low, high = 0, len(values)
    while low < high:
        middle = (low + high) // 2
        if x < values[middle]:
            high = middle
        else:
            low = middle + 1
    return low


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
    by_arguments = STRICT_ARGUMENTS and SAME_BLOC_BY_ARGUMENTS and not {a, b} & set(cues.blocs)
    if _same_bloc(a, b, cues) and not by_arguments:
        return False
    if len(sides) >= 3 and not STRICT_ARGUMENTS:
        # (with STRICT_ARGUMENTS the predicate's arguments decide instead)
        if a in group and group.get(a) == group.get(b):
            return False
        if focus and not ({a, b} & _with_blocs(focus, cues)):
            return False
    return True


def _ordered(a: str, b: str) -> tuple[str, str]:
    """A pair in sorted order."""
    return (a, b) if a <= b else (b, a)


def _with_blocs(actors: set[str], cues: DyadCues) -> set[str]:
    """``actors`` plus every bloc one of them belongs to."""
    out = set(actors)
    for bloc, members in cues.blocs.items():
        if members & out:
            out.add(bloc)
    return out


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


def _same_bloc(a: str, b: str, cues: DyadCues) -> bool:
    for bloc, members in cues.blocs.items():
        group = members | {bloc}
        if a in group and b in group:
            return True
    return False


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


def _sides(pair: tuple[str, str], cues: DyadCues) -> set[str]:
    out = set(pair)
    for actor in pair:
        out |= cues.blocs.get(actor, frozenset())
    return out


#: Whether a domain cue alone (no cooperation predicate) makes co-occurring actors partners.
#: A noun predicate's genitive is its object when a governing verb gives it a subject and
#: it has no other complement ("X participe à la formation des soldats de Y").
GENITIVE_AS_OBJECT = True
#: A tension predicate in the passive with no agent ("il est critiqué pour son alliance
#: avec X") names only its target: it takes no pair.
AGENTLESS_PASSIVE_TAKES_NO_PAIR = True
#: In a sentence of strained relations between two sides, the states of one side are
#: partners when a cooperation predicate takes them as its arguments ("le Mali et ses
#: alliés du Niger et du Burkina Faso ont rappelé leurs ambassadeurs en Algérie"; there,
#: bloc members named apart are states of their own).
ALLIES_IN_HOSTILE = True
DOMAIN_CUE_MAKES_PAIRS = False
#: Whether a domain cue ("drones", "formation") can stand as the predicate of a pair.
DOMAIN_CUE_IS_PREDICATE = False
#: Whether a pair needs a predicate that takes it as arguments (else: nearest predicate).
STRICT_ARGUMENTS = True
#: Whether two members of one bloc are paired when a predicate takes them as its
#: arguments ("Damiba a rencontré son homologue Goïta"), not only when the text joins them.
SAME_BLOC_BY_ARGUMENTS = True
#: Whether a lexical object must lie in the predicate's clause (no punctuation between).
OBJECT_IN_CLAUSE = True
#: Characters within which an object may lie past punctuation (an apposition).
OBJECT_REACH = 40
#: Whether "le pays", "le régime" … opening a sentence stand for the article's state.
ANAPHORIC_SUBJECTS = True
#: Whether a sentence without a pair of its own gives domains to a pair of its context.
CONTEXT_DOMAINS = True
#: Whether such a sentence must name a side of the pair or hold a cooperation cue.
CONTEXT_NEEDS_ANCHOR = True
#: Whether such a sentence (not a list item) must hold a cooperation predicate.
CONTEXT_NEEDS_COOPERATION = True
#: Whether a sentence naming no state but holding a cooperation cue gives its domains to
#: the article's main pair. Only when it refers back with a demonstrative ("ces appareils
#: renforcent …", ``anaphoric_determiners``): "des gouvernements africains ont demandé
#: l'aide …" does not say which pair it is about (it still gives them to a pair evidenced
#: earlier in its paragraph). Tuned dev part: dyad x domain precision 0.782 -> 0.802.
MAIN_PAIR_FOR_ANONYMOUS = True
#: "nearest": the domain cues nearest to the pair and its predicate; "sentence": all.
DOMAIN_BINDING = "clause"
_CLAUSE_STOP = re.compile(r"[;!?]|\.\s|\b(?:mais|tandis que|alors que|pendant que)\b")
#: Whether, with no cue in the relation's clause, the nearest cue of the sentence binds.
NEAREST_OUTSIDE_CLAUSE = True
#: Cues this close (characters) to the pair and its predicate are all bound to it.
DOMAIN_REACH = 40
_MODALITY_WINDOW = 80
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
#: A future or conditional verb ending: "signera", "fournira", and the irregular stems
#: "enverra", "soutiendra", "recevra", "conclura" ("livra", a rare passé simple, too).
_FUTURE = re.compile(r"\w{2,}(?:er|ir|rr|dr|vr|ur)(?:a|ont|ait|aient)$")
_NEXT_WORD = re.compile(r"\s+(\w+)")
_PREVIOUS_WORD = re.compile(r"(?<!\w)(\w+)\s+$")
_FUTURE_WORD = re.compile(r"(?<!\w)\w{2,}(?:er|ir|rr|dr|vr|ur)(?:a|ont)(?!\w)")
_NEGATION_BEFORE = re.compile(r"(?:\bne\s+|\bn')(?:\w+\s+){0,1}$")
_NEGATION_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:pas|jamais|plus|nullement|aucun\w*)\b")
_CLAUSE_END = re.compile(r"[;.!?]\s|[;!?]$")


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    kind: str  # "cooperation" | "tension" | "domain"
    domain: str | None = None
    #: a subject-to-object predicate ("livrer", "soutenir"), not a reciprocal one
    directional: bool = False


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


def _word_span(folded: str, match: re.Match[str]) -> tuple[int, int]:
    """A stem match widened to the end of its word ("cooper" -> "coopération")."""
    end = match.end()
    while end < len(folded) and (folded[end].isalnum() or folded[end] == "-"):
        end += 1
    return match.start(), end


def _distance(span: tuple[int, int], cue: tuple[int, int]) -> int:
    if cue[1] <= span[0]:
        return span[0] - cue[1]
    if cue[0] >= span[1]:
        return cue[0] - span[1]
    return 0


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
    if not DOMAIN_CUE_IS_PREDICATE:
        candidates = [c for c in candidates if c.kind != "domain"]
    candidates = [c for c in candidates if not _reporting_clause(sentence, c)]
    # a cue inside a name ("l'Alliance des États du Sahel") is no predicate
    names = [(a.start - sentence.start, a.end - sentence.start) for a in sentence.actors]
    candidates = [c for c in candidates if not any(s <= c.start < e for s, e in names)]
    applicable = [c for c in candidates if _applies(sentence, c, pair, cues)]
    if not applicable and (nearest or not STRICT_ARGUMENTS):
        applicable = candidates
    if applicable:
        predicate = min(
            applicable,
            key=lambda c: (_distance(span, (c.start, c.end)), c.kind != "tension", c.start),
        )
    relation = "tension" if predicate is not None and predicate.kind == "tension" else "cooperation"
    modality = _modality(sentence.text, predicate) if predicate is not None else "reported"
    parsed = _parse_of(sentence, predicate) if predicate is not None and USE_PARSE else None
    if modality == "reported" and _parsed_planned(parsed):
        modality = "planned"  # a conditional or future verb ("pourrait signer", "livrera")
    return Binding(
        predicate=sentence.text[predicate.start : predicate.end] if predicate else None,
        relation=relation,
        modality=modality,
        domains=_bound_domains(sentence, span, predicate, cues),
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
        and AGENTLESS_PASSIVE_TAKES_NO_PAIR
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
    if not AGENTLESS_PASSIVE_TAKES_NO_PAIR:
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
    parsed = _parse_of(sentence, cue) if USE_PARSE else None
    if parsed is None:
        return None
    possessed = _possessed(sentence, cue, cues)
    origin = cue.directional and cue.kind == "cooperation"
    subjects, objects = _parsed_arguments(sentence, parsed, possessed, origin)
    if len({a.actor for a in subjects + objects}) < PARSE_MIN_ARGUMENTS:
        return None
    joint = _parsed_joint(parsed, objects)
    decision = _joins(subjects, objects, sides, cue.directional, joint)
    return decision if PARSE_MODE == "replace" or decision else None


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


def _lexical_arguments(
    sentence: _Sentence, cue: _Cue, cues: DyadCues
) -> tuple[list[Actor], list[Actor]]:
    """A predicate's subjects and objects from the positions of the actors around it."""
    at = _Positions(sentence)
    after = [i for i, (s, _e) in enumerate(at.relative) if s >= cue.end]
    # the subject is never an adversary (the object of a contrast cue)
    before = [
        i
        for i, (_s, e) in enumerate(at.relative)
        if e <= cue.start and id(at.every[i]) not in at.adversaries
    ]
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
        and _GENITIVE.fullmatch(at.folded[cue.end : at.relative[after[0]][0]])
    ):
        # "la visite du ministre russe en Égypte": the genitive is the subject, what
        # follows the object, else the actor before it ("le Mali a accepté l'aide de la
        # Russie")
        objects = _genitive_objects(at, after) or subjects
        subjects = [at.every[after[0]]]
    else:
        # the object lies in the predicate's clause ("dont la visite fait suite à celle,
        # en mai, du capitaine Traoré": Traoré is no object of this visit)
        if OBJECT_IN_CLAUSE and after:
            after = [i for i in after if _in_reach(at.folded[cue.end : at.relative[i][0]], cues)]
        objects = at.listed(after[0], 1) if after else []
    if subjects and subjects[0].actor in cues.blocs and len(before) > 1:
        # "le Mali, membre de l'AES, renforce …": the member named before its bloc
        previous = at.every[before[-2]]
        if previous.actor in cues.blocs[subjects[0].actor]:
            subjects.append(previous)
    return subjects, objects


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
    return len(gap) <= OBJECT_REACH or not _OBJECT_BREAK.search(gap)


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


def _elided_words(words: list[str] | None) -> re.Pattern[str]:
    """Like :func:`_words`; a phrase ending in an apostrophe runs into the next word.

    "projet d'" matches "projet d'accord", "en vue d'" matches "en vue d'un accord".
    """
    return re.compile(rf"(?<!\w)(?:{_phrases(words)})(?:(?<=')|(?!\w))") if words else _NEVER


def _purpose_pattern(words: list[str], possessives: list[str]) -> re.Pattern[str]:
    """A purpose phrase, an infinitive and at most two short words, at the end of a text.

    "pour accroître leur", "afin de renforcer la", "en vue d'approfondir les": what
    follows is the aim of the clause, not something that happened ("pour notre": a
    possessive is no infinitive).
    """
    if not words:
        return _NEVER
    not_possessive = rf"(?!(?:{_phrases(possessives)})\b)" if possessives else ""
    return re.compile(
        rf"(?<!\w)(?:{_phrases(words)})(?:(?<=')|\s+){not_possessive}\w+(?:er|ir|re)\s+"
        r"(?:\w{1,8}(?:\s+|'))?(?:\w{1,8}(?:\s+|'))?$"
    )


def _modality(text: str, predicate: _Cue) -> str:
    """``denied``, ``planned`` or ``reported`` from the predicate's clause.

    Planned: see :func:`_planned`.
    """
    cues = load_dyad_cues()
    folded = fold_same_length(text)
    window_start = max(0, predicate.start - _MODALITY_WINDOW)
    ends = list(_CLAUSE_END.finditer(folded, window_start, predicate.start))
    if ends:
        window_start = ends[-1].end()
    before = folded[window_start : predicate.end]
    if cues.denial.search(folded[window_start : predicate.end + 12]):
        return "denied"
    if _NEGATION_BEFORE.search(before[: predicate.start - window_start]) and _NEGATION_AFTER.match(
        folded, predicate.end
    ):
        return "denied"
    return "planned" if _planned(folded, predicate, window_start, cues) else "reported"


def _planned(folded: str, predicate: _Cue, window_start: int, cues: DyadCues) -> bool:
    """Whether the predicate's clause (from ``window_start``) makes it planned.

    A planned cue in the clause before the predicate or just after it; a future or
    conditional predicate verb; a purpose infinitive governing it ("se réunissent pour
    accroître leur collaboration"); an occasion ("en marge d'un sommet") in a clause
    whose verb is future; a future auxiliary next to it ("sera signé", "un accord sera
    signé").
    """
    after = folded[predicate.end : predicate.end + 30]
    stop = _CLAUSE_END.search(after)
    if stop:
        after = after[: stop.start()]
    if cues.planned.search(folded[window_start : predicate.end]) or cues.planned.search(after):
        return True
    if cues.purpose.search(folded[window_start : predicate.start]):
        return True  # "pour renforcer leur coopération"
    if _FUTURE.search(folded[predicate.start : predicate.end]):
        return True  # "signera", "livreront", "aiderait"
    if cues.occasion.search(folded[window_start : predicate.start]) and _future_clause(
        folded, predicate.end, cues
    ):
        return True  # "en marge d'un sommet entre X et Y, un hommage sera rendu"
    # a future auxiliary right before the predicate ("sera signé", "seront livrés") or
    # right after a predicate noun ("un accord sera signé"; not "un accord qui sera …",
    # nor any future verb: "l'accord permettra de …" is about an accord that exists)
    preceding = _PREVIOUS_WORD.search(folded, window_start, predicate.start)
    following = _NEXT_WORD.match(folded, predicate.end)
    return any(
        word is not None and cues.future_forms.fullmatch(word[1]) is not None
        for word in (preceding, following)
    )


def _future_clause(folded: str, start: int, cues: DyadCues) -> bool:
    """Whether the rest of the clause from ``start`` has a future verb.

    An occasion ("en marge d'un sommet entre X et Y, un hommage sera rendu") is as
    future as the clause it sets. The conditional does not count ("auraient combattu"
    reports a rumour).
    """
    stop = _CLAUSE_END.search(folded, start)
    rest = folded[start : stop.start() if stop else len(folded)]
    return bool(cues.future_forms.search(rest) or _FUTURE_WORD.search(rest))


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
    if DOMAIN_BINDING == "sentence" or not located:
        return tuple(sentence.domains) or (None,)
    if predicate is not None:
        span = (min(span[0], predicate.start), max(span[1], predicate.end))
    if DOMAIN_BINDING == "clause":
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
        bound = [d for s, e, d in sorted(located) if span[0] - DOMAIN_REACH <= e and s < stop]
        if bound or not NEAREST_OUTSIDE_CLAUSE or not located:
            return tuple(dict.fromkeys(bound)) or (None,)
    distances = {(s, e, d): _distance(span, (s, e)) for s, e, d in located}
    nearest = min(distances.values())
    bound = [
        d for (s, e, d), dist in sorted(distances.items()) if dist <= max(nearest, DOMAIN_REACH)
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


def _has_cooperation(sentence: _Sentence, cues: DyadCues) -> bool:
    return bool(cues.cooperation.search(mask_non_predicates(fold_same_length(sentence.text))))


def _context_binding(sentence: _Sentence, cues: DyadCues) -> Binding:
    """Binding of a pair the sentence takes from context ("les deux pays", a list item)."""
    found = [c for c in predicate_cues(sentence.text, cues) if c.kind == "cooperation"]
    predicate = found[0] if found else None
    return Binding(
        predicate=sentence.text[predicate.start : predicate.end] if predicate else None,
        modality=_modality(sentence.text, predicate) if predicate else "reported",
        domains=_context_domains(sentence, predicate, cues),
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


def _collapse_blocs(sides: set[str], cues: DyadCues) -> set[str]:
    out = set(sides)
    for bloc, members in cues.blocs.items():
        if bloc in out or members <= out:
            out = (out - members) | {bloc}
    return out


def _adversary_pairs(sentence: _Sentence, cues: DyadCues) -> set[tuple[str, str]]:
    """Tension pairs: each adversary with the actors named before it ("Alger accuse Bamako")."""
    pairs: set[tuple[str, str]] = set()
    for adversary in sentence.adversaries:
        for actor in sentence.actors:
            if actor.start < adversary.start and actor.actor != adversary.actor:
                if not _same_bloc(actor.actor, adversary.actor, cues):
                    pairs.add(_ordered(actor.actor, adversary.actor))
    return pairs


def _article_dyads(
    article_id: str, sentences: list[_Sentence], cues: DyadCues
) -> list[dict[str, Any]]:
    """Dyad rows of one article."""
    _add_bloc_references(sentences, cues)
    if ANAPHORIC_SUBJECTS:
        _add_anaphoric_subjects(sentences, cues)
        _add_pronoun_subjects(sentences, cues)
    focus = focus_actors(sentences)
    evidence: dict[tuple[str, str], list[int]] = {}
    for position, sentence in enumerate(sentences):
        _sentence_relations(sentence, cues, focus)
        for pair in sorted(sentence.pairs):
            evidence.setdefault(pair, []).append(position)
    main = _main_pair(evidence)
    _resolve_pair_references(sentences, evidence, main, cues)
    rows: list[dict[str, Any]] = []
    lists = _ListContext(main, cues)
    for position, sentence in enumerate(sentences):
        if not _WORD.search(sentence.text):
            continue  # a stray bullet or punctuation mark
        lists.update(sentences, position)
        date = _first_date(sentence)
        rows.extend(_own_rows(article_id, sentence, date, cues))
        if sentence.pairs:
            continue
        if not sentence.domains or sentence.has_adversary or not CONTEXT_DOMAINS:
            continue
        if lists.in_list and lists.pairs:
            actor_ids = {a.actor for a in sentence.actors}
            targets = {p for p in lists.pairs if actor_ids <= _sides(p, cues)}
            date = date or lists.date
        else:
            targets = _context_targets(sentences, position, main, cues)
        # a pair the sentence itself states as tension takes no cooperation from context
        targets -= {p for p, b in sentence.bindings.items() if b.relation == "tension"}
        context = _context_binding(sentence, cues)
        for pair in sorted(targets):
            rows.extend(_rows(article_id, pair, sentence, list(context.domains), date, context))
    return rows


def _own_rows(
    article_id: str, sentence: _Sentence, date: str | None, cues: DyadCues
) -> list[dict[str, Any]]:
    """Rows of the pairs a sentence states itself: its tension pairs, then its partners."""
    rows: list[dict[str, Any]] = []
    for pair, binding in sorted(sentence.bindings.items()):
        if binding.relation == "tension":
            rows.extend(_rows(article_id, pair, sentence, list(binding.domains), date, binding))
    for pair, binding in sorted(sentence.ended.items()):
        rows.extend(_rows(article_id, pair, sentence, list(binding.domains), date, binding))
    for pair in sorted(sentence.pairs):
        binding = sentence.bindings.get(pair) or _context_binding(sentence, cues)
        rows.extend(_rows(article_id, pair, sentence, list(binding.domains), date, binding))
    return rows


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
            bool(sentence.domains) and DOMAIN_CUE_MAKES_PAIRS,
            focus,
            _year(_first_date(sentence) or sentence.published),
        )
    explicit = _explicit_pairs(sentence.text, sentence.start, sentence.actors)
    unbound: set[tuple[str, str]] = set()
    for pair in sorted(sentence.pairs):
        # a pair the text joins ("Mali-Niger", "entre X et Y") takes the nearest predicate
        binding = bind_pair(sentence, pair, cues, nearest=pair in explicit)
        needs_cue = pair not in explicit or not predicate_cues(sentence.text, cues)
        if binding.predicate is None and STRICT_ARGUMENTS and needs_cue:
            unbound.add(pair)  # no predicate takes the pair as its arguments
            continue
        sentence.bindings[pair] = binding
        if binding.relation == "tension":
            tension.add(pair)
    sentence.pairs -= tension | unbound
    tension |= _adversary_pairs(sentence, cues)
    for pair in sorted(tension):
        if pair not in sentence.bindings or sentence.bindings[pair].relation != "tension":
            sentence.bindings[pair] = _tension_binding(sentence, cues)
    if ENDED_WAS_COOPERATION:
        _add_ended(sentence, tension, cues)


def _hostile_sides(sentence: _Sentence, cues: DyadCues) -> set[tuple[str, str]]:
    """The tension pair of a sentence of strained relations (two sides), its allies' pairs."""
    sentence.pairs = set()
    sentence.has_adversary = True
    sides = _collapse_blocs({a.actor for a in sentence.actors + sentence.adversaries}, cues)
    if len(sides) != 2:
        return set()
    a, b = sorted(sides)
    if ALLIES_IN_HOSTILE:
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
        found = cues.cooperation.search(folded, ending.start(), end + ENDED_REACH)
        if found and not _OBJECT_BREAK.search(folded[ending.start() : found.start()]):
            start, stop = _word_span(folded, found)
            return sentence.text[start:stop]
    return None


def _resolve_pair_references(
    sentences: list[_Sentence],
    evidence: dict[tuple[str, str], list[int]],
    main: tuple[str, str] | None,
    cues: DyadCues,
) -> None:
    """A pair reference ("les deux pays") stands for the main pair where actors allow.

    It does so in a sentence without a pair of its own whose actors belong to that pair.
    The main pair of two states is preferred to one with a bloc.
    """
    states_only = {p: e for p, e in evidence.items() if not set(p) & set(cues.blocs)}
    referred = _main_pair(states_only) or main
    if referred is None:
        return
    referred_sides = _sides(referred, cues)
    for sentence in sentences:
        actor_ids = {a.actor for a in sentence.actors}
        if (
            not sentence.pairs
            and not sentence.hostile
            and actor_ids <= referred_sides
            and cues.pair_reference.search(fold_same_length(sentence.text))
        ):
            sentence.pairs = {referred}


class _ListContext:
    """Whether a sentence is an item of a list introduced by "…:", and that list's pairs."""

    def __init__(self, main: tuple[str, str] | None, cues: DyadCues) -> None:
        self.main = main
        self.cues = cues
        self.in_list = False
        self.pairs: set[tuple[str, str]] = set()
        self.date: str | None = None

    def update(self, sentences: list[_Sentence], position: int) -> None:
        """Follow the list state up to the sentence at ``position``."""
        sentence = sentences[position]
        previous = _previous_with_words(sentences, position)
        is_item = bool(_BULLET.match(sentence.text)) or (
            previous is not None
            and (
                not _WORD.search(sentences[position - 1].text) or previous.text.rstrip()[-1] in ",;"
            )
        )
        if previous is not None and previous.text.rstrip().endswith(":"):
            self.in_list = True
            intro_ids = {a.actor for a in previous.actors}
            if previous.pairs:
                self.pairs = set(previous.pairs)
            elif self.main is not None and intro_ids <= _sides(self.main, self.cues):
                self.pairs = {self.main}
            else:
                self.pairs = set()
            self.date = _first_date(previous)
        elif not is_item:
            self.in_list = False


def _context_targets(
    sentences: list[_Sentence], position: int, main: tuple[str, str] | None, cues: DyadCues
) -> set[tuple[str, str]]:
    """The pair a sentence without one of its own gives its domains to (paragraph, main)."""
    sentence = sentences[position]
    actor_ids = {a.actor for a in sentence.actors}
    earlier = _paragraph_pairs(sentences, position)
    targets = {p for p in earlier if actor_ids <= _sides(p, cues)}
    cooperation = _has_cooperation(sentence, cues)
    if CONTEXT_NEEDS_COOPERATION and not cooperation:
        return set()  # a domain cue alone ("l'insécurité au Mali") says nothing of a partnership
    if CONTEXT_NEEDS_ANCHOR and not actor_ids and not cooperation:
        return set()  # a sentence naming nobody and no cooperation is about something else
    if len(targets) > 1 and main in targets:
        targets = {main}
    if (
        not targets
        and (actor_ids or (MAIN_PAIR_FOR_ANONYMOUS and _refers_back(sentence, cues)))
        and main is not None
        and actor_ids <= set(main)
        and cooperation
    ):
        targets = {main}
    return targets


def _refers_back(sentence: _Sentence, cues: DyadCues) -> bool:
    """Whether the sentence holds a demonstrative ("ces appareils", "cette coopération")."""
    return bool(cues.refers_back.search(fold_same_length(sentence.text)))


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
    previous = _previous_subject(sentences, position, cues) if ANAPHORA_FROM_PREVIOUS else None
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


def _previous_with_words(sentences: list[_Sentence], position: int) -> _Sentence | None:
    """The nearest earlier sentence that holds a word (skipping stray bullets)."""
    for offset in range(position - 1, -1, -1):
        if _WORD.search(sentences[offset].text):
            return sentences[offset]
    return None


def _rows(
    article_id: str,
    pair: tuple[str, str],
    sentence: _Sentence,
    domains: list[str | None],
    date: str | None,
    binding: Binding | None = None,
) -> list[dict[str, Any]]:
    a, b = sorted(pair)
    binding = binding or Binding(None)
    if binding.dated:
        date = binding.date
    if date is None and binding.present:
        date = sentence.published  # a present-tense report: the article's date
    source = ",".join(s for s in sentence.sources if s not in pair) or None
    return [
        {
            "article_id": article_id,
            "actor_a": a,
            "actor_b": b,
            "domain": domain,
            "start": sentence.start,
            "end": sentence.end,
            "evidence": sentence.text,
            "date": date,
            "relation": binding.relation,
            "modality": binding.modality,
            "source": source,
            "predicate": binding.predicate,
        }
        for domain in domains
    ]


def _main_pair(evidence: dict[tuple[str, str], list[int]]) -> tuple[str, str] | None:
    """The pair with the most evidence sentences (ties: the earliest)."""
    if not evidence:
        return None
    return min(evidence, key=lambda pair: (-len(evidence[pair]), evidence[pair][0], pair))


def _paragraph_pairs(sentences: list[_Sentence], position: int) -> set[tuple[str, str]]:
    """Pairs evidenced earlier in the paragraph of ``position``, or in the heading above it."""
    paragraph = sentences[position].paragraph
    pairs: set[tuple[str, str]] = set()
    for offset in range(position - 1, -1, -1):
        earlier = sentences[offset]
        if earlier.paragraph != paragraph:
            if _is_heading(sentences, offset):
                pairs |= earlier.pairs
            break
        pairs |= earlier.pairs
    return pairs


def _is_heading(sentences: list[_Sentence], position: int) -> bool:
    """A one-sentence paragraph without final punctuation (a subheading)."""
    sentence = sentences[position]
    alone = all(
        other.paragraph != sentence.paragraph
        for other in sentences[max(0, position - 1) : position + 2]
        if other is not sentence
    )
    text = sentence.text.strip()
    return alone and bool(text) and len(text) <= 150 and text[-1] not in '.!?:;»"”'


def _first_date(sentence: _Sentence) -> str | None:
    return sentence.dates[0][1] if sentence.dates else None


#: Whether the dependency parse (``predicates`` table) decides a predicate's arguments,
#: modality and date where it has rows (else, and without the table: the lexical rules).
USE_PARSE = True
#: "replace": where the parse finds arguments it alone decides; "union": the parse or
#: the lexical positions may take the pair as arguments.
PARSE_MODE = "replace"
#: Fewest distinct actors the parse must find as arguments to decide (fewer: a parse
#: that missed an argument, "importe 100 % de son blé de la Russie"; the lexical rules).
PARSE_MIN_ARGUMENTS = 2
#: Whether the state qualifying a passive subject ("des soldats britanniques sont
#: déployés au Mali") is the predicate's subject (its sender) when no agent is named.
PASSIVE_ORIGIN = True
#: Whether "le pays", "le régime" … opening a sentence stand for the previous sentence's
#: subject when the article has no single most mentioned state.
ANAPHORA_FROM_PREVIOUS = True
#: Whether a nested mention's genitive case belongs to the argument it sits in ("des armes
#: au Tchad": Chad is no genitive subject of the predicate noun).
NESTED_CASE_OF_TOP = True
#: Whether the tension pairs of a sentence that suspends or ends a cooperation ("la France
#: suspend sa coopération militaire avec le Mali") are also partners (a past partner is
#: still a partner), with the cooperation word as predicate.
ENDED_WAS_COOPERATION = True
#: Characters within which the cooperation word follows the ending predicate.
ENDED_REACH = 60
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
        if row.via == "nested" and row.role in _SUBJECT_ROLES:
            continue  # "le soutien de X à Y s'est renforcé": X, Y are soutien's arguments
        if PASSIVE_ORIGIN and origin and row.role == "nsubj_pass" and _qualifies(sentence, row):
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
            and (row.via != "nested" or not NESTED_CASE_OF_TOP)
        ):
            genitives.append(actor)
        elif row.role in _OBJECT_ROLES:
            objects.append((row.case, actor))
    if GENITIVE_AS_OBJECT and subjects and genitives and not objects:
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
