"""Speakers by structure: a second pass over the quotes the first pass left unattributed.

:func:`sahel_utils.annotation.quotes.extract_quotes` attributes quotes with the
rules of French press writing and labels each attribution with its
``speaker_source``. This module gives a speaker to the quotes it left without one,
from the structure of the text rather than the last person named:

- ``apposition``: a name in parentheses or after a dash right after the quote
  ("« … » (Capitaine Ibrahim Traoré)");
- ``inverted``: the subject after an inverted reporting verb, past a role phrase
  or a complement ("« … », a affirmé le président du mouvement burkinabè des
  droits de l'homme (MBDHP), Chrisogone Zougmoré"); the verb may be known by its
  shape rather than the lexicon ("« … », soupirait-elle", "« … », analyse le
  propriétaire, X"), and a capitalised subject is an institution ("conseille la
  Poste"); a plural pronoun ("ont-ils souligné") is the group named before;
- ``anaphora``: a definite description after an inverted verb ("« … », témoigne
  le sociétaire de Liverpool", "confie l'artiste") is the nearest speaker before
  it, else the last person named;
- ``pronoun``: "a-t-il/elle ajouté", "selon lui/elle", "Il dit …" is the nearest
  speaker of the same gender (gender known from "Mme", "la ministre", "X est
  une …", a feminine apposition "l'avocate de X, Y"; unknown gender fits both,
  but "elle" prefers a woman known as one);
- ``continuation``: a quotation opening its sentence right after a quote of the
  same speaker, in the same paragraph or the next one (« … » then « … »), with
  no other person named between them; or a later quote of a sentence whose
  earlier quote is attributed, no name or role between them ("a salué ce « … »,
  et souhaité que … « … »");
- ``anaphora`` also covers an unresolved role as subject ("le président socialiste
  de l'Assemblée juge que « … »"): the person named just before, unless that
  person's known country or office differs;
- ``source_phrase`` also covers an inverted "on" verb and its source ("« … »,
  peut-on lire dans le communiqué", "a-t-on appris auprès de la mairie");
- ``interview``: in a question-and-answer layout, quotes of the answers belong to
  the interviewee (the person the lead names most); so do the answers written
  without marks (:func:`interview_answers`, found by ``quotes.extract_quotes``);
- ``topic``: a stand-alone quotation (a whole sentence, no reporting verb) in an
  article about one person (named at least three times, twice as often as
  anyone else) is that person's;
- ``institution``: the subject of the reporting verb is an institution, a
  country or a capital ("la Banque mondiale a averti", "selon la junte au
  pouvoir à Bamako", "a dénoncé le ministère russe des affaires étrangères");
  the speaker is the noun phrase without its determiner;
- ``group``: a plural noun of people speaking as one ("selon des chercheurs
  londoniens", "les chercheurs du Mali disent attendre « … »");
- ``document``: a document as source ("selon le communiqué", "précise le
  communiqué du porte-parole") is its issuer, named with the noun or at an
  earlier mention of the same noun ("Un communiqué du ministère … Selon le
  communiqué, …");
- ``description``: an unnamed official of a country as subject ("le chef de la
  diplomatie danoise a rappelé l'« … »") is described as written;
- an institution named by its bare noun ("a déclaré la présidence") is its nearest
  earlier mention with a country ("la présidence burkinabé"); incidental phrases
  and auxiliaries end an institution subject ("l'armée a, de son côté, dénoncé");
- ``document`` also covers a document named without issuer ("« … », indique-t-il
  dans un communiqué", "poursuit le texte"): the issuer at another mention of the
  same noun, else the previous quote's institution;
- a singular pronoun after an institution's quote or an institution subject, no
  person named since ("Le gouvernement a dénoncé … « … », a-t-il ajouté"), is
  that institution;
- ``anaphora`` also covers a stand-alone quotation after a sentence naming one
  person ("Une décision qu'approuve X. « … »"), or opening a paragraph after a
  reporting sentence naming one person;
- ``document`` also covers a quoted statement that names its issuer in its first
  words ("« Le gouvernement de la République X informe … »" after "un communiqué lu
  à la télévision :", or before "ont-ils déclaré dans un communiqué") when the
  reporting clause names no one, and a document introduced earlier by its issuer
  ("Dans un communiqué, X a …", "X a publié un communiqué … Le texte précise");
- a sentence-final inverted verb governs the earlier quotes of its sentence that
  have no reporting verb of their own ("X a « pris note » et « … », dit Y");
  "…, ajoute cette même source" is the source of the quote before; "ce dernier" is
  the person named last; "Pour X, « … »" and "à en croire X" name the source;
- a group noun alone ("selon les experts", "les manifestants") names no one: the
  quote keeps no speaker and no later rule is tried;
- last, for quotes no rule attributed, the parse of the quote's sentence
  (``predicates.parser_nlp``: the parser of the process's one pipeline): from the
  quote's head up to the first verb with a subject or a passive agent outside
  the quote ("la France vient de suspendre « … »", "accusés par le pouvoir
  malien d'être des « … »"); a relative "qui" takes its antecedent; an unlisted
  proper noun subject is an institution as written; a present participle ("…,
  assurant « … »") takes the nearest subject before it.

A quote left without a speaker keeps ``speaker=None`` and ``speaker_source=None``.
The French words are data: ``resources/fr/speakers.yaml``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from sahel_utils.annotation.speakers_context import interview_answers
from sahel_utils.annotation.speakers_discourse import _Discourse
from sahel_utils.annotation.speakers_vocabulary import (
    ANONYMOUS,
    SPEAKER_SOURCES,
    VOCABULARY_FILE,
    SpeakersFile,
    SpeakerVocabulary,
    load_speaker_vocabulary,
)

__all__ = [
    "SPEAKER_SOURCES",
    "VOCABULARY_FILE",
    "SpeakerVocabulary",
    "SpeakersFile",
    "interview_answers",
    "load_speaker_vocabulary",
    "refine_speakers",
]


class _Refiner(_Discourse):
    """The article seen by the second pass (built on the first pass's ``_Article``).

    The rules are layered, each module on the one before: ``speakers_context`` (the
    article, its people), ``speakers_phrases`` (who a phrase names),
    ``speakers_subjects`` (clause subjects, the parse), ``speakers_inversion`` (what
    follows a quote), ``speakers_discourse`` (the quotes and sentences around).
    """


def refine_speakers(
    article: Any,
    resolver: Any,
    quotes: Sequence[Any],
    rows: list[dict[str, Any]],
    mentions: Sequence[dict[str, Any]],
    vocabulary: SpeakerVocabulary | None = None,
    answers: Collection[int] = (),
) -> list[dict[str, Any]]:
    """Give a speaker to the quotes the first pass left without one (in place).

    Args:
        article: The first pass's prepared article (``quotes._Article``).
        resolver: The first pass's resolver (``quotes._Resolver``).
        quotes: The quote spans of ``rows``, one per row, in text order.
        rows: Quote rows with ``speaker``, ``cue`` and ``speaker_source``.
        mentions: Entity rows of the article.
        vocabulary: Word lists (default: ``resources/fr/speakers.yaml``).
        answers: Indices of the rows that are an interview's answers written without
            marks: the interviewee's, no other rule tried.

    Returns:
        ``rows``, with ``speaker`` and ``speaker_source`` filled where the structure
        says who speaks.

    """
    if not rows:
        return rows
    refiner = _Refiner(
        article, resolver, quotes, rows, mentions, vocabulary or load_speaker_vocabulary()
    )
    rules = (
        refiner.self_named_issuer,
        refiner.apposition,
        refiner.inverted,
        refiner.pronoun,
        refiner.latter_subject,
        refiner.verb_subject,
        refiner.impersonal_source,
        refiner.institution_subject,
        refiner.document_source,
        refiner.colon,
        refiner.earlier_in_sentence,
        refiner.interview,
        refiner.continuation,
        refiner.previous_sentence,
        refiner.standalone,
        refiner.parse_subject,
        refiner.participle_subject,
    )
    replaced: dict[str, str] = {}  # speakers corrected on the previous quote
    for index in answers:  # an interview's answer is the interviewee's, no rule tried
        rows[index]["speaker"] = refiner.interviewee
        rows[index]["speaker_source"] = "interview" if refiner.interviewee else None
    for index, row in enumerate(rows):
        if index in answers:
            continue
        _institution_for_pronoun(refiner, row, index)
        if row.get("speaker") and row.get("speaker_source") in {"pronoun", "source_phrase"}:
            better = refiner.feminine_pronoun(index)
            if better:
                replaced = {str(row["speaker"]): better}
                row["speaker"] = better
        elif row.get("speaker_source") == "continuation" and row.get("speaker") in replaced:
            row["speaker"] = replaced[str(row["speaker"])]  # the quote continues the corrected one
        else:
            replaced = {}
        if not row.get("speaker"):
            _first_rule(row, index, rules)
    _later_speakers(refiner, rows, answers)
    return rows


def _later_speakers(
    refiner: _Refiner, rows: list[dict[str, Any]], answers: Collection[int]
) -> None:
    """Give quotes a later quote's speaker (in place), in the same sentence."""
    for index in range(len(rows) - 2, -1, -1):  # a quote taking a later quote's speaker
        # "X a « pris note » et « … », dit Y": without a reporting verb of its own, the
        # quote is Y's when Y's inverted verb ends the sentence
        if index in answers:
            continue
        governed = not rows[index].get("cue") and refiner.reported_after(index + 1)
        if not rows[index].get("speaker") or governed:
            speaker, source = refiner.same_sentence(index)
            if speaker:
                rows[index]["speaker"], rows[index]["speaker_source"] = speaker, source


def _institution_for_pronoun(refiner: _Refiner, row: dict[str, Any], index: int) -> None:
    """Give a pronoun's quote to the institution it stands for (in place), if any."""
    if row.get("speaker_source") == "pronoun" or not row.get("speaker"):
        speaker, source = refiner.collective_pronoun(index)
        if speaker:
            row["speaker"], row["speaker_source"] = speaker, source


def _first_rule(row: dict[str, Any], index: int, rules: Sequence[Any]) -> None:
    """Write the speaker and source of the first rule that finds one for the quote."""
    for rule in rules:
        speaker, source = rule(index)
        if source == ANONYMOUS:
            return  # "selon les experts": the text names a source but not who it is
        if speaker:
            row["speaker"], row["speaker_source"] = speaker, source
            return
