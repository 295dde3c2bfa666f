"""The article seen by the second pass: people, genders, nearest fitting person, limits.

The base of the speaker rules (:mod:`sahel_utils.annotation.speakers`): the
first pass's article and quotes, the people named outside quotes with their
gender, the interviewee and main person, and the helpers every rule uses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from sahel_utils.annotation.speakers_vocabulary import (
    _COLLECTIVE_SOURCES,
    _FEMALE_AFTER,
    _FEMALE_BEFORE,
    _INVERTED_WINDOW,
    _MALE_AFTER,
    _MALE_BEFORE,
    _NAMED_QUESTION,
    _TOPIC_MIN_MENTIONS,
    _WORD,
    SpeakerVocabulary,
    _speaker_name,
)
from sahel_utils.core.lexicon import phrase_alternation
from sahel_utils.core.normalize import fold_same_length

#: "Ibrahim Traoré : Nous …", "Réponse : …": a short label opening an answer (each
#: of its words capitalised)
_ANSWER_LABEL = re.compile(r"[A-ZÀ-Ý][\w'’.-]*(?:\s+[\w'’.-]+){0,3}\s*:\s+")
#: a quotation mark opening a paragraph: the answer is quoted (the quotes rules' case)
_OPENING_MARKS = '«“„"‹'


def _question_kind(written: str, vocab: SpeakerVocabulary) -> tuple[bool, bool, bool]:
    """Whether a paragraph is a question, is labelled as one, addresses the interviewee."""
    lowered = fold_same_length(written).lower().replace("’", "'")
    labelled = bool(_NAMED_QUESTION.match(written)) or any(
        re.match(rf"{re.escape(m)}\s*[:\-–—]", lowered) for m in vocab.question_markers
    )
    question = labelled or written.rstrip(' »"”').endswith("?")
    addressed = any(word in vocab.address_words for word in _WORD.findall(lowered))
    return question, labelled, addressed


def interview_answers(text: str, vocab: SpeakerVocabulary) -> list[tuple[int, int]]:
    """Offsets of the answers of a question-and-answer interview written without marks.

    The layout: at least two question paragraphs (ending with "?" or opened by a
    question label, "Question :") that address the interviewee ("vous", "votre")
    or are labelled,
    each followed by a paragraph that is no question, and the paragraphs before the
    first question announce an interview (``interview_cues``) unless the questions
    are labelled. The paragraphs from a question's answer up to the next question,
    or to a paragraph closing the interview ("Propos recueillis par"), are one
    answer; a label opening it ("X : …", "Réponse : …") is left out, and an answer
    opening with a quotation mark is left to the quotation rules.

    Args:
        text: Article text.
        vocab: The speaker vocabulary.

    Returns:
        ``(start, end)`` of each answer in text order; empty when the text is no
        interview.

    """
    paragraphs = [
        (m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)
    ]  # one per non-blank line
    kinds = [_question_kind(text[s:e].strip(), vocab) for s, e in paragraphs]
    asked = [
        i for i, (question, lab, addressed) in enumerate(kinds) if question and (addressed or lab)
    ]
    answered = [i for i in asked if i + 1 < len(kinds) and not kinds[i + 1][0]]
    if len(answered) < 2 or len(answered) < len(asked) - 1:
        return []
    lead = fold_same_length(" ".join(text[s:e] for s, e in paragraphs[: asked[0]])).lower()
    labelled = sum(1 for i in asked if kinds[i][1])
    if labelled < 2 and not any(cue in lead for cue in vocab.interview_cues):
        return []
    # once the layout is known, every question opens an answer ("Pourquoi ?")
    questions = [i for i, kind in enumerate(kinds) if kind[0] and i >= asked[0]]
    runs = [_answer_run(text, paragraphs, kinds, i, vocab) for i in questions]
    return [run for run in runs if run is not None]


def _answer_run(
    text: str,
    paragraphs: list[tuple[int, int]],
    kinds: list[tuple[bool, bool, bool]],
    question: int,
    vocab: SpeakerVocabulary,
) -> tuple[int, int] | None:
    """The answer after a question paragraph: offsets, label left out (None: quoted)."""
    j = question + 1
    while j < len(kinds) and not kinds[j][0]:
        lowered = fold_same_length(text[slice(*paragraphs[j])].strip()).lower()
        if lowered.startswith(vocab.interview_end_markers):
            break
        j += 1
    if j == question + 1:
        return None
    start, end = paragraphs[question + 1][0], paragraphs[j - 1][1]
    while start < end and text[start].isspace():
        start += 1
    label = _ANSWER_LABEL.match(text, start, end)
    if label and all(w[:1].isupper() for w in label.group().rstrip(" :").split()):
        start = label.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end or text[start] in _OPENING_MARKS:
        return None
    return start, end


class _Context:
    """The article, its people and the helpers the speaker rules share."""

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
            elif (
                _MALE_BEFORE.search(before)
                or _MALE_AFTER.match(after)
                or self._masculine_role_before(start)
            ):
                male.add(name)
        return female, male - female

    def _masculine_role_before(self, start: int) -> bool:
        """Whether a masculine role names the person: "le président X", "du ministre X"."""
        head = self.folded[max(0, start - 60) : start].lower()
        clause = re.split(r"[,.;:!?()«»\n]", head)[-1]
        words = _WORD.findall(clause)
        for i, word in enumerate(words[:-1]):
            if word in {"le", "du", "au"} and words[i + 1] in self.vocab.person_nouns:
                between = words[i + 2 :]  # "le ministre malien de la Défense X"
                return len(between) <= 4 and not any(
                    w in self.vocab.feminine_determiners
                    or w in self.vocab.inversion_auxiliaries
                    or w in self.art.vocab.verb_forms
                    for w in between
                )
        return False

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
            # the phrase describes the first name after it that is not its complement:
            # "l'avocate de X, Y" is Y, "la ministre X a reçu Y" is X, never Y
            links = self.art.vocab.complement_links
            nearer = [
                p
                for p in self._persons_between(start - len(segment), start)
                if self._word_before(p[0]) not in links
            ]
            if not nearer and words[-1] not in links:
                return True
        tail = re.match(r"\s*,\s*(la|l'|une)\s*([\w-]+)", self.folded[end : end + 40].lower())
        return tail is not None and self._feminine_noun(tail.group(1), tail.group(2))

    def _word_before(self, pos: int) -> str:
        """The folded word right before ``pos`` ("" when none)."""
        words = _WORD.findall(self.folded[max(0, pos - 12) : pos].lower())
        return words[-1] if words else ""

    def _fits(self, name: str, feminine: bool | None) -> bool:
        if feminine is None:
            return True
        return name not in (self.male if feminine else self.female)

    def _interviewee(self) -> str | None:
        """The interviewee of a question-and-answer layout, else None.

        The person the lead (first two paragraphs) names most, else the article's main
        person.
        """
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
        if not named:  # the lead names a role only: the person the article is about
            return self._main_person()
        overall = Counter(name for _, _, name in self.people)
        return max(named, key=lambda n: (overall[n], -min(s for s, _, x in self.people if x == n)))

    def _main_person(self) -> str | None:
        counts = Counter(name for _, _, name in self.people).most_common(2)
        if not counts or counts[0][1] < _TOPIC_MIN_MENTIONS:
            return None
        if len(counts) > 1 and counts[0][1] < 2 * counts[1][1]:
            return None
        return counts[0][0]

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

    def _parse(self, start: int, end: int) -> Any:
        key = (start, end)
        if key not in self._parses:
            from sahel_utils.annotation.predicates import parser_nlp

            self._parses[key] = parser_nlp().parse_at(self.text, start, end)
        return self._parses[key]
