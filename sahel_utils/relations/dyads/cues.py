"""The dyad cue vocabulary (``dyad_cues.yaml``, predicate words of ``predicates.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sahel_utils.annotation.predicates import predicate_vocabulary
from sahel_utils.core import paths
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    load_lexicon,
    phrase_alternation,
    register_schema,
)
from sahel_utils.core.normalize import fold

CUES_FILE = paths.RELATIONS_RESOURCES / "dyad_cues.yaml"

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
    #: a purpose phrase or "avant de" right before an infinitive predicate ("pour aider")
    aim: re.Pattern[str] = _NEVER
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
    #: "se retirer de": its subject's presence in the states after it has ended
    withdrawal: re.Pattern[str] = _NEVER
    #: "est", "a été" (+ one word) right before a participle: the passive voice
    passive_before: re.Pattern[str] = _NEVER
    #: "par": the agent of a passive
    agent_marker: re.Pattern[str] = _NEVER
    #: ", avec l'aide de …,": an aside whose states are no subject of what follows
    aside_opener: re.Pattern[str] = _NEVER
    #: "; elle a aussi livré": a clause of the sentence opening on a subject pronoun
    clause_pronoun: re.Pattern[str] = _NEVER
    #: "le continent africain", "ses voisins": a partner that is no state of the pair
    collective: re.Pattern[str] = _NEVER
    #: "avant de", "pour": an infinitive whose subject is the main clause's subject
    control: re.Pattern[str] = _NEVER
    #: domain -> stems of the cooperation predicates that say it with no cue ("alliance")
    predicate_domains: dict[str, re.Pattern[str]] = field(default_factory=dict)
    #: ", partenaire historique": a partner word in apposition right after a mention
    partner_apposition: re.Pattern[str] = _NEVER
    #: pronoun -> determiners (before an antecedent) of the other gender
    pronoun_gender: dict[str, re.Pattern[str]] = field(default_factory=dict)
    #: "Alors que …,": a subordinate clause opening the sentence (up to its first comma)
    fronted_subordinate: re.Pattern[str] = _NEVER


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
    next_step_before: list[Word] = []
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
    withdrawal_verbs: list[Word] = []
    passive_auxiliaries: list[Word] = []
    agent_prepositions: list[Word] = []
    clause_coordinators: list[Word]
    aside_openers: list[Word]
    impersonal_after_pronoun: list[Word]
    collective_partners: list[Word] = []
    control_markers: list[Word] = []
    predicate_domains: dict[str, list[Word]] = {}
    partner_appositions: list[Word] = []
    subordinate_openers: list[Word] = []


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
        aim=re.compile(
            rf"(?<!\w)(?:{_phrases(data.purpose_before + data.next_step_before)})"
            r"(?:(?<=')|\s+)(?:(?:se|s'|leur|lui)\s*)?$"
        )
        if data.purpose_before
        else _NEVER,
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
        withdrawal=_words(data.withdrawal_verbs),
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
        collective=_words(data.collective_partners),
        partner_apposition=re.compile(
            rf"\s*,\s*(?:[\w'-]+\s+){{0,4}}?({_phrases(data.partner_appositions)})(?!\w)"
        )
        if data.partner_appositions
        else _NEVER,
        predicate_domains={
            domain: _stems(stems) for domain, stems in data.predicate_domains.items() if stems
        },
        control=re.compile(
            rf"(?<!\w)(?:{_phrases(data.control_markers)})\s*(?:(?:se|s'|nous|leur|lui)\s*)?"
            r"(?:\w+\s+)?$"
        )
        if data.control_markers
        else _NEVER,
        pronoun_gender={
            fold(pronoun): re.compile(rf"(?<!\w)(?:{_phrases(others)})\s*$") if others else _NEVER
            for pronoun, others in data.pronoun_subjects.items()
        },
        fronted_subordinate=re.compile(
            rf"^\W*(?:{_phrases(data.subordinate_openers)})(?:(?<=')|(?!\w))[^,;:.!?«»]*,"
        )
        if data.subordinate_openers
        else _NEVER,
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
