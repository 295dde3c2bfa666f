"""The words of the structural speaker rules (``speakers.yaml``) and their constants.

The schema ``SpeakersFile``, the folded word lists ``SpeakerVocabulary`` read by
:func:`load_speaker_vocabulary`, the values of ``speaker_source`` and the
windows and patterns the rules of :mod:`sahel_utils.annotation.speakers` share.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sahel_utils.core import paths, vocabulary
from sahel_utils.core.lexicon import (
    NOTHING,
    Lexicon,
    Word,
    folded_words,
    load_lexicon,
    phrase_alternation,
    register_schema,
)

VOCABULARY_FILE = "speakers.yaml"


@register_schema("annotation", "speakers.yaml")
class SpeakersFile(Lexicon):
    """``speakers.yaml``: the words of the structural speaker rules."""

    institution_nouns: list[Word]
    definite_determiners: list[Word]
    inversion_gap_prepositions: list[Word]
    interview_question_markers: list[Word]
    interview_cues: list[Word]
    interview_address_words: list[Word]
    interview_end_markers: list[Word]
    subject_openers: list[Word]
    subject_trailers: list[Word]
    document_nouns: list[Word]
    ignorable_leads: list[Word]
    group_nouns: list[Word]
    issuer_links: list[Word]
    passive_auxiliaries: list[Word]
    relative_pronouns: list[Word]
    impersonal_source_links: list[Word]
    inversion_non_verbs: list[Word]
    inversion_verb_endings: list[Word]
    inversion_auxiliaries: list[Word]
    feminine_nouns: list[Word]
    feminine_suffixes: list[Word]
    epicene_person_nouns: list[Word]
    feminine_determiners: list[Word]
    incidental_phrases: list[Word]
    inversion_time_words: list[Word]
    inverted_subject_stops: list[Word]
    same_source_phrases: list[Word]
    issuing_participles: list[Word]
    issuing_verbs: list[Word]
    latter_phrases: list[Word]
    latter_followers: list[Word]
    role_synonyms: list[list[Word]]
    document_prepositions: list[Word]


#: What a rule returns as source for a source the text gives without saying who it is
#: ("selon les experts"): no speaker, and no later rule is tried.
ANONYMOUS = "anonymous"
#: Values of the ``speaker_source`` column of the quotes table.
SPEAKER_SOURCES = (
    "verb_subject",
    "inverted",
    "incise",
    "source_phrase",
    "following",
    "colon",
    "continuation",
    "pronoun",
    "anaphora",
    "interview",
    "topic",
    "institution",
    "group",
    "document",
    "description",
    "apposition",
)
#: Sources naming no one person (an institution, a group of people, a document's issuer).
_COLLECTIVE_SOURCES = frozenset({"institution", "group", "document"})
#: Sources of the second pass that give a person (not an institution).
_PERSON_SOURCES = frozenset(SPEAKER_SOURCES) - _COLLECTIVE_SOURCES
_INVERTED_WINDOW = 200
_CONTINUATION_GAP = 700
_TOPIC_MIN_MENTIONS = 3
_STANDALONE_MIN_WORDS = 5
_MAX_SUBJECT_WORDS = 9
_MAX_PARSE_STEPS = 6
#: dependency labels of who speaks: a passive agent first, then the subject
_SPEAKER_DEPS = ("obl:agent", "nsubj")
#: dependents cut from a subject's phrase (relative clauses, appositions, punctuation)
_CUT_DEPS = frozenset(
    {"acl", "acl:relcl", "appos", "punct", "parataxis", "conj", "cc", "case", "mark"}
)
_WORD = re.compile(r"\w+(?:-\w+)*'?")
_PRONOUN = re.compile(r"-(?:t-)?(il|elle)s?\b|\bselon (lui|elle)\b|(?:^|,)\s*(il|elle)s?\b")
#: "Jeune Afrique : Pourquoi … ?": a short capitalised label, a colon, a question
_NAMED_QUESTION = re.compile(r"[A-ZÀ-Ý][\w'’.-]*(?:\s+[\w'’.-]+){0,3}\s*:\s+.{3,}\?[\s»\"”]*$")
_INVERTED_SUFFIX = re.compile(r"-(?:t-)?(?:il|elle)s?$")
_HARD_STOP = re.compile(r'[.;:!?«»“”"\n]')
_FEMALE_AFTER = re.compile(r"^\s*(?:,\s*|\s+est\s+|\s+etait\s+)une\b")
_MALE_AFTER = re.compile(r"^\s*(?:,\s*|\s+est\s+|\s+etait\s+)un\b")
_FEMALE_BEFORE = re.compile(r"(?:\b(?:mme|madame|mlle)\.?|\bla|\bl'ancienne)\s*$")
_MALE_BEFORE = re.compile(r"(?:\bm\.|\bmonsieur|\ble)\s*$")


@dataclass(frozen=True)
class SpeakerVocabulary:
    """Folded word lists of ``speakers.yaml``."""

    institution_nouns: frozenset[str]
    definite_determiners: frozenset[str]
    gap_prepositions: frozenset[str]
    question_markers: tuple[str, ...]
    interview_cues: tuple[str, ...]
    subject_openers: frozenset[str]
    subject_trailers: frozenset[str]
    document_nouns: frozenset[str] = frozenset()
    ignorable_leads: tuple[str, ...] = ()
    group_nouns: frozenset[str] = frozenset()
    #: a document noun's complement naming its issuer ("… du ministère", "de l'ONU")
    issuer_pattern: re.Pattern[str] = NOTHING
    #: "le communiqué émis sur sa page par l'agence X": an issuing participle, its agent
    issuer_agent_pattern: re.Pattern[str] = NOTHING
    #: where the issuer's noun phrase ends: punctuation, a relative pronoun, a verb
    issuer_stop_pattern: re.Pattern[str] = NOTHING
    passive_auxiliaries: frozenset[str] = frozenset()
    relative_pronouns: frozenset[str] = frozenset()
    #: "« … », peut-on lire dans": an inverted verb with "on", then the source's link
    impersonal_source_pattern: re.Pattern[str] = NOTHING
    #: "« … », soupirait-elle": an inverted verb recognised by its shape
    inversion_auxiliaries: frozenset[str] = frozenset()
    inversion_non_verbs: frozenset[str] = frozenset()
    inversion_verb_endings: tuple[str, ...] = ()
    feminine_nouns: frozenset[str] = frozenset()
    feminine_suffixes: tuple[str, ...] = ()
    person_nouns: frozenset[str] = frozenset()
    feminine_determiners: frozenset[str] = frozenset()
    #: "de son côté", "pour sa part": an aside between a subject and its verb
    incidental_pattern: re.Pattern[str] = NOTHING
    #: "a déclaré mardi soir le …": time words between an inverted verb and its subject
    time_words: tuple[str, ...] = ()
    #: where an inverted subject's phrase ends ("dit l'agence sans plus de précision")
    subject_stop_pattern: re.Pattern[str] = NOTHING
    #: "X a publié un communiqué", "Dans un communiqué, X a …": X issued it
    issuing_verbs: frozenset[str] = frozenset()
    document_prepositions: frozenset[str] = frozenset()
    #: role nouns naming one office ("président", "chef de l'État"), as role noun keys
    role_synonyms: tuple[frozenset[str], ...] = ()
    #: "Ce dernier a salué « … »": the person named last before it
    latter_pattern: re.Pattern[str] = NOTHING
    #: what follows "ce dernier" as a subject ("Ce dernier n'a pas …", "ce dernier a")
    latter_followers: tuple[str, ...] = ()
    #: "vous", "votre": the words of a question put to the interviewee
    address_words: frozenset[str] = frozenset()
    #: "Propos recueillis par": a paragraph ending an interview's answers
    interview_end_markers: tuple[str, ...] = ()
    #: "…, ajoute cette même source": the source of the quote before
    same_source_pattern: re.Pattern[str] = NOTHING


@functools.lru_cache(maxsize=4)
def load_speaker_vocabulary(path: Path | None = None) -> SpeakerVocabulary:
    """Read ``speakers.yaml`` (default: the package's French resources)."""
    data = load_lexicon(path or paths.ANNOTATION_RESOURCES / VOCABULARY_FILE, SpeakersFile)

    def words(key: str) -> list[str]:
        return folded_words(getattr(data, key))

    return SpeakerVocabulary(
        institution_nouns=frozenset(words("institution_nouns")),
        definite_determiners=frozenset(words("definite_determiners")),
        gap_prepositions=frozenset(words("inversion_gap_prepositions")),
        question_markers=tuple(sorted(words("interview_question_markers"), key=len, reverse=True)),
        interview_cues=tuple(words("interview_cues")),
        address_words=frozenset(words("interview_address_words")),
        interview_end_markers=tuple(words("interview_end_markers")),
        subject_openers=frozenset(words("subject_openers")),
        subject_trailers=frozenset(words("subject_trailers")),
        document_nouns=frozenset(words("document_nouns")),
        ignorable_leads=tuple(words("ignorable_leads")),
        group_nouns=frozenset(words("group_nouns")),
        issuer_pattern=re.compile(
            rf"(?:\s+[\w-]+){{0,2}}?\s+{phrase_alternation(words('issuer_links'))}(?:\s+|(?<='))"
        ),
        issuer_agent_pattern=re.compile(
            rf"\s+{phrase_alternation(words('issuing_participles'))}"
            r"(?:\s+[\w'-]+){0,6}?\s+par(?:\s+|$)"
        ),
        passive_auxiliaries=frozenset(words("passive_auxiliaries")),
        relative_pronouns=frozenset(words("relative_pronouns")),
        inversion_auxiliaries=frozenset(words("inversion_auxiliaries")),
        impersonal_source_pattern=re.compile(
            r"[\s,]*(?:[\w']+-(?:t-)?on(?:\s+[\w']+){0,2}?)\s+"
            rf"{phrase_alternation(words('impersonal_source_links'))}\s*"
        ),
        inversion_non_verbs=frozenset(words("inversion_non_verbs")),
        inversion_verb_endings=tuple(words("inversion_verb_endings")),
        feminine_nouns=frozenset(words("feminine_nouns")),
        feminine_suffixes=tuple(words("feminine_suffixes")),
        person_nouns=frozenset(words("epicene_person_nouns"))
        | frozenset(folded_words(vocabulary.role_nouns())),
        feminine_determiners=frozenset(words("feminine_determiners")),
        time_words=tuple(words("inversion_time_words")),
        issuing_verbs=frozenset(words("issuing_verbs")),
        document_prepositions=frozenset(words("document_prepositions")),
        role_synonyms=tuple(
            frozenset(_role_key(w) for w in folded_words(group)) for group in data.role_synonyms
        ),
        latter_pattern=re.compile(
            rf"(?<![\w']){phrase_alternation(words('latter_phrases'))}(?![\w'])"
        ),
        latter_followers=tuple(words("latter_followers")),
        same_source_pattern=re.compile(
            rf"^\s*(?:\w+\s+){{0,2}}?{phrase_alternation(words('same_source_phrases'))}(?![\w'])"
        ),
        subject_stop_pattern=re.compile(
            rf",|(?<![\w']){phrase_alternation(words('inverted_subject_stops'))}(?![\w'])"
        ),
        incidental_pattern=re.compile(
            rf"(?<![\w']){phrase_alternation(words('incidental_phrases'))}(?![\w'])"
        ),
        issuer_stop_pattern=re.compile(
            rf"[,.;:!?()«»\n\"]|(?<![\w'])"
            rf"{phrase_alternation(words('subject_openers') + words('subject_trailers'))}(?![\w'])"
        ),
    )


def _role_key(noun: str) -> str:
    """A role noun's key as the first pass writes it (``quotes.noun_key``: "présidente")."""
    return noun[:-1] if noun.endswith("e") else noun


def _speaker_name(mention: dict[str, Any], text: str) -> str:
    for value in (mention.get("entity_id"), mention.get("text")):
        if isinstance(value, str) and value.strip():
            return value
    return text[int(mention["start"]) : int(mention["end"])]
