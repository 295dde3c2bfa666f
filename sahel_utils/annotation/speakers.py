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
  the interviewee (the person the lead names most);
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
- last, for quotes no rule attributed, the parse of the quote's sentence
  (``predicates.parser_nlp``: the parser of the process's one pipeline): from the
  quote's head up to the first verb with a subject or a passive agent outside
  the quote ("la France vient de suspendre « … »", "accusés par le pouvoir
  malien d'être des « … »"); a relative "qui" takes its antecedent.

A quote left without a speaker keeps ``speaker=None`` and ``speaker_source=None``.
The French words are data: ``resources/fr/speakers.yaml``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sahel_utils.annotation.gazetteer import load_gazetteer
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
from sahel_utils.core.normalize import fold_same_length

VOCABULARY_FILE = "speakers.yaml"


@register_schema("annotation", "speakers.yaml")
class SpeakersFile(Lexicon):
    """``speakers.yaml``: the words of the structural speaker rules."""

    institution_nouns: list[Word]
    definite_determiners: list[Word]
    inversion_gap_prepositions: list[Word]
    interview_question_markers: list[Word]
    interview_cues: list[Word]
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
_PRONOUN = re.compile(r"-(?:t-)?(il|elle)s?\b|\bselon (lui|elle)\b|^\s*(il|elle)s?\b")
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
        subject_openers=frozenset(words("subject_openers")),
        subject_trailers=frozenset(words("subject_trailers")),
        document_nouns=frozenset(words("document_nouns")),
        ignorable_leads=tuple(words("ignorable_leads")),
        group_nouns=frozenset(words("group_nouns")),
        issuer_pattern=re.compile(
            rf"(?:\s+[\w-]+){{0,2}}?\s+{phrase_alternation(words('issuer_links'))}(?:\s+|(?<='))"
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
        incidental_pattern=re.compile(
            rf"(?<![\w']){phrase_alternation(words('incidental_phrases'))}(?![\w'])"
        ),
        issuer_stop_pattern=re.compile(
            rf"[,.;:!?()«»\n\"]|(?<![\w'])"
            rf"{phrase_alternation(words('subject_openers') + words('subject_trailers'))}(?![\w'])"
        ),
    )


def _speaker_name(mention: dict[str, Any], text: str) -> str:
    for value in (mention.get("entity_id"), mention.get("text")):
        if isinstance(value, str) and value.strip():
            return value
    return text[int(mention["start"]) : int(mention["end"])]


class _Refiner:
    """The article seen by the second pass (built on the first pass's ``_Article``)."""

    def __init__(
        self,
        article: Any,
        resolver: Any,
        quotes: Sequence[Any],
        rows: list[dict[str, Any]],
        mentions: Sequence[dict[str, Any]],
        vocab: SpeakerVocabulary,
    ) -> None:
        self.art = article
        self.resolver = resolver
        self.text: str = article.text
        self.folded: str = article.folded
        self.quotes = list(quotes)
        self.rows = rows
        self.vocab = vocab
        self.people = [
            (int(m["start"]), int(m["end"]), _speaker_name(m, self.text))
            for m in article.people
            if not article.in_quote(int(m["start"]))
        ]
        self.countries = sorted(
            (int(m["start"]), int(m["end"]))
            for m in mentions
            if m.get("entity_type") in {"country", "bloc"}
        )
        self.things = sorted(
            (int(m["start"]), int(m["end"]))
            for m in mentions
            if m.get("entity_type") in {"country", "bloc", "organization"}
        )
        self.female, self.male = self._genders(getattr(resolver, "female", set()))
        self._parses: dict[tuple[int, int], Any] = {}
        self.interviewee = self._interviewee()
        self.main_person = self._main_person()

    # ------------------------------------------------------------ knowledge

    def _genders(self, known_female: set[str]) -> tuple[set[str], set[str]]:
        female, male = set(known_female), set()
        for start, end, name in self.people:
            before = self.folded[max(0, start - 12) : start].lower()
            after = self.folded[end : end + 12].lower()
            if (
                _FEMALE_BEFORE.search(before)
                or _FEMALE_AFTER.match(after)
                or self._feminine_apposition(start, end)
            ):
                female.add(name)
            elif _MALE_BEFORE.search(before) or _MALE_AFTER.match(after):
                male.add(name)
        return female, male - female

    def _feminine_noun(self, determiner: str, noun: str) -> bool:
        """Whether a determiner and a noun name a woman ("la présidente", "l'avocate")."""
        vocab = self.vocab
        marked = noun in vocab.feminine_nouns or noun.endswith(vocab.feminine_suffixes)
        if determiner in vocab.feminine_determiners:
            return marked or noun in vocab.person_nouns
        return determiner == "l'" and marked

    def _feminine_apposition(self, start: int, end: int) -> bool:
        """A feminine noun phrase in apposition to a name, before or after it.

        "L'avocate de Bernard, Alexandra Michel, …", "la présidente du tribunal, X",
        "X, la directrice de …": the phrase opens with a feminine determiner and a
        noun of a person, or "l'" and a noun with a feminine ending.
        """
        head = self.folded[max(0, start - 80) : start].lower()
        head = re.split(r"[.;:!?«»\"“”()\n]", head)[-1].rstrip(" \t\u00a0,")
        segment = head.rsplit(",", 1)[-1]
        words = _WORD.findall(segment)
        if len(words) >= 2 and self._feminine_noun(words[0], words[1]):
            return True
        tail = re.match(r"\s*,\s*(la|l'|une)\s*([\w-]+)", self.folded[end : end + 40].lower())
        return tail is not None and self._feminine_noun(tail.group(1), tail.group(2))

    def _fits(self, name: str, feminine: bool | None) -> bool:
        if feminine is None:
            return True
        return name not in (self.male if feminine else self.female)

    def _interviewee(self) -> str | None:
        """The interviewee of a question-and-answer layout, else None."""
        paragraphs = [p.strip() for p in self.folded.split("\n") if p.strip()]
        if len(paragraphs) < 3:
            return None
        markers = 0
        for written in self.text.split("\n"):  # the folded text has no capitals
            lowered = fold_same_length(written.strip()).lower()
            if _NAMED_QUESTION.match(written.strip()) or any(
                re.match(rf"{re.escape(m)}\s*[:\-–—]", lowered) for m in self.vocab.question_markers
            ):
                markers += 1
        questions = sum(1 for p in paragraphs if p.rstrip(' »"”').endswith("?"))
        lead = " ".join(paragraphs[:2]).lower()
        cued = any(cue in lead for cue in self.vocab.interview_cues)
        if markers < 2 and not (cued and questions >= 2):
            return None
        lead_end = self.folded.find(paragraphs[1]) + len(paragraphs[1])
        named = Counter(name for start, _, name in self.people if start < lead_end)
        if not named:
            return None
        overall = Counter(name for _, _, name in self.people)
        return max(named, key=lambda n: (overall[n], -min(s for s, _, x in self.people if x == n)))

    def _main_person(self) -> str | None:
        counts = Counter(name for _, _, name in self.people).most_common(2)
        if not counts or counts[0][1] < _TOPIC_MIN_MENTIONS:
            return None
        if len(counts) > 1 and counts[0][1] < 2 * counts[1][1]:
            return None
        return counts[0][0]

    # -------------------------------------------------------------- helpers

    def _gap_alternation(self) -> str:
        """The regex alternation of the prepositions opening a complement after a verb."""
        return phrase_alternation(sorted(self.vocab.gap_prepositions))

    def _limit_after(self, pos: int) -> int:
        """End of the reporting clause after a quote: next quote, line break or 200 chars."""
        end = min(len(self.text), pos + _INVERTED_WINDOW)
        newline = self.text.find("\n", pos, end)
        if newline != -1:
            end = newline
        for quote in self.quotes:
            if pos <= quote.open_at < end:
                end = quote.open_at
                break
        return end

    def _person_at(self, start: int, end: int) -> tuple[int, int, str] | None:
        for person in self.people:
            if start <= person[0] < end:
                return person
        return None

    def _persons_between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [p for p in self.people if start <= p[0] < end]

    def _unnamed_subject_after(self, pos: int, end: int) -> bool:
        """An unnamed role stands as a subject between ``pos`` and ``end`` ("le porte-parole")."""
        resolved = getattr(self.resolver, "resolved", {})
        return any(
            ref.kind == "role"
            and (ref.subject or ref.source)
            and resolved.get(id(ref)) is None
            and pos < ref.start < end
            for ref in self.art.refs
        )

    def _nearest(self, index: int, feminine: bool | None) -> str | None:
        """The nearest compatible person: last speaker or last person named, whichever is later.

        None when an unnamed role ("le porte-parole du gouvernement") is the subject
        after that person: the pronoun stands for the role.
        """
        found = self._nearest_candidate(index, feminine)
        if found is None:
            return None
        position, name = found
        if self._unnamed_subject_after(position, self.quotes[index].open_at):
            return None
        return name

    def _nearest_candidate(self, index: int, feminine: bool | None) -> tuple[int, str] | None:
        """The nearest fitting person; for "elle" a woman known as one first, if any."""
        if feminine:
            known = self._nearest_fitting(index, lambda name: name in self.female)
            if known is not None:
                return known
        return self._nearest_fitting(index, lambda name: self._fits(name, feminine))

    def _nearest_fitting(self, index: int, fits: Any) -> tuple[int, str] | None:
        quote = self.quotes[index]
        spoken = None
        for j in range(index - 1, -1, -1):
            row = self.rows[j]
            if row.get("speaker") and row.get("speaker_source") not in _COLLECTIVE_SOURCES:
                if fits(row["speaker"]):
                    spoken = (self.quotes[j].open_at, str(row["speaker"]))
                    break
        named = None
        for start, _, name in reversed(self.people):
            if start < quote.open_at and fits(name):
                named = (start, name)
                break
        if spoken and named:
            # a name between the last quote and this one takes over only as a subject
            takes_over = (
                named[0] > self.quotes[index - 1].close_at
                and named[1] != spoken[1]
                and self._subject_like(named[0])
            )
            return named if takes_over else spoken
        return spoken or named

    def _subject_like(self, pos: int) -> bool:
        """A name opening its sentence or clause ("Isabelle X est une artiste")."""
        s_start = self.art.sentences[self.art.sentence_of(pos)][0]
        lead = self.folded[s_start:pos].strip().lower()
        return not lead or lead.endswith(",") or lead in {"mais", "et", "alors"}

    def _sentence_lead(self, quote: Any) -> str:
        """The text of the quote's sentence before its opening mark, boilerplate dropped.

        "Lire aussi :" and the like are links the page left in the text, not words
        of the sentence.
        """
        s_start = self.art.sentences[self.art.sentence_of(quote.open_at)][0]
        lead = self.text[s_start : quote.open_at]
        folded = fold_same_length(lead).lower().strip()
        for filler in self.vocab.ignorable_leads:
            if re.fullmatch(rf"{re.escape(filler)}\s*:?", folded):
                return ""
        return lead

    def _noun_phrase(self, start: int, end: int) -> str | None:
        """An institution noun phrase in ``text[start:end]`` (determiner stripped), else None."""
        end = self._subject_end(start, end)
        words = [m for m in _WORD.finditer(self.folded, start, end)]
        while words and words[0].group().lower() in self.vocab.subject_openers:
            words.pop(0)
        while words and words[-1].group().lower() in self.vocab.subject_trailers:
            words.pop()
        if not words or len(words) > _MAX_SUBJECT_WORDS:
            return None
        first = words[0].group().lower()
        if first in {"le", "la", "les", "l'", "du", "des", "de", "d'"}:
            words.pop(0)
            if words and words[0].group().lower() in {"la", "l'"}:
                words.pop(0)
        if not words:
            return None
        p_start, p_end = words[0].start(), words[-1].end()
        phrase = self.folded[p_start:p_end].lower()
        head = words[0].group().lower()
        if self._person_at(p_start, p_end) is not None:
            return None
        institution = head in self.vocab.institution_nouns or any(
            phrase.startswith(n + " ") or phrase == n for n in self.vocab.institution_nouns
        )
        written = self.text[p_start : words[0].end()]
        thing = any(s <= p_start < e for s, e in self.things) and not (
            written[:1].islower() and head not in self.vocab.institution_nouns
        )
        if not (institution or thing):
            return None
        if thing and not institution and len(words) > 4:
            return None
        bare = len(words) == 1 and institution and written[:1].islower()
        return (bare and self._fuller_institution(head, p_start)) or self.text[p_start:p_end].strip(
            " ,"
        )

    def _names_country(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` names a country or a bloc, or holds a demonym."""
        if any(start <= s and e <= end for s, e in self.countries):
            return True
        gazetteer = load_gazetteer()
        return any(
            gazetteer.country_from_adjective(m.group())
            for m in _WORD.finditer(self.text, start, end)
        )

    def _fuller_institution(self, head: str, before: int) -> str | None:
        """An earlier mention of a bare institution noun with its country ("la présidence").

        "a indiqué la présidence burkinabé … a déclaré la présidence": the nearest
        earlier mention of the same noun, outside quotes, whose phrase (up to
        punctuation, a preposition of a complement, an auxiliary or a verb) names a
        country, is the institution meant.
        """
        folded = self.folded.lower()
        noun = re.compile(rf"(?<![\w'-]){re.escape(head)}(?![\w-])")
        gap = re.compile(rf"(?<![\w'])(?:{self._gap_alternation()})(?![\w'])")
        for match in reversed(list(noun.finditer(folded, 0, before))):
            if self.art.in_quote(match.start()):
                continue
            limit = min(len(folded), match.end() + 100)
            ends = [limit]
            for pattern in (self.vocab.issuer_stop_pattern, gap):
                stop = pattern.search(folded, match.end(), limit)
                if stop:
                    ends.append(stop.start())
            verbs = self.art.verbs_between(match.end(), limit)
            if verbs:
                ends.append(verbs[0][0])
            end = min(ends)
            if not self._names_country(match.end(), end):
                continue
            phrase = self.text[match.start() : end].strip(" ,")
            if len(_WORD.findall(phrase)) <= _MAX_SUBJECT_WORDS:
                return phrase
        return None

    def _subject_end(self, start: int, end: int) -> int:
        """Where a subject's phrase ends: before an incidental phrase or an auxiliary "a".

        "l'armée malienne a pour sa part dénoncé", "l'armée, de son côté, a dénoncé":
        the phrase is "l'armée malienne", "l'armée".
        """
        aside = self.vocab.incidental_pattern.search(self.folded.lower(), start, end)
        if aside is not None:
            end = aside.start()
        for word in _WORD.finditer(self.text, start, end):
            if word.group() in {"a", "ont"} and word.start() > start:
                return word.start()
        return end

    def _bare_clause(self, clause: int, v_start: int) -> bool:
        """Whether the clause before a verb is only an aside: the subject is further back.

        "l'armée a, de son côté, dénoncé", "X, pour sa part, a dénoncé": the clause
        holds no word but auxiliaries and an incidental phrase, and the clause before
        it (or this one) holds that phrase.
        """
        folded = self.folded.lower()
        rest = self.vocab.incidental_pattern.sub(" ", folded[clause:v_start])
        if any(w not in self.vocab.subject_trailers for w in _WORD.findall(rest)):
            return False
        previous = self.art.clause_start(clause - 1)
        return self.vocab.incidental_pattern.search(folded, previous, v_start) is not None

    def _phrase_words(self, start: int, end: int) -> list[re.Match[str]]:
        """Words of ``text[start:end]`` without clause openers, trailers and determiner."""
        words = list(_WORD.finditer(self.folded, start, end))
        while words and words[0].group().lower() in self.vocab.subject_openers:
            words.pop(0)
        while words and words[-1].group().lower() in self.vocab.subject_trailers:
            words.pop()
        while words and words[0].group().lower() in self.vocab.definite_determiners | {
            "les",
            "des",
            "un",
            "une",
            "du",
            "de",
            "d'",
        }:
            words.pop(0)
        return words

    def _group_phrase(self, start: int, end: int) -> str | None:
        """A plural noun of people speaking as one ("des chercheurs londoniens"), else None."""
        words = self._phrase_words(start, end)
        if not words or len(words) > _MAX_SUBJECT_WORDS:
            return None
        if words[0].group().lower() not in self.vocab.group_nouns:
            return None
        if self._person_at(words[0].start(), words[-1].end()) is not None:
            return None
        return self.text[words[0].start() : words[-1].end()].strip(" ,")

    def _issuer_after(self, pos: int, limit: int) -> tuple[str | None, str | None]:
        """The issuer in "du ministère X", "de la présidence" right after a document noun."""
        tail = self.folded[pos:limit].lower()
        link = self.vocab.issuer_pattern.match(tail)
        if link is None:
            return None, None
        start = pos + link.end()
        stop = self.vocab.issuer_stop_pattern.search(tail, link.end())
        end = pos + (stop.start() if stop else len(tail))
        return self._speaker_in(start, end, documents=False)

    def _document_issuer(self, start: int, end: int) -> tuple[str | None, str | None]:
        """Who issued the document ``text[start:end]`` names ("selon le communiqué").

        The complement after the noun ("le communiqué du ministère nigérien de la
        défense"), else the complement of the last mention of the same noun before it
        ("Un communiqué de la présidence … selon le communiqué").
        """
        words = self._phrase_words(start, end)
        if not words or words[0].group().lower() not in self.vocab.document_nouns:
            return None, None
        head = words[0]
        stop = _HARD_STOP.search(self.text, head.end(), min(len(self.text), head.end() + 120))
        limit = stop.start() if stop else min(len(self.text), head.end() + 120)
        found = self._issuer_after(head.end(), limit)
        if found[0]:
            return found[0], "document"
        noun = re.compile(rf"(?<!\w){re.escape(head.group().lower())}(?!\w)")
        earlier = list(noun.finditer(self.folded[:start].lower()))
        for match in reversed(earlier):
            stop = _HARD_STOP.search(self.text, match.end(), min(len(self.text), match.end() + 120))
            limit = stop.start() if stop else min(len(self.text), match.end() + 120)
            found = self._issuer_after(match.end(), limit)
            if found[0]:
                return found[0], "document"
        country = any(s_ >= head.end() and e_ <= words[-1].end() for s_, e_ in self.countries)
        if country:  # "le communiqué américain": the document, its issuer's nationality told
            return self.text[head.start() : words[-1].end()], "document"
        return None, None

    def _role_ref(self, start: int, end: int) -> Any:
        """The first pass's role reference starting in ``text[start:end]``, else None."""
        for ref in self.art.refs:
            if ref.kind == "role" and start <= ref.start < end:
                return ref
        return None

    def _named_role_holder(self, start: int, end: int) -> str | None:
        """A role without determiner ("du porte-parole"): the last person named with it."""
        from sahel_utils.annotation.quotes import noun_key

        words = self._phrase_words(start, end)
        if not words or self._role_ref(start, end) is not None:
            return None
        role = self.art.vocab.role_pattern.match(self.folded.lower(), words[0].start())
        if role is None or role.end() != words[-1].end():
            return None
        key = noun_key(role.group())
        if key in self.art.vocab.generic_role_nouns:
            return None
        holders = [r for r in getattr(self.resolver, "names", []) if r.end <= start]
        for ref in reversed(holders):
            if key in ref.nouns:
                return str(ref.speaker)
        return None

    def _description(self, ref: Any) -> str | None:
        """An unnamed official with a country ("le chef de la diplomatie danoise"), as written."""
        if not ref.country:
            return None
        words = self._phrase_words(ref.start, ref.end)
        if not words:
            return None
        return self.text[words[0].start() : words[-1].end()]

    def _speaker_in(
        self, start: int, end: int, documents: bool = True
    ) -> tuple[str | None, str | None]:
        """Who ``text[start:end]`` names as a speaker: a person, a role, an institution…"""
        person = self._person_at(start, end)
        if person is not None:
            return person[2], "verb_subject"
        named = self._named_role_holder(start, end)
        if named is not None:
            return named, "anaphora"
        ref = self._role_ref(start, end)
        if ref is not None:
            resolved = getattr(self.resolver, "resolved", {}).get(id(ref))
            if resolved is not None:
                return resolved, "anaphora"
            description = self._description(ref)
            if description is not None:
                return description, "description"
        if documents:
            return self._collective_in(start, end)
        phrase = self._noun_phrase(start, end)
        if phrase:
            return phrase, "institution"
        group = self._group_phrase(start, end)
        return (group, "group") if group else (None, None)

    def _family_name_after(self, start: int, end: int) -> str | None:
        """A capitalised word right after ``start`` that is the family name of someone named."""
        word = re.match(r"\s+([A-ZÀ-Ý][\w'-]+)", self.text[start:end])
        if word is None:
            return None
        key = fold_same_length(word.group(1)).lower()
        for _, _, name in reversed(self.people):
            parts = fold_same_length(name).lower().split()
            if len(parts) > 1 and parts[-1] == key:
                return name
        return None

    def _antecedent(self, comma: int) -> tuple[str | None, str | None]:
        """Who the noun phrase before ", qui" names.

        "précise le communiqué du porte-parole, qui dénonce « … »": the last person
        named in the phrase, else its role, document or institution.
        """
        start = self.art.clause_start(comma)
        verbs = self.art.verbs_between(start, comma)
        if verbs:
            start = verbs[-1][1]
        people = self._persons_between(start, comma)
        if people:
            return people[-1][2], "verb_subject"
        return self._speaker_in(start, comma)

    def _clause_subject(self, v_start: int) -> tuple[str | None, str | None]:
        """The subject of a verb before its quote: a person, an institution, a description.

        A passive verb ("le Tchad est décrit par l'OIE comme …") has its agent as
        the speaker, never its subject.
        """
        clause = self.art.clause_start(v_start)
        verb = _WORD.match(self.folded, v_start)
        s_start = self.art.sentences[self.art.sentence_of(v_start)][0]
        while clause > s_start and self._bare_clause(clause, v_start):
            clause = self.art.clause_start(clause - 1)  # "X a, de son côté, dénoncé"
        if (
            verb
            and verb.group().endswith("ant")
            and clause > s_start
            and not (self.folded[clause:v_start].strip())
        ):
            return self._main_subject(v_start)  # "…, indiquant que « … »"
        before = _WORD.findall(self.folded[max(clause, v_start - 12) : v_start].lower())
        if before and before[-1] in self.vocab.passive_auxiliaries:
            return self._passive_agent(v_start)
        lead = _WORD.findall(self.folded[clause:v_start].lower())
        if lead[:1] and lead[0] in self.vocab.relative_pronouns and self.text[clause - 1] == ",":
            return self._antecedent(clause - 1)
        people = [p for p in self.people if clause <= p[0] and p[1] <= v_start]
        if people:
            start, end, name = people[-1]
            gap = self.text[end:v_start]
            if (
                len(gap) <= 40
                and not self.art.verbs_between(end, v_start)
                and not _HARD_STOP.search(gap)
            ):
                return name, "verb_subject"
            return None, None
        phrase = self._noun_phrase(clause, v_start)
        if phrase:
            return phrase, "institution"
        ref = self._role_ref(clause, v_start)
        if ref is not None and getattr(self.resolver, "resolved", {}).get(id(ref)) is None:
            topic = self._role_topic(ref)
            if topic is not None:
                return topic, "anaphora"
        return self._definite_subject(clause, v_start)

    def _main_subject(self, v_start: int) -> tuple[str | None, str | None]:
        """The subject of the sentence's main verb, from the parse (for a participle clause)."""
        index = next((i for i, q in enumerate(self.quotes) if q.open_at > v_start), None)
        if index is None:
            return None, None
        quote = self.quotes[index]
        s_start, s_end = self.art.sentences[self.art.sentence_of(v_start)]
        doc = self._parse(s_start, max(s_end, quote.close_at + 1))
        span = (quote.open_at - s_start, quote.close_at - s_start + 1)
        for root in (t for t in doc if t.head.i == t.i):
            for child in root.children:
                if child.dep_ == "nsubj" and child.idx < v_start - s_start:
                    return self._parsed_speaker(index, child, s_start, span)
        return None, None

    def _role_topic(self, ref: Any) -> str | None:
        """The person an unresolved role subject stands for: the one just named, if compatible.

        "Laurent Fabius se dit favorable à … Le président socialiste de l'Assemblée
        nationale juge que …": the nearest person named or quoted in the two sentences
        before, unless that person's known country or office differs from the role's.
        """
        index = next((i for i, q in enumerate(self.quotes) if q.open_at > ref.start), None)
        if index is None:
            return None
        found = self._nearest_candidate(index, True if ref.female else None)
        if found is None:
            return None
        position, name = found
        if self.art.sentence_of(ref.start) - self.art.sentence_of(position) > 2:
            return None
        generic = self.art.vocab.generic_role_nouns
        specific = ref.nouns - generic
        for named in getattr(self.resolver, "names", []):
            if named.speaker != name:
                continue
            if ref.country and named.country and ref.country != named.country:
                return None
            if specific and named.nouns - generic and not specific & named.nouns:
                return None
        return name

    def _passive_agent(self, v_start: int) -> tuple[str | None, str | None]:
        """The agent of a passive reporting verb ("décrit par l'OIE comme …")."""
        agent = re.match(r"\w+\s+par\s+", self.folded[v_start : v_start + 40].lower())
        if agent is None:
            return None, None
        start = v_start + agent.end()
        stop = re.search(r"[,.;:!?()«»\n]|\bcomme\b", self.folded[start : start + 120].lower())
        end = start + (stop.start() if stop else 120)
        phrase = self._noun_phrase(start, end)
        return (phrase, "institution") if phrase else (None, None)

    def _definite_subject(self, clause: int, v_start: int) -> tuple[str | None, str | None]:
        """A definite description as subject ("l'artiste explique") is the nearest person."""
        s_start = self.art.sentences[self.art.sentence_of(v_start)][0]
        words = _WORD.findall(self.folded[clause:v_start].lower())
        while words and words[0] in self.vocab.subject_openers:
            words.pop(0)
        while words and words[-1] in self.vocab.subject_trailers:
            words.pop()
        if not (
            (clause == s_start or self.text[clause - 1] == ",")
            and 2 <= len(words) <= 5
            and words[0] in {"le", "la", "l'", "cette", "ce", "cet"}
        ):
            return None, None
        noun = words[1]
        if noun in self.vocab.document_nouns or any(
            s <= clause + 40 and e >= clause for s, e in self.things
        ):
            return None, None
        feminine = True if words[0] in {"la", "cette"} else None
        index = next(i for i, q in enumerate(self.quotes) if q.open_at > v_start)
        return self._nearest(index, feminine), "anaphora"

    # ---------------------------------------------------------------- rules

    def verb_subject(self, index: int) -> tuple[str | None, str | None]:
        """The subject of the reporting verb before the quote in its sentence."""
        quote, row = self.quotes[index], self.rows[index]
        if not row.get("cue"):
            return None, None
        s_start = self.art.sentences[self.art.sentence_of(quote.open_at)][0]
        verbs = self.art.verbs_between(s_start, quote.open_at)
        if not verbs:
            return None, None
        return self._clause_subject(verbs[-1][0])

    def colon(self, index: int) -> tuple[str | None, str | None]:
        """The one person before the colon ("… la thèse de Paul Poast, politologue : « … »")."""
        quote = self.quotes[index]
        lead = self._sentence_lead(quote)
        if not lead.rstrip(" \t\u00a0").endswith(":"):
            return None, None
        colon_at = quote.open_at - len(lead) + lead.rstrip(" \t\u00a0").rfind(":")
        s_start = quote.open_at - len(lead)
        close = [p for p in self._persons_between(max(s_start, colon_at - 120), colon_at)]
        if not close:
            return None, None
        start, end, name = close[-1]
        # "… la thèse de Paul Poast, politologue à l'Université de Chicago : « … »"
        if self.art.verbs_between(end, colon_at):
            return None, None
        return name, "colon"

    def apposition(self, index: int) -> tuple[str | None, str | None]:
        """A name set after the quote in parentheses or after a dash.

        "« Il n'y a pas … » (Capitaine Ibrahim Traoré)", "« … » — Moussa Traoré": the
        first person named before the closing parenthesis or the end of the line.
        """
        quote = self.quotes[index]
        pos = quote.close_at + 1
        lead = re.match(r"[ \t\u00a0]*(\(|[-–—][ \t\u00a0]*)", self.text[pos : pos + 6])
        if lead is None:
            return None, None
        start = pos + lead.end()
        if lead.group(1) == "(":
            close = self.text.find(")", start, start + 120)
            end = close if close != -1 else -1
        else:
            stop = _HARD_STOP.search(self.text, start, start + 120)
            end = stop.start() if stop else min(len(self.text), start + 120)
        if end == -1:
            return None, None
        person = self._person_at(start, end)
        if person is None or self.art.verbs_between(start, person[0]):
            return None, None
        return person[2], "apposition"

    def earlier_in_sentence(self, index: int) -> tuple[str | None, str | None]:
        """A quote after an attributed quote of its sentence, no one new between them.

        "la souveraine a salué ce « … », et souhaité que … « … »", "X juge qu'elle
        comporte « … » : elle « … », « … » et « … »": the words go on in one voice
        unless a name or a role is named between the two quotes.
        """
        if index == 0:
            return None, None
        quote, previous = self.quotes[index], self.quotes[index - 1]
        if self.art.sentence_of(quote.open_at) != self.art.sentence_of(previous.close_at):
            return None, None
        speaker = self.rows[index - 1].get("speaker")
        if not speaker:
            return None, None
        if self.text[previous.start : previous.end].rstrip(' »"”').endswith((".", "!", "?")):
            return None, None  # the previous quote ended its sentence (the tagger joined them)
        gap_start, gap_end = previous.close_at + 1, quote.open_at
        if "\n" in self.text[gap_start:gap_end]:
            return None, None
        for ref in self.art.refs:
            if gap_start <= ref.start < gap_end and ref.kind in ("name", "role"):
                return None, None
        if self._collective_in(gap_start, gap_end)[0]:
            return None, None
        return str(speaker), "continuation"

    def same_sentence(self, index: int) -> tuple[str | None, str | None]:
        """A later quote's speaker in the sentence ("Cet « acte » vise à « … », a dénoncé X")."""
        if index + 1 >= len(self.rows) or self.rows[index].get("cue"):
            return None, None
        quote, following = self.quotes[index], self.quotes[index + 1]
        if self.art.sentence_of(quote.open_at) != self.art.sentence_of(following.open_at):
            return None, None
        if self._persons_between(quote.close_at, following.open_at):
            return None, None
        row = self.rows[index + 1]
        if row.get("speaker") and row.get("speaker_source") in {"inverted", "incise"} | (
            _COLLECTIVE_SOURCES
        ):
            return str(row["speaker"]), str(row["speaker_source"])
        return None, None

    def _inverted_verb(self, index: int) -> tuple[int, int, int] | None:
        """The reporting verb inverted right after a quote ("« … », a dit"), with the limit."""
        quote = self.quotes[index]
        pos = quote.close_at + 1
        limit = self._limit_after(pos)
        lead = re.match(r"[ \t\u00a0]*,?[ \t\u00a0]*", self.text[pos:limit])
        inside = self.text[quote.start : quote.end].rstrip()
        verbs = self.art.verbs_between(pos, limit)
        shaped = self._shaped_verb(pos, limit, inside)
        if shaped is not None and (not verbs or shaped[0] <= verbs[0][0]):
            return (*shaped, limit)
        if not verbs:
            return None
        v_start, v_end = verbs[0]
        lead_end = lead.end() if lead else 0  # the pattern matches the empty string
        if _HARD_STOP.search(self.text, pos + lead_end, v_start):
            return None
        between = self.text[pos:v_start]
        # "« … », a dit X", "« … ?» répond X", "« … » a précisé X", "« … » depuis 1970, a averti X"
        adjacent = all(
            w in self.vocab.inversion_auxiliaries
            for w in _WORD.findall(fold_same_length(between).lower())
        ) and not _HARD_STOP.search(between)
        if not (adjacent or "," in between or inside.endswith((",", "?", "!", "…"))):
            return None
        if not adjacent and v_start - pos > 120:
            return None
        if not self.art.clause_initial_verb(v_start, coordinated=False):
            return None
        if self.folded[v_start:v_end].endswith("ant"):
            return None
        return v_start, v_end, limit

    def _shaped_verb(self, pos: int, limit: int, inside: str) -> tuple[int, int] | None:
        """An inverted verb known by its shape, not its lexicon ("« … », soupirait-elle").

        Right after the quote (and its comma, or a quote ending with "?", "!", ","): a
        lower-case word ending like a conjugated verb (or a participle after "a",
        "avait"…), followed by "-t-il"/"-elle", a determiner or a capitalised name.
        """
        vocab = self.vocab
        lead = re.match(r"[ \t\u00a0]*(,?)[ \t\u00a0]*", self.text[pos:limit])
        if lead is None or not (lead.group(1) or inside.endswith((",", "?", "!", "…"))):
            return None
        words = list(_WORD.finditer(self.folded, pos + lead.end(), limit))[:3]
        if not words or words[0].start() != pos + lead.end():
            return None
        index = 0
        if words[0].group().lower() == "s'" and len(words) > 1:
            words = words[1:]  # "s'indigne-t-elle": the reflexive pronoun is a word of its own
        first = words[0].group().lower()
        auxiliary = _INVERTED_SUFFIX.sub("", first)
        if auxiliary in vocab.inversion_auxiliaries and len(words) > 1:
            index, word = 1, words[1]
            verb = word.group().lower()
        else:
            word, verb = words[0], first
        if not self.text[word.start() : word.start() + 1].islower():
            return None
        bare = _INVERTED_SUFFIX.sub("", verb)
        inverted = bare != verb or (index == 1 and auxiliary != first)
        if bare in vocab.inversion_non_verbs or bare in vocab.institution_nouns:
            return None
        if index == 0 and not bare.endswith(vocab.inversion_verb_endings):
            return None
        v_end = word.start() + len(word.group()) - (len(verb) - len(bare))
        if not inverted and not re.match(
            r"\s+(?:(?:le|la|les|l'|un|une|son|sa|ses|ce|cet|cette|notre|leur)\b|[A-ZÀ-Ý])",
            self.text[v_end:limit],
        ):
            return None
        return word.start(), v_end

    def inverted(self, index: int) -> tuple[str | None, str | None]:
        """Subject after an inverted reporting verb: a name, a description, an institution."""
        found = self._inverted_verb(index)
        if found is None:
            return None, None
        v_start, v_end, limit = found
        pos = self.quotes[index].close_at + 1
        around = self.folded[pos : min(limit, v_end + 8)].lower()
        pronoun = re.search(r"-(?:t-)?(il|elle)s?\b", around)
        if pronoun and pronoun.group().endswith("s"):  # "ont-ils souligné": a group
            group = self._plural_group(index)
            return (group, "group") if group else (None, None)
        if pronoun:
            feminine = pronoun.group(1) == "elle"
            return self._nearest(index, feminine), "pronoun"
        stop = _HARD_STOP.search(self.text, v_end, limit)
        clause_end = stop.start() if stop else limit
        person = self._person_at(v_end, clause_end)
        if person is not None and not self.art.verbs_between(v_end, person[0]):
            return person[2], "inverted"
        named = self._family_name_after(v_end, clause_end)
        if named is not None:
            return named, "inverted"
        after = self.folded[v_end:clause_end].lower()
        # a complement may stand between the verb and its subject ("a affirmé dans un
        # communiqué le ministère …", "a dit à la presse le porte-parole …")
        det = re.match(
            rf"\s+(?:{phrase_alternation(self.vocab.time_words)}\s+){{0,3}}"
            rf"(?:{self._gap_alternation()}\s+[^,]{{0,30}}?\s+)?"
            r"(le|la|l'|ce|cet|cette|notre|leur|son|sa|les)\s*",
            after,
        )
        if det is None:
            return None, None
        np_end = re.search(r",|\bqui\b|\bdans\b|\blors\b", after[det.end() :])
        np_stop = v_end + det.end() + (np_end.start() if np_end else len(after) - det.end())
        collective = self._collective_in(v_end + det.start(1), np_stop)
        if collective[0]:
            return collective
        head = _WORD.match(self.text, v_end + det.end())
        if head is not None and head.group()[:1].isupper() and head.end() <= np_stop:
            # "« … », conseille la Poste", "a indiqué le Pentagone": a proper noun
            return self.text[head.start() : np_stop].strip(" ,"), "institution"
        if det.group(1) in self.vocab.definite_determiners:
            feminine = True if det.group(1) in {"la", "cette", "sa"} else None
            return self._nearest(index, feminine), "anaphora"
        return None, None

    def _plural_group(self, index: int) -> str | None:
        """The group a plural pronoun stands for: the last group noun before the quote.

        "une dizaine de délégués … ont appelé … « … », ont-ils souligné": the noun
        (``group_nouns``) of the same or the previous two sentences, outside quotes.
        """
        quote = self.quotes[index]
        s_index = self.art.sentence_of(quote.open_at)
        start = self.art.sentences[max(0, s_index - 2)][0]
        last = None
        for match in _WORD.finditer(self.folded, start, quote.open_at):
            if match.group().lower() in self.vocab.group_nouns and not self.art.in_quote(
                match.start()
            ):
                last = match
        return None if last is None else self.text[last.start() : last.end()]

    def pronoun(self, index: int) -> tuple[str | None, str | None]:
        """A pronoun subject ("Il dit …", "selon elle", "-t-il"): the nearest compatible speaker."""
        quote = self.quotes[index]
        row = self.rows[index]
        cue = fold_same_length(str(row.get("cue") or "")).lower()
        lead = fold_same_length(self._sentence_lead(quote)).lower()
        found = _PRONOUN.search(cue) or _PRONOUN.search(lead)
        if found is None:
            return None, None
        word = next(g for g in found.groups() if g)
        if found.group().endswith("s"):  # "ils ont dit", "ont-elles ajouté": a group
            group = self._plural_group(index)
            return (group, "group") if group else (None, None)
        return self._nearest(index, word == "elle"), "pronoun"

    def feminine_pronoun(self, index: int) -> str | None:
        """A better referent for "elle": a woman named as a subject since the last quote.

        The first pass resolves "elle" to the last woman it knows ("la directrice
        X"); a woman introduced later ("Y est une artiste …") is nearer.
        """
        quote, row = self.quotes[index], self.rows[index]
        cue = fold_same_length(str(row.get("cue") or "")).lower()
        lead = fold_same_length(self._sentence_lead(quote)).lower()
        tail = self.folded[quote.close_at + 1 : quote.close_at + 40].lower()
        inverted = re.match(r"[\s,]*[\w']+(?:\s+[\w']+)?-(?:t-)?(il|elle)\b", tail)
        found = _PRONOUN.search(cue) or _PRONOUN.search(lead) or inverted
        if found is None or next(g for g in found.groups() if g) != "elle":
            return None
        candidate = self._nearest(index, True)
        if candidate and candidate != row.get("speaker") and candidate in self.female:
            return candidate
        return None

    def collective_pronoun(self, index: int) -> tuple[str | None, str | None]:
        """An institution a singular pronoun stands for ("Le gouvernement a dénoncé … « … »,
        a-t-il ajouté").

        The quote's pronoun ("-t-il", "il dit", "selon elle") follows, in the same or
        the previous paragraph, a quote of an institution or a document's issuer,
        or a sentence whose reporting verb has an institution as subject, with no
        person named since: the pronoun is that institution, when the gender of its
        determiner ("le gouvernement", "la junte") does not contradict the pronoun.
        """
        quote, row = self.quotes[index], self.rows[index]
        cue = fold_same_length(str(row.get("cue") or "")).lower()
        lead = fold_same_length(self._sentence_lead(quote)).lower()
        tail = self.folded[quote.close_at + 1 : quote.close_at + 40].lower()
        inverted = re.match(r"[\s,]*[\w']+(?:\s+[\w']+)?-(?:t-)?(il|elle)\b", tail)
        found = _PRONOUN.search(cue) or _PRONOUN.search(lead) or inverted
        if found is None or found.group().endswith("s"):
            return None, None
        feminine = next(g for g in found.groups() if g) == "elle"
        candidate = self._collective_before(index)
        if candidate is None:
            return None, None
        start, speaker, source = candidate
        gap = self.text[start : quote.open_at]
        if len(gap) > _CONTINUATION_GAP or gap.count("\n") > 2:
            return None, None
        if self._persons_between(start, quote.open_at):
            return None, None
        determiner = re.search(r"(\w+'?)\s*$", self.folded[max(0, start - 6) : start].lower())
        word = determiner.group(1) if determiner else ""
        if (feminine and word in {"le", "du", "au"}) or (not feminine and word == "la"):
            return None, None
        return speaker, source

    def _collective_before(self, index: int) -> tuple[int, str, str] | None:
        """The last institution speaking before a quote: a quote's or a reporting verb's subject.

        Returns the position of the institution's phrase, its name and its source.
        """
        quote = self.quotes[index]
        if index > 0:
            row = self.rows[index - 1]
            if row.get("speaker") and row.get("speaker_source") in {"institution", "document"}:
                previous = self.quotes[index - 1]
                start = self.art.sentences[self.art.sentence_of(previous.open_at)][0]
                word = re.search(
                    re.escape(str(row["speaker"])), self.text[start : previous.open_at]
                )
                if word is not None:
                    return start + word.start(), str(row["speaker"]), str(row["speaker_source"])
        s_index = self.art.sentence_of(quote.open_at)
        if s_index == 0:
            return None
        p_start, p_end = self.art.sentences[s_index - 1]
        for v_start, _ in self.art.verbs_between(p_start, p_end):
            clause = self.art.clause_start(v_start)
            speaker, source = self._collective_in(clause, v_start)
            if speaker and source in {"institution", "document"}:
                at = self.text.find(speaker, clause, v_start)
                return (at if at != -1 else clause), speaker, source
        return None

    def continuation(self, index: int) -> tuple[str | None, str | None]:
        """A quotation going on after a quote of the same speaker (« … » then « … »)."""
        if index == 0 or self.rows[index].get("cue"):
            return None, None
        quote, previous = self.quotes[index], self.quotes[index - 1]
        speaker = self.rows[index - 1].get("speaker")
        if not speaker or self.rows[index - 1].get("speaker_source") in _COLLECTIVE_SOURCES:
            return None, None
        gap = self.text[previous.close_at + 1 : quote.open_at]
        if len(gap) > _CONTINUATION_GAP or gap.count("\n") > 2:
            return None, None
        if self._sentence_lead(quote).strip(" \t\u00a0-–—:"):
            return None, None
        others = [
            p for p in self._persons_between(previous.close_at, quote.open_at) if p[2] != speaker
        ]
        if others:
            return None, None
        # another reporting verb with its own subject between them starts another voice
        for v_start, _ in self.art.verbs_between(previous.close_at + 1, quote.open_at):
            if v_start - previous.close_at > 60:
                return None, None
        return str(speaker), "continuation"

    def _document_noun(self, index: int) -> tuple[int, int] | None:
        """The document noun of a quote's clause ("dans un communiqué", "poursuit le texte")."""
        quote = self.quotes[index]
        pos = quote.close_at + 1
        limit = self._limit_after(pos)
        stop = _HARD_STOP.search(self.text, pos, limit)
        tail_end = stop.start() if stop else limit
        s_start = self.art.sentences[self.art.sentence_of(quote.open_at)][0]
        folded = self.folded.lower()
        determiners = r"(?:un|une|le|la|l'|son|sa|leur|ce|cette)\s*"
        linked = re.compile(rf"(?<![\w'])(?:dans|selon|d'apres)\s+{determiners}([\w-]+)")
        for start, end in ((pos, tail_end), (s_start, quote.open_at)):
            for match in linked.finditer(folded, start, end):
                if match.group(1) in self.vocab.document_nouns:
                    return match.start(1), match.end(1)
        inverted = self._inverted_verb(index)
        if inverted is None:
            return None
        after = re.compile(rf"\s+{determiners}([\w-]+)").match(folded, inverted[1], tail_end)
        if after and after.group(1) in self.vocab.document_nouns:
            return after.start(1), after.end(1)
        return None

    def document_source(self, index: int) -> tuple[str | None, str | None]:
        """A quote taken from a document named without its issuer.

        "« … », indique-t-il dans un communiqué", "« … », poursuit le texte": the
        issuer named at another mention of the same document noun ("le communiqué
        du gouvernement"), else the speaker of the previous quote when that quote
        came from a document or an institution too (the text goes on).
        """
        quote = self.quotes[index]
        noun = self._document_noun(index)
        if noun is None:
            return None, None
        issuer = self._issuer_anywhere(self.folded[noun[0] : noun[1]].lower())
        if issuer:
            return issuer, "document"
        if index == 0:
            return None, None
        previous, row = self.quotes[index - 1], self.rows[index - 1]
        gap = self.text[previous.close_at + 1 : quote.open_at]
        if not row.get("speaker") or len(gap) > _CONTINUATION_GAP or gap.count("\n") > 2:
            return None, None
        if self._persons_between(previous.close_at, quote.open_at):
            return None, None
        if row.get("speaker_source") in _COLLECTIVE_SOURCES:
            return str(row["speaker"]), "document"
        return None, None

    def _issuer_anywhere(self, noun: str) -> str | None:
        """The issuer named at any mention of a document noun, the earliest first."""
        pattern = re.compile(rf"(?<!\w){re.escape(noun)}(?!\w)")
        for match in pattern.finditer(self.folded.lower()):
            stop = _HARD_STOP.search(self.text, match.end(), min(len(self.text), match.end() + 120))
            limit = stop.start() if stop else min(len(self.text), match.end() + 120)
            found = self._issuer_after(match.end(), limit)
            if found[0]:
                return found[0]
        return None

    def previous_sentence(self, index: int) -> tuple[str | None, str | None]:
        """A quotation standing as a sentence after a sentence naming one person.

        "Une diversification qu'approuve X, secrétaire général de Y. « … »": the
        quote has no reporting verb and fills its sentence; the sentence before it,
        in the same paragraph, names one person (outside quotes) and quotes no one else.
        A quotation opening a paragraph takes the one person of the previous
        paragraph's last sentence when that sentence has a reporting verb ("X s'est
        exprimé lundi devant la presse.", then a paragraph « … »).
        """
        quote, row = self.quotes[index], self.rows[index]
        if row.get("cue") or self._sentence_lead(quote).strip(" \t\u00a0-–—:"):
            return None, None
        s_index = self.art.sentence_of(quote.open_at)
        s_start, s_end = self.art.sentences[s_index]
        rest = self.text[quote.close_at + 1 : max(s_end, quote.close_at + 1)]
        if rest.strip(' \t\u00a0.!?…»"”'):
            return None, None
        if s_index == 0:
            return None, None
        p_start, p_end = self.art.sentences[s_index - 1]
        breaks = self.text[p_start:s_start].count("\n")
        # the last sentence of the previous paragraph counts when its verb reports speech
        if breaks > 2 or (breaks and not self.art.verbs_between(p_start, p_end)):
            return None, None
        names = {name for _, _, name in self._persons_between(p_start, s_start)}
        if len(names) != 1:
            return None, None
        if index > 0 and self.quotes[index - 1].close_at >= p_start:
            return None, None
        return names.pop(), "anaphora"

    def interview(self, index: int) -> tuple[str | None, str | None]:
        """In a question-and-answer layout, a quote of an answer is the interviewee's."""
        quote, row = self.quotes[index], self.rows[index]
        if self.interviewee is None or row.get("cue"):
            return None, None
        s_start, s_end = self.art.sentences[self.art.sentence_of(quote.open_at)]
        if self._persons_between(s_start, max(s_end, quote.close_at)):
            return None, None
        para_start = self.text.rfind("\n", 0, quote.open_at) + 1
        para = self.folded[para_start : quote.open_at].lower().lstrip()
        if any(para.startswith(m) for m in self.vocab.question_markers):
            return None, None
        if self.text[quote.start : quote.end].rstrip(' »"”').endswith("?"):
            return None, None  # a question quoted back
        return self.interviewee, "interview"

    def standalone(self, index: int) -> tuple[str | None, str | None]:
        """A stand-alone quotation in an article about one person is that person's."""
        quote, row = self.quotes[index], self.rows[index]
        if row.get("cue"):
            return None, None
        words = _WORD.findall(self.text[quote.start : quote.end])
        if len(words) < _STANDALONE_MIN_WORDS:
            return None, None
        s_index = self.art.sentence_of(quote.open_at)
        s_start, s_end = self.art.sentences[s_index]
        if self._persons_between(s_start, max(s_end, quote.close_at)):
            return None, None
        if self._sentence_lead(quote).strip(" \t\u00a0-–—:"):
            return None, None
        tail = self.folded[quote.close_at + 1 : quote.close_at + 40].lower()
        if re.match(r"[\s,]*(?:selon|d'apres|pour)\b", tail):
            return None, None
        if self.main_person is not None:
            return self.main_person, "topic"
        return None, None

    def impersonal_source(self, index: int) -> tuple[str | None, str | None]:
        """An inverted "on" verb and its source: "« … », peut-on lire dans le communiqué".

        An inverted verb with "on" right after the quote, then a preposition
        (``impersonal_source_links``): the speaker is who the phrase after it names
        (a document's issuer, an institution, a person).
        """
        quote = self.quotes[index]
        pos = quote.close_at + 1
        limit = self._limit_after(pos)
        tail = self.folded[pos:limit].lower()
        match = self.vocab.impersonal_source_pattern.match(tail)
        if match is None:
            return None, None
        start = pos + match.end()
        stop = re.search(r"[,.;:!?()«»\n]", self.text[start:limit])
        end = start + (stop.start() if stop else limit - start)
        found = self._speaker_in(start, end)
        if found[0] and found[1] == "verb_subject":
            return found[0], "source_phrase"
        return found

    def institution_subject(self, index: int) -> tuple[str | None, str | None]:
        """An institution subject of the verb before the quote, or after "selon"."""
        quote, row = self.quotes[index], self.rows[index]
        s_start = self.art.sentences[self.art.sentence_of(quote.open_at)][0]
        folded = self.folded
        for match in re.finditer(
            r"(?<![\w'])(selon|d'apres)\s+", folded[s_start : quote.open_at].lower()
        ):
            start = s_start + match.end()
            stop = _HARD_STOP.search(self.text, start, quote.open_at)
            comma = self.text.find(",", start, quote.open_at)
            end = min(
                x
                for x in (
                    stop.start() if stop else quote.open_at,
                    comma if comma != -1 else quote.open_at,
                    quote.open_at,
                )
            )
            found = self._collective_in(start, end)
            if found[0]:
                return found
        after = quote.close_at + 1
        limit = self._limit_after(after)
        tail = folded[after:limit].lower()
        m = re.match(r"[\s,]*(?:\.\s*)?(?:selon|d'apres)\s+", tail)
        if m:
            start = after + m.end()
            stop = re.search(r"[,.;:!?()«»\n]", self.text[start:limit])
            end = start + (stop.start() if stop else limit - start)
            found = self._collective_in(start, end)
            if found[0]:
                return found
        if not row.get("cue"):
            return None, None
        verbs = self.art.verbs_between(s_start, quote.open_at)
        if not verbs:
            return None, None
        v_start = verbs[-1][0]
        clause = self.art.clause_start(v_start)
        return self._collective_in(clause, v_start)

    def parse_subject(self, index: int) -> tuple[str | None, str | None]:
        """The subject (or passive agent) of the verb governing the quote, from the parse.

        The quote's sentence is parsed (only for quotes no other rule attributed);
        from the quote's head the parse is walked up to the first verb with a subject
        or an agent outside the quote: "la France vient de suspendre « … »", "les
        soldats accusés par le pouvoir malien d'être des « … »".
        """
        quote = self.quotes[index]
        s_start = self.art.sentences[self.art.sentence_of(quote.open_at)][0]
        s_end = self.art.sentences[self.art.sentence_of(quote.close_at)][1]
        doc = self._parse(s_start, max(s_end, quote.close_at + 1))
        low, high = quote.open_at - s_start, quote.close_at - s_start + 1

        def quoted(token: Any) -> bool:
            return bool(low <= token.idx < high)

        heads = [t for t in doc if quoted(t) and (t.head.i == t.i or not quoted(t.head))]
        if not heads:
            return None, None
        token = heads[0]
        for _ in range(_MAX_PARSE_STEPS):
            for dep in _SPEAKER_DEPS:
                for child in token.children:
                    if child.dep_ != dep or quoted(child):
                        continue
                    found = self._parsed_speaker(index, child, s_start, (low, high))
                    if found[0]:
                        return found
            if token.head.i == token.i:
                break
            token = token.head
        return None, None

    def _parse(self, start: int, end: int) -> Any:
        key = (start, end)
        if key not in self._parses:
            from sahel_utils.annotation.predicates import parser_nlp

            self._parses[key] = parser_nlp().parse_at(self.text, start, end)
        return self._parses[key]

    def _parsed_speaker(
        self, index: int, token: Any, offset: int, quote: tuple[int, int]
    ) -> tuple[str | None, str | None]:
        """Who a subject or agent token of the parse names (its phrase, clauses cut)."""
        if token.pos_ == "PRON":
            word = fold_same_length(token.text).lower()
            if word in {"il", "elle"}:
                return self._nearest(index, word == "elle"), "pronoun"
            return None, None
        cut = [
            c
            for c in token.children
            if c.dep_ in _CUT_DEPS or c.right_edge.idx >= quote[0] > token.idx
        ]
        kept = [
            t for t in token.subtree if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in cut)
        ]
        start = offset + min(t.idx for t in kept)
        end = offset + max(t.idx + len(t.text) for t in kept)
        return self._speaker_in(start, end)

    def _collective_in(self, start: int, end: int) -> tuple[str | None, str | None]:
        """An institution, a group or a document's issuer in ``text[start:end]``."""
        issuer = self._document_issuer(start, end)
        if issuer[0]:
            return issuer
        phrase = self._noun_phrase(start, end)
        if phrase:
            return phrase, "institution"
        group = self._group_phrase(start, end)
        if group:
            return group, "group"
        return None, None


def refine_speakers(
    article: Any,
    resolver: Any,
    quotes: Sequence[Any],
    rows: list[dict[str, Any]],
    mentions: Sequence[dict[str, Any]],
    vocabulary: SpeakerVocabulary | None = None,
) -> list[dict[str, Any]]:
    """Give a speaker to the quotes the first pass left without one (in place).

    Args:
        article: The first pass's prepared article (``quotes._Article``).
        resolver: The first pass's resolver (``quotes._Resolver``).
        quotes: The quote spans of ``rows``, one per row, in text order.
        rows: Quote rows with ``speaker``, ``cue`` and ``speaker_source``.
        mentions: Entity rows of the article.
        vocabulary: Word lists (default: ``resources/fr/speakers.yaml``).

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
        refiner.apposition,
        refiner.inverted,
        refiner.pronoun,
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
    )
    replaced: dict[str, str] = {}  # speakers corrected on the previous quote
    for index, row in enumerate(rows):
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
    for index in range(len(rows) - 2, -1, -1):  # a quote taking a later quote's speaker
        if not rows[index].get("speaker"):
            speaker, source = refiner.same_sentence(index)
            if speaker:
                rows[index]["speaker"], rows[index]["speaker_source"] = speaker, source
    return rows


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
        if speaker:
            row["speaker"], row["speaker_source"] = speaker, source
            return
