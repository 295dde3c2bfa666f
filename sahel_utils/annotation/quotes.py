"""Quotes in French news text and the people who said them.

``extract_quotes`` finds spans between quotation marks (« … », “ … ”, " … ") and
attributes each to a speaker with rules of French press writing:

1. an inverted reporting clause after the quote ("« … », a déclaré X",
   "“ … ”, avait-il expliqué", "“ … ”, a lancé lors de cette réunion X");
2. a source phrase in the sentence ("selon X", "d'après le ministre");
3. the subject of the reporting verb before the quote ("X a salué une « … »",
   "le ministre X qui confiait ces propos : « … »"), or the subject of the
   sentence when a fragment is quoted without a reporting verb;
4. the next sentence when it opens with an attribution ("« … ». C'est ce
   qu'a déclaré X");
5. a quote opening its sentence takes the speaker of the sentence before it
   in the same paragraph when that sentence ends with a colon, holds an
   attributed quote (a quote continued), or reports speech without quoting
   ("X a pris la parole. « … »").

A subject may be a named person (a ``person`` mention), a role ("le ministre
russe", "son homologue burkinabè", "le responsable malien": the last person of
that country, or with that office, named in the article) or a subject pronoun
("il", "-t-il": the current topic, i.e. the last resolved subject or source;
"elle" prefers the last person marked as a woman by "la ministre", "Mme"…).
A quote whose sentence holds neither a speaker nor a reporting expression
gets ``speaker=None``. Quoted names of things ("l'opération « Barkhane »",
"intitulé « … »") are not speech and are skipped.

The French vocabulary (reporting verbs, role nouns, prepositions, naming cues)
is in ``resources/fr/speech_verbs.yaml``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sahel_utils.annotation.gazetteer import load_gazetteer
from sahel_utils.core import paths, vocabulary
from sahel_utils.core.lexicon import (
    NOTHING,
    Lexicon,
    Word,
    compile_phrases,
    load_lexicon,
    phrase_alternation,
    register_schema,
)
from sahel_utils.core.normalize import fold_same_length, normalize_for_nlp

VOCABULARY_FILE = "speech_verbs.yaml"
MAX_QUOTE_CHARS = 3000
_INVERTED_WINDOW = 160  # chars after a quote searched for "a déclaré X"
_APPOSITION_MAX_GAP = 50

_APPOSITION_THEN_QUI = re.compile(r"\s*,[^,.;:!?«»“”\"()\n]{1,80},\s*qui\b")
_WORD = re.compile(r"\w+(?:-\w+)*'?")
_MARKS = re.compile("[\n«»‹›“”„\"″]|(?<![\\w'’])'(?=')")
_INVERTED_PRONOUN = re.compile(r"-(?:t-)?(?:il|elle)$")
_SPACES = re.compile(r"[ \t]*")
_SPACES_ANY = re.compile(r"\s*")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]«»“”„\"\n.!?]")
_SENTENCE_END = re.compile(r"[.!?…]+[\s»”\"]*|\n")


# --------------------------------------------------------------------- vocabulary


def _fold_word(word: str) -> str:
    return fold_same_length(word.strip())


def _er_forms(infinitive: str) -> set[str]:
    """Press forms of a first-group verb (folded): participles, present, past, gerund."""
    words = _fold_word(infinitive).split()
    verb, rest = words[0], words[1:]
    tail = (" " + " ".join(rest)) if rest else ""
    if not verb.endswith("er"):
        return {verb + tail}
    stem = verb[:-2]
    soft = stem + "e" if stem.endswith("g") else stem  # engageait, engageant
    endings_stem = ["e", "ee", "es", "ees", "ent", "er", "era", "eront", "erait", "eraient"]
    endings_soft = ["ait", "aient", "ant", "a", "erent"]
    forms = {stem + end for end in endings_stem} | {soft + end for end in endings_soft}
    if stem.endswith(("el", "et")):  # rappelle, rappellent
        forms |= {stem + stem[-1] + "e", stem + stem[-1] + "ent"}
    return {form + tail for form in forms}


@register_schema("annotation", "speech_verbs.yaml")
class SpeechVerbsFile(Lexicon):
    """Schema of ``speech_verbs.yaml`` (role nouns are shared: ``core/resources/fr/roles.yaml``)."""

    regular_er_verbs: list[Word]
    irregular_verb_forms: dict[str, list[Word]]
    source_prepositions: list[Word]
    speech_nouns: list[Word]
    possessive_determiners: list[Word]
    clause_quote_openers: list[Word]
    naming_cues: list[Word]
    active_auxiliaries: list[Word]
    generic_role_nouns: list[Word]
    feminine_roles: list[Word]
    role_modifiers: list[Word]
    role_determiners: list[Word]
    subject_pronouns: list[Word]
    impersonal_after_il: list[Word]
    oblique_prepositions: list[Word]
    inversion_fillers: list[Word]
    clause_openers: list[Word]
    title_gap_words: list[Word]
    backward_openers: list[Word]
    clause_head_prepositions: list[Word]
    stressed_pronouns: list[Word]
    feminine_titles: list[Word]
    office_stopwords: list[Word]
    impersonal_copulas: list[Word]
    impersonal_complements: list[Word]
    office_links: list[Word]
    office_end_words: list[Word]
    complement_links: list[Word]
    coordinating_openers: list[Word]
    reflexive_pronouns: list[Word]
    cue_stop_words: list[Word]
    origin_links: list[Word]


@dataclass(frozen=True)
class QuoteVocabulary:
    """Folded French word lists used to find and attribute quotes."""

    verb_forms: frozenset[str]
    source_prepositions: tuple[str, ...]
    speech_nouns: frozenset[str]
    noun_pattern: re.Pattern[str]
    naming_cues: tuple[str, ...]
    role_nouns: tuple[str, ...]
    role_determiners: frozenset[str]
    subject_pronouns: frozenset[str]
    impersonal_after_il: tuple[str, ...]
    oblique_prepositions: frozenset[str]
    inversion_fillers: frozenset[str]
    clause_openers: frozenset[str]
    title_gap_words: frozenset[str]
    role_modifiers: frozenset[str]
    backward_openers: tuple[str, ...]
    generic_role_nouns: frozenset[str]
    feminine_roles: frozenset[str]
    verb_phrases: dict[str, tuple[str, ...]] = field(compare=False)
    role_pattern: re.Pattern[str] = field(compare=False)
    clause_quote_openers: frozenset[str] = frozenset()
    possessive_determiners: frozenset[str] = frozenset()
    clause_head_prepositions: frozenset[str] = frozenset()
    office_stopwords: frozenset[str] = frozenset()
    #: "selon lui", "d'après elle": a source preposition and a stressed pronoun
    source_pronoun_pattern: re.Pattern[str] = field(default=NOTHING, compare=False)
    #: "Mme", "Madame" right before a name
    feminine_title_pattern: re.Pattern[str] = field(default=NOTHING, compare=False)
    #: "il est ... de", "il sera ... que": "il" is impersonal
    impersonal_copula_pattern: re.Pattern[str] = field(default=NOTHING, compare=False)
    #: "il faut", "il y a": "il" is impersonal
    impersonal_pattern: re.Pattern[str] = field(default=NOTHING, compare=False)
    #: "[et] de la", "du": the link between an office noun and its portfolio
    office_link_pattern: re.Pattern[str] = field(default=NOTHING, compare=False)
    #: words that end an office's lower-case complement ("ministre de la Défense qui …")
    office_end_words: frozenset[str] = frozenset()
    #: "de", "du": a role's complement starts ("le porte-parole du gouvernement")
    complement_links: frozenset[str] = frozenset()
    #: "et", "de": a clause opening with them is no inversion ("… et a remercié")
    coordinating_openers: frozenset[str] = frozenset()
    #: "se", "s'": part of a reporting verb's cue ("s'est félicité")
    reflexive_pronouns: frozenset[str] = frozenset()
    #: words a reporting cue never extends back over ("de", "pour", "sa")
    cue_stop_words: frozenset[str] = frozenset()
    #: "a", "ont": before a naming participle, a speech act ("ce qu'il a appelé « … »")
    active_auxiliaries: frozenset[str] = frozenset()
    #: "« … » venant du Premier ministre X": the origin of a quoted phrase
    origin_pattern: re.Pattern[str] = field(default=NOTHING, compare=False)


def noun_key(noun: str) -> str:
    """Role noun key: folded, feminine ending dropped ("présidente" -> "president")."""
    key = fold_same_length(noun.strip())
    return key[:-1] if key.endswith("e") else key


@functools.lru_cache(maxsize=4)
def load_vocabulary(path: Path | None = None) -> QuoteVocabulary:
    """Read ``speech_verbs.yaml`` (default: the package's French resources).

    Args:
        path: Another vocabulary file with the same keys.

    Returns:
        The folded vocabulary with compiled patterns.

    """
    data = load_lexicon(path or paths.ANNOTATION_RESOURCES / VOCABULARY_FILE, SpeechVerbsFile)

    def words(key: str) -> list[str]:
        return [_fold_word(str(w)) for w in getattr(data, key)]

    verb_forms: set[str] = set()
    for infinitive in data.regular_er_verbs:
        verb_forms |= _er_forms(str(infinitive))
    for forms in data.irregular_verb_forms.values():
        verb_forms |= {_fold_word(str(f)) for f in forms}
    phrases: dict[str, list[str]] = {}
    for form in verb_forms:
        if " " in form:
            phrases.setdefault(form.split()[0], []).append(form)
    roles = [_fold_word(str(w)) for w in vocabulary.role_nouns()]
    head_only = frozenset(words("clause_head_prepositions"))
    source_preps = [p for p in words("source_prepositions") if p not in head_only]
    pronouns = phrase_alternation(words("stressed_pronouns"))
    copulas = phrase_alternation(words("impersonal_copulas"))
    complements = phrase_alternation(words("impersonal_complements"))
    role_pattern = compile_phrases(roles)
    return QuoteVocabulary(
        verb_forms=frozenset(f for f in verb_forms if " " not in f),
        source_prepositions=tuple(sorted(words("source_prepositions"), key=len, reverse=True)),
        speech_nouns=frozenset(words("speech_nouns")),
        noun_pattern=compile_phrases(words("speech_nouns")),
        naming_cues=tuple(sorted(words("naming_cues"), key=len, reverse=True)),
        active_auxiliaries=frozenset(words("active_auxiliaries")),
        role_nouns=tuple(roles),
        role_determiners=frozenset(words("role_determiners")),
        subject_pronouns=frozenset(words("subject_pronouns")),
        impersonal_after_il=tuple(words("impersonal_after_il")),
        oblique_prepositions=frozenset(
            str(w).strip().lower().replace("\u2019", "'") for w in data.oblique_prepositions
        ),
        inversion_fillers=frozenset(words("inversion_fillers")),
        clause_openers=frozenset(words("clause_openers")),
        title_gap_words=frozenset(words("title_gap_words")),
        role_modifiers=frozenset(words("role_modifiers")),
        backward_openers=tuple(words("backward_openers")),
        generic_role_nouns=frozenset(noun_key(w) for w in words("generic_role_nouns")),
        clause_quote_openers=frozenset(words("clause_quote_openers")),
        possessive_determiners=frozenset(words("possessive_determiners")),
        feminine_roles=frozenset(fold_same_length(w) for w in words("feminine_roles")),
        verb_phrases={k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()},
        role_pattern=role_pattern,
        clause_head_prepositions=head_only,
        office_stopwords=frozenset(words("office_stopwords")),
        source_pronoun_pattern=re.compile(
            rf"(?<![\w'])({phrase_alternation(source_preps)})\s+({pronouns})\b"
        ),
        feminine_title_pattern=re.compile(
            rf"\b{phrase_alternation(words('feminine_titles'))}\.?\s*$"
        ),
        impersonal_copula_pattern=re.compile(rf"\s+{copulas}\s+\w+\s+{complements}"),
        impersonal_pattern=re.compile(
            rf"\s+{phrase_alternation(words('impersonal_after_il'))}(?![\w])"
        ),
        office_link_pattern=re.compile(
            rf"[ \t]+(?:{phrase_alternation(words('coordinating_openers'))}[ \t]+)?"
            rf"{phrase_alternation(words('office_links'))}[ \t]*"
        ),
        office_end_words=frozenset(words("office_end_words")),
        complement_links=frozenset(words("complement_links")),
        coordinating_openers=frozenset(words("coordinating_openers")),
        reflexive_pronouns=frozenset(words("reflexive_pronouns")),
        cue_stop_words=frozenset(words("cue_stop_words")),
        origin_pattern=re.compile(rf"[ \t]*,?[ \t]*{phrase_alternation(words('origin_links'))}\s*"),
    )


def find_verbs(folded: str, vocab: QuoteVocabulary) -> list[tuple[int, int]]:
    """Offsets of reporting-verb forms in folded text ("declare-t-il" gives "declare").

    Args:
        folded: Text folded by :func:`fold_same_length`.
        vocab: The vocabulary.

    Returns:
        ``(start, end)`` pairs in text order.

    """
    out = []
    for match in _WORD.finditer(folded):
        word = match.group()
        inverted = _INVERTED_PRONOUN.search(word)
        if inverted:
            word = word[: inverted.start()]
        for form in vocab.verb_phrases.get(word, ()):
            if folded.startswith(form, match.start()):
                end = match.start() + len(form)
                if end == len(folded) or not folded[end].isalnum():
                    out.append((match.start(), end))
                    break
        else:
            if word in vocab.verb_forms:
                out.append((match.start(), match.start() + len(word)))
    return out


# ----------------------------------------------------------------- quote spans


@dataclass(frozen=True)
class QuoteSpan:
    """Offsets of one quotation: marks at ``open_at`` and ``close_at``, text inside."""

    open_at: int
    close_at: int
    start: int
    end: int


def _can_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{/-'’—–:") and not after.isspace()


def _can_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}…-–—'’»")


def _continues_quote(text: str, newline: int) -> bool:
    """Whether an open « goes on in the next paragraph (closed there by »).

    A paragraph opening with a new « is the French convention for a quote running
    over paragraphs: the open quote ends here. So does one never closed in the
    next paragraph (a missing ») rather than running on through the article.
    """
    spaces = _SPACES_ANY.match(text, newline)  # matches the empty string
    start = spaces.end() if spaces else newline
    if text.startswith(("«", "‹"), start):
        return False
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    close_at = text.find("»", start, end)
    open_at = text.find("«", start, end)
    return close_at != -1 and (open_at == -1 or close_at < open_at)


class _MarkPairer:
    """Pairs quotation marks by type and position (see :func:`find_quote_spans`)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[tuple[str, int]] = []
        self.pairs: list[tuple[int, int]] = []
        self.reversed: set[int] = set()  # offsets of » opening a quotation

    def close(self, kind: str, i: int) -> bool:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == kind:
                self.pairs.append((self.stack[depth][1], i))
                del self.stack[depth:]
                return True
        return False

    def on_top(self, kind: str) -> bool:
        return bool(self.stack) and self.stack[-1][0] == kind

    def newline(self, i: int) -> None:
        self.stack[:] = [s for s in self.stack if s[0] == "guillemet"]
        if self.stack and not _continues_quote(self.text, i):
            self.close("guillemet", i)

    def orphan(self, i: int) -> None:
        """A » whose « is missing: the quotation opens with its paragraph.

        Only when the paragraph holds no other guillemet before it and the mark ends
        a sentence ("… mais cela n'a rien à voir avec nous ». La Russie …").
        """
        text = self.text
        para_start = text.rfind("\n", 0, i) + 1
        after = text[i + 1 : i + 3].lstrip(" \t\u00a0")
        if para_start == 0 or not (after == "" or after[0] in ".!?…\n"):
            return  # a quotation's end ends its sentence
        if any(mark in text[para_start:i] for mark in "«»‹›"):
            return
        self.pairs.append((para_start - 1, i))

    def closes_reversed(self, i: int) -> bool:
        """Whether a closing mark of another type ends a » typed backwards ("»TB2″")."""
        text = self.text
        if not (
            self.stack and self.stack[-1][0] == "guillemet" and self.stack[-1][1] in self.reversed
        ):
            return False
        return _can_close(text, i) and not _can_open(text, i)

    def reversed_opening(self, i: int) -> bool:
        """Whether an unpaired » opens a quotation typed backwards (space before, word after)."""
        text = self.text
        line_end = text.find("\n", i)
        line_end = len(text) if line_end == -1 else line_end
        return (
            _can_open(text, i)
            and not _can_close(text, i)
            and text[i + 1 : i + 2].isalnum()
            and text.find("»", i + 1, line_end) != -1  # closed in its paragraph
        )

    def curly(self, char: str, i: int) -> None:
        text = self.text
        if char == "”":
            if self.close("curly", i):
                return
            if self.on_top("straight") and _can_close(text, i):
                self.close("straight", i)  # opened by a straight mark, closed by a curly one
            elif _can_open(text, i) and not _can_close(text, i):
                self.stack.append(("curly", i))
        elif char == "“" and self.on_top("curly") and _can_close(text, i):
            if _can_open(text, i):
                self.stack.append(("curly", i))
            else:
                self.close("curly", i)
        else:
            self.stack.append(("curly", i))

    def straight(self, i: int) -> None:
        text = self.text
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isspace() and after.isspace():  # '" Nous sommes prêts "': spaced marks
            unit = text[max(0, i - 3) : i].rstrip()[-1:].isdigit()  # '15 "': inches
            if not self.close("straight", i) and not unit:
                self.stack.append(("straight", i))
        elif self.on_top("straight") and (_can_close(text, i) or after in ",;.!?…)"):
            self.close("straight", i)  # "… tout vu ", a-t-il dit": a space before the mark
        elif self.on_top("straight") and _can_close(text, i):
            self.close("straight", i)
        elif _can_open(text, i):
            self.stack.append(("straight", i))
        elif _can_close(text, i) and not self.close("straight", i) and self.on_top("curly"):
            self.close("curly", i)  # "“ … ", ont communiqué …": opened curly, closed straight

    def mark(self, char: str, i: int) -> None:
        if char == "\n":
            self.newline(i)
        elif char in "«‹":
            self.stack.append(("guillemet", i))
        elif char in "»›":
            if self.close("guillemet", i):
                return
            if self.reversed_opening(i):
                self.stack.append(("guillemet", i))  # "Salah. »D'ici …", the mark typed backwards
                self.reversed.add(i)
            else:
                self.orphan(i)
        elif char in '“„”"″' and self.closes_reversed(i):
            self.close("guillemet", i)  # "Le »TB2″ a …": a name between mistyped marks
        elif char in "“„”":
            self.curly(char, i)
        elif char in '"″':  # a double prime typed for a straight quote
            self.straight(i)
        elif char == "'":  # "''Nous sommes …": two apostrophes open a quotation
            self.straight(i + 1)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Outermost quotations of ``text``, marks paired by type and position.

    Guillemets may span sentences and run into the next paragraph when it
    closes them; curly and straight quotes pair within a paragraph, an opening
    mark (after a space) with the next closing mark (before a space or
    punctuation). Unpaired curly and straight marks are ignored.

    Args:
        text: Article text.

    Returns:
        Quote spans sorted by position, without nested ones.

    """
    pairer = _MarkPairer(text)
    for mark in _MARKS.finditer(text):
        pairer.mark(mark.group(), mark.start())
    spans: list[QuoteSpan] = []
    last_close = -1
    for open_at, close_at in sorted(pairer.pairs):
        if open_at < last_close or close_at - open_at > MAX_QUOTE_CHARS:
            continue  # nested inside the previous quote, or runaway pairing
        start, end = open_at + 1, close_at
        while start < end and (text[start].isspace() or text[start] in "‹«"):
            start += 1  # "‹‹ … ››": a guillemet typed as two single ones
        while end > start and (text[end - 1].isspace() or text[end - 1] in "›»"):
            end -= 1
        if not any(c.isalnum() for c in text[start:end]):
            continue
        spans.append(QuoteSpan(open_at, close_at, start, end))
        last_close = close_at
    return spans


# ---------------------------------------------------------------- references


@dataclass
class _Ref:
    """A reference to a person: a name, a role phrase or a subject pronoun."""

    start: int
    end: int
    kind: str  # "name", "role", "pronoun", "latter" ("ce dernier")
    speaker: str | None = None
    country: str | None = None
    office: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()  # role nouns, feminine folded to masculine
    inverted: bool = False
    subject: bool = False
    relative: bool = False  # followed by "qui"
    source: bool = False  # introduced by "selon", "d'après", "pour" (at a clause head)
    female: bool = False  # "la ministre X", "Mme X", "la présidente"


@dataclass
class _RoleMatch:
    start: int  # determiner start when there is one
    noun_start: int
    end: int
    noun: str
    has_determiner: bool
    country: str | None
    office: frozenset[str]


class _ArticleText:
    """One article's text as attribution reads it, and positions in it.

    Folded text, sentences, quote spans, reporting verbs, country and person mentions.
    """

    def __init__(
        self,
        text: str,
        sentences: Sequence[tuple[int, int]],
        mentions: Sequence[dict[str, Any]],
        vocab: QuoteVocabulary,
        quotes: Sequence[QuoteSpan],
        normalized: str | None = None,
    ) -> None:
        self.original = text
        self.text = normalize_for_nlp(text) if normalized is None else normalized
        self.folded = fold_same_length(self.text)
        self.vocab = vocab
        self.quotes = list(quotes)
        self.quote_starts = [q.open_at for q in self.quotes]
        self.sentences = _clean_sentences(self.text, sentences)
        self.sentence_starts = [s for s, _ in self.sentences]
        self.countries = sorted(
            (int(m["start"]), int(m["end"]), str(m["entity_id"]))
            for m in mentions
            if m.get("entity_type") in {"country", "bloc"} and isinstance(m.get("entity_id"), str)
        )
        self.country_starts = {start: (end, iso3) for start, end, iso3 in reversed(self.countries)}
        self.people = sorted(
            (m for m in mentions if m.get("entity_type") == "person"),
            key=lambda m: (int(m["start"]), -int(m["end"])),
        )
        self.verbs = find_verbs(self.folded, vocab)
        self.verb_starts = [s for s, _ in self.verbs]

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and self.quotes[i].open_at <= pos <= self.quotes[i].close_at

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, pos) - 1)

    def country_at(self, start: int, end: int) -> str | None:
        hit = self.country_starts.get(start)
        return hit[1] if hit is not None and hit[0] <= end else None

    def country_starting_at(self, pos: int) -> tuple[int, str] | None:
        return self.country_starts.get(pos)

    def verbs_between(self, start: int, end: int) -> list[tuple[int, int]]:
        i = bisect.bisect_left(self.verb_starts, start)
        out = []
        while i < len(self.verbs) and self.verbs[i][1] <= end:
            if not self.in_quote(self.verbs[i][0]):
                out.append(self.verbs[i])
            i += 1
        return out

    def words(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [
            (start + m.start(), start + m.end(), m.group())
            for m in _WORD.finditer(self.folded[start:end])
        ]

    def clause_start(self, pos: int) -> int:
        """Start of the clause holding ``pos``: after the last comma, colon, quote mark…"""
        floor = self.sentences[self.sentence_of(pos)][0]
        i = pos - 1
        while i >= floor:
            if _CLAUSE_BREAK.match(self.text, i) and not self._is_decimal(i):
                return i + 1
            i -= 1
        return floor

    def _is_decimal(self, i: int) -> bool:
        return (
            self.text[i] in ".,"
            and 0 < i < len(self.text) - 1
            and self.text[i - 1].isdigit()
            and self.text[i + 1].isdigit()
        )

    def governed_word(self, w_start: int, folded_word: str) -> bool:
        """Whether a word is a preposition (accents kept: "à" is one, "a" is not)."""
        original = self.text[w_start : w_start + len(folded_word)].lower()
        return original in self.vocab.oblique_prepositions

    def clause_initial_verb(self, verb_start: int, coordinated: bool = True) -> bool:
        """Only auxiliaries, adverbs or "-t-il" stand before the verb in its clause.

        With ``coordinated=False`` the clause may not open with "et"/"de" ("… et a
        remercié", "Et d'ajouter"): only a true inversion after a quote qualifies.
        """
        for _, _, word in self.words(self.clause_start(verb_start), verb_start):
            if not coordinated and word in self.vocab.coordinating_openers:
                return False
            if word not in self.vocab.inversion_fillers and not _INVERTED_PRONOUN.search(word):
                return False
        return True

    def _verb_at(self, pos: int) -> bool:
        i = bisect.bisect_left(self.verb_starts, pos)
        return i < len(self.verb_starts) and self.verb_starts[i] == pos

    def _is_role_word(self, word: str) -> bool:
        base = word[:-1] if word.endswith("s") else word
        return base in self.vocab.role_nouns or word in self.vocab.role_nouns


class _RolePhrases(_ArticleText):
    """Role phrases of the article and what may stand between a role and a name.

    "le ministre malien", "le porte-parole du gouvernement, X".
    """

    def _roles(self) -> list[_RoleMatch]:
        out = []
        for match in self.vocab.role_pattern.finditer(self.folded):
            noun_start, noun_end = match.span()
            if noun_start > 0 and self.text[noun_start - 1] in "-":
                continue
            before = self.words(max(0, noun_start - 40), noun_start)
            has_det = False
            start = noun_start
            modifiers = self.vocab.role_modifiers
            idx = len(before) - 1
            while idx >= 0 and before[idx][2] in modifiers and before[idx][1] + 1 >= start:
                start = before[idx][0]
                idx -= 1
            if idx >= 0 and before[idx][2] in self.vocab.role_determiners:
                if before[idx][1] + 1 >= start:
                    has_det = True
                    start = before[idx][0]
            end, country, office = self._extend_role(noun_end)
            out.append(_RoleMatch(start, noun_start, end, match.group(), has_det, country, office))
        return out

    def _extend_role(self, pos: int) -> tuple[int, str | None, frozenset[str]]:
        """Absorb the complements of a role noun: nationality, portfolio, "du Mali"."""
        end, country, office = pos, None, set()
        after_office = False
        lowercase_run = 0
        while True:
            spaces = _SPACES.match(self.text, end)  # matches the empty string
            space = spaces.end() - end if spaces else 0
            country_hit = self.country_starting_at(end + space)
            word = _WORD.match(self.text, end + space) if space else None
            if country_hit is None and word and word.group().islower():
                iso3 = _gazetteer_adjective(word.group())
                if iso3:
                    country_hit = (word.end(), iso3)
            if country_hit is not None and space:
                end, country = country_hit[0], country or country_hit[1]
                after_office, lowercase_run = False, 0
                continue
            link = self.vocab.office_link_pattern.match(self.text, end)
            if link:
                after = link.end()
                country_hit = self.country_starting_at(after)
                if country_hit is not None:
                    end, country = country_hit[0], country or country_hit[1]
                    after_office, lowercase_run = False, 0
                    continue
                linked = _WORD.match(self.text, after)
                if linked and linked.group()[:1].isupper():
                    office.add(fold_same_length(linked.group()))
                    end = linked.end()
                    after_office, lowercase_run = True, 0
                    continue
                break
            if (
                word
                and after_office
                and lowercase_run < 2
                and word.group().islower()
                and fold_same_length(word.group()) not in self.vocab.office_end_words
                and fold_same_length(word.group()) not in self.vocab.verb_forms
            ):
                office.add(fold_same_length(word.group()))
                end = word.end()
                lowercase_run += 1
                continue
            break
        return end, country, frozenset(office - self.vocab.office_stopwords)

    def _apposition_owner(self, role: _RoleMatch, names: list[_Ref]) -> _Ref | None:
        """The named person a role is attached to ("X, ministre de …", "le ministre X")."""
        for ref in reversed(names):
            if ref.end <= role.start:
                gap = self.text[ref.end : role.start]
                if re.fullmatch(r"\s*[,(]\s*", gap):
                    return ref
                break
        for ref in names:
            if ref.start >= role.end:
                if ref.start - role.end <= _APPOSITION_MAX_GAP and self._title_gap(
                    self.text[role.end : ref.start], role.end
                ):
                    return ref
                break
        return None

    def title_gap(self, gap: str, offset: int | None = None) -> bool:
        """Whether ``gap`` only holds titles or role words (see ``_title_gap``)."""
        return self._title_gap(gap, offset)

    def _title_gap(self, gap: str, offset: int | None = None) -> bool:
        """Whether ``gap`` only holds titles, role words or the role's complement.

        With ``offset`` (where the gap starts in the text), the complement of the role
        ("le porte-parole du gouvernement, X", "le député d'opposition X") may hold any
        word that is not a verb.
        """
        if any(c in gap for c in '.;:!?\n«»“”"'):
            return False
        complement = False
        for match in _WORD.finditer(gap):
            word = match.group()
            if word[:1].isupper():
                continue
            folded = fold_same_length(word)
            if folded in self.vocab.complement_links:
                complement = offset is not None
                continue
            if folded in self.vocab.title_gap_words or self._is_role_word(folded):
                continue
            if complement and offset is not None and not self._verb_at(offset + match.start()):
                continue
            return False
        return True


class _Article(_RolePhrases):
    """One article prepared for attribution: its references to people.

    Names, roles and subject pronouns, each with its place (subject, relative, source).
    """

    def __init__(
        self,
        text: str,
        sentences: Sequence[tuple[int, int]],
        mentions: Sequence[dict[str, Any]],
        vocab: QuoteVocabulary,
        quotes: Sequence[QuoteSpan],
        normalized: str | None = None,
    ) -> None:
        super().__init__(text, sentences, mentions, vocab, quotes, normalized)
        self.refs = self._build_refs()

    def _build_refs(self) -> list[_Ref]:
        found = [self._name_ref(m) for m in self.people]
        names = [r for r in found if r is not None]
        refs: list[_Ref] = list(names)
        for role in self._roles():
            if any(r.start < role.end and role.noun_start < r.end for r in names):
                continue  # the mention itself covers the role ("le président malien")
            owner = self._apposition_owner(role, names)
            if owner is not None:
                owner.start = min(owner.start, role.start)
                owner.country = owner.country or role.country
                owner.office = owner.office | role.office
                owner.nouns = owner.nouns | {noun_key(role.noun)}
                owner.female = owner.female or role.noun in self.vocab.feminine_roles
            elif role.has_determiner:
                refs.append(
                    _Ref(
                        role.start,
                        role.end,
                        "role",
                        None,
                        role.country,
                        role.office,
                        frozenset({noun_key(role.noun)}),
                    )
                )
        refs.extend(self._pronouns())
        refs.extend(self._latter())
        refs = [r for r in refs if not self.in_quote(r.start)]
        refs.sort(key=lambda r: (r.start, r.end))
        for index, ref in enumerate(refs):
            ref.subject = self._is_subject(ref, refs[index - 1] if index else None)
            ref.relative = self._relative_after(ref)
            ref.source = self.source_preposition(ref) is not None
            if ref.kind == "name":
                before = self.folded[max(0, ref.start - 10) : ref.start]
                own = self.folded[ref.start : ref.start + 4]
                ref.female = ref.female or bool(
                    self.vocab.feminine_title_pattern.search(before)
                    or own.startswith(("la ", "une "))
                )
        return refs

    def name_ref(self, mention: dict[str, Any]) -> _Ref | None:
        """The reference a person mention makes (speaker, country, office)."""
        return self._name_ref(mention)

    def _relative_after(self, ref: _Ref) -> bool:
        """Whether a relative clause follows the reference, after an apposition or not.

        "X, qui a dit" and "X, porte-parole de l'armée, qui a dit": the apposition holds
        no verb.
        """
        if re.match(r"\s*,?\s*qui\b", self.folded[ref.end : ref.end + 8]):
            return True
        apposition = _APPOSITION_THEN_QUI.match(self.folded, ref.end)
        if apposition is None:
            return False
        return not self.verbs_between(ref.end, apposition.end())

    def _name_ref(self, mention: dict[str, Any]) -> _Ref | None:
        start, end = int(mention["start"]), int(mention["end"])
        speaker = next(
            (
                v
                for v in (mention.get("entity_id"), mention.get("text"))
                if isinstance(v, str) and v
            ),
            self.text[start:end],
        )
        if not speaker.strip():
            return None
        country = mention.get("country")
        country = country if isinstance(country, str) and country else None
        office: frozenset[str] = frozenset()
        nouns: frozenset[str] = frozenset()
        gaz_role = _gazetteer_role(str(speaker))
        if gaz_role:
            folded_role = fold_same_length(gaz_role)
            office = _office_words(folded_role, self.vocab)
            nouns = frozenset(
                noun_key(m.group()) for m in self.vocab.role_pattern.finditer(folded_role)
            )
        return _Ref(start, end, "name", str(speaker), country, office, nouns)

    def source_preposition(self, ref: _Ref) -> str | None:
        """The source preposition right before a reference ("selon", "d'après", "pour")."""
        floor = self.sentences[self.sentence_of(ref.start)][0]
        head = self.folded[max(floor, ref.start - 20) : ref.start].rstrip()
        for prep in self.vocab.source_prepositions:
            if not head.endswith(prep):
                continue
            at = len(head) - len(prep)
            if at > 0 and head[at - 1].isalnum():
                continue
            if prep in self.vocab.clause_head_prepositions:
                prep_start = max(floor, ref.start - 20) + at
                if self.folded[self.clause_start(prep_start) : prep_start].strip():
                    continue
            return prep
        return None

    def governed(self, ref: _Ref) -> bool:
        """Whether the word right before a reference is a preposition ("à Abdoulaye Diop")."""
        words = self.words(max(0, ref.start - 30), ref.start)
        return bool(words) and self.governed_word(words[-1][0], words[-1][2])

    def _pronouns(self) -> list[_Ref]:
        out = []
        for match in _WORD.finditer(self.folded):
            word = match.group()
            inverted = _INVERTED_PRONOUN.search(word)
            if inverted:
                pos = match.start() + word.rfind("-") + 1
                out.append(_Ref(pos, match.end(), "pronoun", inverted=True))
                continue
            if word not in self.vocab.subject_pronouns:
                continue
            after = self.folded[match.end() : match.end() + 40]
            if self.vocab.impersonal_pattern.match(after):
                continue
            if self.vocab.impersonal_copula_pattern.match(after):
                continue
            before = self.folded[max(0, match.start() - 2) : match.start()]
            if before.endswith(("-", "'")):
                continue
            out.append(_Ref(match.start(), match.end(), "pronoun"))
        return out

    def _latter(self) -> list[_Ref]:
        """Subject pronouns "ce dernier", "celle-ci" (not "ce dernier point")."""
        from sahel_utils.annotation.speakers_vocabulary import load_speaker_vocabulary

        speakers = load_speaker_vocabulary()
        lowered = self.folded.lower()
        out = []
        for match in speakers.latter_pattern.finditer(lowered):
            if match.group().startswith("ces "):
                continue  # "ces derniers": a group
            after = lowered[match.end() : match.end() + 30].lstrip()
            word = _WORD.match(after)
            follows = after.startswith(",") or (
                word is not None
                and (
                    word.group() in self.vocab.verb_forms
                    or any(
                        after.startswith(f)
                        and (f.endswith("'") or not after[len(f) :][:1].isalnum())
                        for f in speakers.latter_followers
                    )
                )
            )
            if follows:
                female = match.group().startswith(("cette ", "celle-"))
                out.append(_Ref(match.start(), match.end(), "latter", female=female))
        return out

    def _is_subject(self, ref: _Ref, previous: _Ref | None) -> bool:
        """A sentence or clause subject: clause-initial, inverted after a verb, or -t-il."""
        if ref.inverted:
            return True
        chunk = self.clause_start(ref.start)
        words = self.words(chunk, ref.start)
        vocab = self.vocab
        for index in range(len(words) - 1, -1, -1):
            w_start, _, word = words[index]
            if previous is not None and previous.start <= w_start < previous.end:
                return previous.subject and self.enumeration(previous, ref)
            if self.governed_word(w_start, word):
                return False
            if self._verb_at(w_start):
                return self.clause_initial_verb(w_start)
            if (
                word in vocab.role_determiners
                or word in vocab.clause_openers
                or self.text[w_start].isupper()
                or self._is_role_word(word)
                or self.country_at(w_start, w_start + len(word)) is not None
            ):
                continue
            return self._after_initial_verb(words[: index + 1], previous)
        if previous is not None and self.enumeration(previous, ref):
            return previous.subject
        return True

    def enumeration(self, previous: _Ref, ref: _Ref) -> bool:
        """Enumeration "X, Y et Z": the gap between two references is a comma or a conjunction."""
        return bool(
            re.fullmatch(r"\s*(?:,|et|ou|,\s*et)\s*", self.folded[previous.end : ref.start])
        )

    def _after_initial_verb(self, words: list[tuple[int, int, str]], previous: _Ref | None) -> bool:
        """Inverted subject after a clause-initial verb ("…, a lancé lors de la réunion X")."""
        for w_start, _, _ in words:
            if self._verb_at(w_start):
                if previous is not None and w_start < previous.end:
                    return False
                return self.clause_initial_verb(w_start)
        return False


@functools.lru_cache(maxsize=4096)
def _gazetteer_role(name: str) -> str | None:
    # A gazetteer that cannot be read raises here: attribution must not silently
    # lose the roles of known people.
    entry = load_gazetteer().match_person(name)
    return entry.role if entry is not None else None


def _gazetteer_adjective(phrase: str) -> str | None:
    gaz = load_gazetteer()
    for word in _WORD.findall(phrase):
        if word[:1].islower():
            iso3 = gaz.country_from_adjective(word)
            if iso3:
                return iso3
    return None


def _office_words(folded_role: str, vocab: QuoteVocabulary) -> frozenset[str]:
    words = set(_WORD.findall(folded_role))
    for noun in vocab.role_nouns:
        words -= set(noun.split())
    return frozenset(words - vocab.office_stopwords)


def _regex_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans from end punctuation and line breaks (when the tagger gave none)."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            spans.append((start, match.end()))
            start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _split_at_newlines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of ``text[start:end]`` between line breaks (empty pieces dropped)."""
    out = []
    piece_start = start
    for i in range(start, end):
        if text[i] == "\n":
            if i > piece_start:
                out.append((piece_start, i))
            piece_start = i + 1
    if end > piece_start:
        out.append((piece_start, end))
    return out


def _clean_sentences(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans sorted, split at line breaks; regex sentences when none are given."""
    spans = sorted((int(s), int(e)) for s, e in sentences) if sentences else []
    if not spans:
        spans = _regex_sentences(text)
    out: list[tuple[int, int]] = []
    for start, end in spans:
        out.extend(_split_at_newlines(text, start, end))
    if not out or out[0][0] > 0:
        out.insert(0, (0, out[0][0] if out else len(text)))
    return out


# ---------------------------------------------------------------- attribution


@dataclass
class _Attribution:
    speaker: str | None
    cue: str | None
    ref: _Ref | None = None
    source: str | None = None  # the ``speaker_source`` (see ``speakers.SPEAKER_SOURCES``)


def _labelled(attribution: _Attribution, source: str) -> _Attribution:
    """The attribution with its ``speaker_source`` (a pronoun subject gives "pronoun")."""
    if attribution.source is None:
        kind = attribution.ref.kind if attribution.ref is not None else None
        labels = {"pronoun": "pronoun", "latter": "anaphora"}  # "ce dernier": anaphora
        attribution.source = labels.get(kind or "", source)
    return attribution


class _Resolver:
    """Walks the article in order, keeping the topic (last resolved subject)."""

    def __init__(self, article: _Article) -> None:
        self.article = article
        self.names = [r for r in article.refs if r.kind == "name"]
        self.resolved: dict[int, str | None] = {}
        self.topic_at: dict[int, str | None] = {}
        self.female = {r.speaker for r in self.names if r.female}
        history: list[str | None] = []  # resolved subjects, most recent last
        refs = iter(article.refs)
        ref = next(refs, None)
        for sent_index in range(len(article.sentences)):
            self.topic_at[sent_index] = history[-1] if history else None
            while ref is not None and article.sentence_of(ref.start) == sent_index:
                self.resolved[id(ref)] = self._resolve(ref, history)
                if ref.subject or ref.source:  # "Pour X, « … ». Il a ajouté …"
                    history.append(self.resolved[id(ref)])
                ref = next(refs, None)

    def _resolve(self, ref: _Ref, history: list[str | None]) -> str | None:
        if ref.kind == "name":
            return ref.speaker
        if ref.kind == "pronoun":
            return self._resolve_pronoun(ref, history)
        if ref.kind == "latter":  # "ce dernier": the person named (or role) last
            before = [
                r for r in self.article.refs if r.kind in ("name", "role") and r.end <= ref.start
            ]
            fitting = [r for r in before if r.female] if ref.female else []
            chosen = (fitting or before)[-1:]
            if not chosen:
                return None
            return (
                chosen[0].speaker if chosen[0].kind == "name" else self.resolved.get(id(chosen[0]))
            )
        return self._resolve_role(ref)

    def _resolve_pronoun(self, ref: _Ref, history: list[str | None]) -> str | None:
        """Pronoun: "il" is the last subject not known as a woman; "elle" the last woman.

        Gender is known only for women marked in the text ("la ministre X", "Mme X");
        everyone else may be "il" or "elle".
        """
        feminine = self.article.folded[ref.start : ref.end].startswith("elle")
        if feminine:
            for speaker in reversed(history):
                if speaker in self.female:
                    return speaker
            women = [r for r in self.names if r.female and r.end <= ref.start]
            if women:  # "X a reçu la ministre Y. Elle a dit …"
                return women[-1].speaker
            return history[-1] if history else None
        if not history:
            return None
        if history[-1] is None or history[-1] not in self.female:
            return history[-1]
        for speaker in reversed(history):
            if speaker is not None and speaker not in self.female:
                return speaker
        return history[-1]

    def _resolve_role(self, ref: _Ref) -> str | None:
        """The person a role phrase stands for, among the people named in the article.

        Nationality first ("le ministre russe": the last Russian named, preferring one
        known as minister), then office ("le ministre de la Défense"), then the role
        noun alone ("le président": the last person introduced as president).
        Generic nouns without nationality ("son homologue") stay unresolved.
        """
        before = [r for r in self.names if r.end <= ref.start]
        after = [r for r in self.names if r.start >= ref.end]
        ordered = list(reversed(before)) + after
        generic = self.article.vocab.generic_role_nouns
        specific = ref.nouns - generic
        if ref.country:
            same = [name for name in ordered if name.country == ref.country]
            for name in same:
                if specific & name.nouns:
                    return name.speaker
            return same[0].speaker if same else None
        if ref.office:
            for name in ordered:
                if name.office & ref.office:
                    return name.speaker
        if not specific:
            return None
        for name in ordered:
            # "le ministre de la Défense": one named "le ministre X" whose office is unknown
            if specific & name.nouns and not (ref.office and name.office):
                return name.speaker
        return None

    def speaker_of(self, ref: _Ref) -> str | None:
        return self.resolved.get(id(ref))

    # ----------------------------------------------------------- per quote

    def attribute(self, quote: QuoteSpan, sentence_speakers: dict[int, str | None]) -> _Attribution:
        art = self.article
        s_index = art.sentence_of(quote.open_at)
        s_start = art.sentences[s_index][0]
        e_index = art.sentence_of(quote.close_at)
        e_end = art.sentences[e_index][1]
        if e_end <= quote.close_at + 2 and e_index + 1 < len(art.sentences):
            n_start, n_end = art.sentences[e_index + 1]
            following = art.text[n_start:n_end].lstrip()
            if following[:1] == "," or following[:1].islower():
                e_end = n_end  # "« … . » / , a-t-il dit": split by the tagger after the mark
        newline = art.text.find("\n", quote.close_at)
        if newline != -1:
            e_end = min(e_end, newline)
        for source, rule in (
            ("incise", lambda: self._incise(quote)),
            ("following", lambda: self._following_sentence(quote)),
            ("inverted", lambda: self._inverted_after(quote, e_end)),
            ("source_phrase", lambda: self._source_phrase(s_start, quote, e_end)),
            ("source_phrase", lambda: self._origin_after(quote)),
            ("verb_subject", lambda: self._before(s_start, quote)),
        ):
            attribution = rule()
            if attribution is not None:
                return _labelled(attribution, source)
        found = self._after_colon(s_index, quote, sentence_speakers)
        return _labelled(found, "colon" if found.cue else "continuation")

    def _incise(self, quote: QuoteSpan) -> _Attribution | None:
        """A reporting clause set inside the quotation marks between commas.

        "« Ces appareils, a expliqué le commandant X, changent la donne »": an inverted
        reporting verb right after a comma, then a name (titles allowed between them).
        """
        art = self.article
        for v_start, v_end in art.verbs:
            if not quote.start < v_start < quote.end:
                continue
            head = art.text[max(quote.start, v_start - 20) : v_start]
            lead = re.search(r",\s*((?:[\w'-]+\s+){0,2})$", head)
            if lead is None or not all(
                w in art.vocab.inversion_fillers for w in fold_same_length(lead.group(1)).split()
            ):
                continue
            for mention in art.people:
                start = int(mention["start"])
                if not v_end < start <= v_end + _APPOSITION_MAX_GAP:
                    continue
                if not art.title_gap(art.text[v_end:start], v_end):
                    break
                after = art.text[int(mention["end"]) : quote.end]
                if "," not in after:
                    break
                ref = art.name_ref(mention)
                if ref is not None:
                    return _Attribution(ref.speaker, self._cue_text(v_start, v_end), ref)
                break
        return None

    def _following_sentence(self, quote: QuoteSpan) -> _Attribution | None:
        """The next sentence names the speaker ("« … ». C'est ce qu'a déclaré X")."""
        art = self.article
        # the next sentence may open the next paragraph ("« … »\nC'est en ces termes que …")
        # or follow a colon or comma ("« … » : c'est ce qu'a affirmé X")
        after = re.match(r"[ \t]*[.!?…:,]*[ \t]*(?:\n[ \t]*)?", art.text[quote.close_at + 1 :])
        gap = after.group() if after else ""  # the pattern matches the empty string
        n_start = quote.close_at + 1 + len(gap)
        inside = art.text[quote.start : quote.end].rstrip()
        if not (gap.strip() or inside.endswith((".", "!", "?", "…"))):
            return None  # the quote does not end its sentence
        head = art.folded[n_start : n_start + 40]
        if not any(head.startswith(opener) for opener in art.vocab.backward_openers):
            return None
        n_end = art.sentences[art.sentence_of(n_start)][1]
        verbs = art.verbs_between(n_start, n_end)
        if not verbs:
            return None
        for ref in art.refs:
            if n_start <= ref.start < n_end and (ref.start >= verbs[0][1] or ref.inverted):
                return _Attribution(self.speaker_of(ref), self._cue_text(*verbs[0]), ref)
        return None

    def _inverted_after(self, quote: QuoteSpan, limit: int) -> _Attribution | None:
        art = self.article
        end = min(limit, quote.close_at + 1 + _INVERTED_WINDOW)
        next_quote = [q.open_at for q in art.quotes if quote.close_at < q.open_at < end]
        if next_quote:
            end = next_quote[0]
        for v_start, v_end in art.verbs_between(quote.close_at + 1, end):
            if art.folded[v_start:v_end].endswith("ant"):
                continue  # a participle ("…, considérant …") is not an inversion
            bare = not art.text[art.clause_start(v_start) : v_start].strip()
            if bare and art.text[v_start:v_end].endswith(("é", "ée", "és", "ées")):
                continue  # "Ces mots, prononcés par X": a participle, not "a déclaré X"
            if not art.clause_initial_verb(v_start, coordinated=False):
                continue
            cue = self._cue_text(v_start, v_end)
            for ref in art.refs:
                if ref.start <= quote.close_at or ref.start >= end:
                    continue
                if ref.inverted or (
                    ref.start >= v_end and (ref.subject or not art.governed(ref))
                ):  # "…, explique à l'AFP le colonel X"
                    return _Attribution(self.speaker_of(ref), cue, ref)
            return _Attribution(None, cue)  # "« … », lance un manifestant"
        return None

    def _source_phrase(self, s_start: int, quote: QuoteSpan, limit: int) -> _Attribution | None:
        art = self.article
        vocab = art.vocab
        for match in vocab.source_pronoun_pattern.finditer(art.folded[s_start:limit]):
            if not art.in_quote(s_start + match.start()):  # "« … », selon lui"
                return _Attribution(
                    self.topic_at.get(art.sentence_of(quote.open_at)), match.group(1)
                )
        for ref in art.refs:
            if not (s_start <= ref.start < limit):
                continue
            prep = art.source_preposition(ref)
            if prep is not None:
                return _Attribution(self.speaker_of(ref), prep, ref)
            head = art.folded[max(s_start, ref.start - 20) : ref.start].rstrip()
            agent = re.search(r"(\w+)\s+par\s*$", head)
            if agent and agent.group(1) in vocab.verb_forms | vocab.speech_nouns:
                start = max(s_start, ref.start - 20) + agent.start()
                cue = art.original[start : ref.start].strip()
                return _Attribution(self.speaker_of(ref), cue, ref)
        return None

    def _origin_after(self, quote: QuoteSpan) -> _Attribution | None:
        """The person named right after "venant de" following the quote (``origin_links``)."""
        art = self.article
        match = art.vocab.origin_pattern.match(art.folded, quote.close_at + 1)
        if match is None:
            return None
        for ref in art.refs:
            if match.end() <= ref.start <= match.end() + 12 and ref.kind in ("name", "role"):
                cue = art.original[quote.close_at + 1 : match.end()].strip(" ,")
                return _Attribution(self.speaker_of(ref), cue, ref)
        return None

    def _before(self, s_start: int, quote: QuoteSpan) -> _Attribution | None:
        """The subject of the reporting verb (or speech noun) before the quote in its sentence."""
        art = self.article
        refs = [r for r in art.refs if s_start <= r.start < quote.open_at]
        verbs = art.verbs_between(s_start, quote.open_at)
        candidates = [r for r in refs if r.subject or r.relative]
        cue = None
        nouns = [
            m.span()
            for m in art.vocab.noun_pattern.finditer(art.folded, s_start, quote.open_at)
            if not art.in_quote(m.start())
        ]
        if verbs or nouns:
            v_start, cue = self._last_cue(verbs, nouns)
            before_verb = [r for r in candidates if r.start < v_start]
            if self._participle_clause(v_start):
                # "X a démenti que Y soit malade, indiquant que « … »": the participle's
                # subject is the main clause's, never one of a "que" clause
                before_verb = [r for r in before_verb if not self._subordinate(r)][:1]
                if not before_verb:
                    return _Attribution(None, cue)
            if before_verb:
                index = len(before_verb) - 1
                while index > 0 and art.enumeration(before_verb[index - 1], before_verb[index]):
                    index -= 1  # "X et son homologue Y ont salué …": the first named
                ref = before_verb[index]
                return _Attribution(self.speaker_of(ref), cue, ref)
        if candidates:
            ref = candidates[-1] if cue is None else candidates[0]
            return _Attribution(self.speaker_of(ref), cue, ref)
        return self._without_subject(s_start, quote, verbs, nouns, cue)

    def _participle_clause(self, v_start: int) -> bool:
        """A present participle opening its clause ("…, indiquant que")."""
        word = _WORD.match(self.article.folded, v_start)
        return (
            word is not None
            and word.group().endswith("ant")
            and self.article.clause_initial_verb(v_start)
            and self.article.clause_start(v_start)
            > self.article.sentences[self.article.sentence_of(v_start)][0]
        )

    def _subordinate(self, ref: _Ref) -> bool:
        """Whether a reference stands in a "que" clause ("a démenti que le chef …")."""
        art = self.article
        words = art.words(art.clause_start(ref.start), ref.start)
        return any(w in art.vocab.clause_quote_openers for _, _, w in words)

    def _last_cue(
        self, verbs: list[tuple[int, int]], nouns: list[tuple[int, int]]
    ) -> tuple[int, str]:
        """Start and text of the last reporting verb or speech noun ("confiait ces propos")."""
        art = self.article
        v_start, v_end = max(verbs + nouns)
        if (v_start, v_end) in verbs:
            return v_start, self._cue_text(v_start, v_end)
        if verbs and 0 <= v_start - verbs[-1][1] <= 12:  # "confiait ces propos"
            return verbs[-1][0], self._cue_text(*verbs[-1]) + art.original[verbs[-1][1] : v_end]
        return v_start, art.original[v_start:v_end]

    def _without_subject(
        self,
        s_start: int,
        quote: QuoteSpan,
        verbs: list[tuple[int, int]],
        nouns: list[tuple[int, int]],
        cue: str | None,
    ) -> _Attribution | None:
        """A cue without a subject: the topic's words ("Son message", "Et d'ajouter"), or no one."""
        art = self.article
        for n_start, n_end in nouns:
            # "Son message était clair : « … »": the words of the current topic
            before = art.folded[max(s_start, n_start - 8) : n_start].split()
            if before and before[-1] in art.vocab.possessive_determiners:
                topic = self.topic_at.get(art.sentence_of(quote.open_at))
                return _Attribution(topic, art.original[n_start:n_end])
        if verbs and art.clause_initial_verb(verbs[-1][0]):  # "Et d'ajouter : « … »"
            return _Attribution(self.topic_at.get(art.sentence_of(quote.open_at)), cue)
        if verbs:  # "Le communiqué souligne que « … »": someone who is not a person
            return _Attribution(None, cue)
        return None

    def _after_colon(
        self, s_index: int, quote: QuoteSpan, sentence_speakers: dict[int, str | None]
    ) -> _Attribution:
        """A quote opening its sentence: after "X a déclaré :", or continuing X's quote."""
        art = self.article
        lead = art.text[art.sentences[s_index][0] : quote.open_at]
        if s_index == 0 or lead.strip():
            return _Attribution(None, None)
        p_start, p_end = art.sentences[s_index - 1]
        if art.text[p_start:p_end].rstrip().endswith(":"):
            found = self._before(p_start, QuoteSpan(p_end, p_end, p_end, p_end))
            if found is not None:
                return _Attribution(found.speaker, found.cue or ":", found.ref)
            return _Attribution(None, ":")
        same_paragraph = "\n" not in art.text[p_end : quote.open_at]
        if not same_paragraph:
            return _Attribution(None, None)
        if sentence_speakers.get(s_index - 1):
            return _Attribution(sentence_speakers[s_index - 1], None)
        s_end = art.sentences[art.sentence_of(quote.close_at)][1]
        rest = art.text[quote.close_at + 1 : s_end].strip(' .!?…»”"')
        ends = art.text[quote.start : quote.end].rstrip().endswith((".", "!", "?", "…"))
        # the quote is a whole sentence (the tagger may join the next one to it)
        standalone = not rest or (ends and rest[:1].isupper())
        has_quote = any(p_start <= q.open_at < p_end for q in art.quotes)
        verbs = art.verbs_between(p_start, p_end)
        if standalone and verbs and not has_quote:
            # "…, explique X, correspondante de … . « … »": the reported speech goes on
            inverted = self._inverted_subject(verbs, p_end)
            if inverted is not None:
                return _Attribution(self.speaker_of(inverted), None, inverted)
            # "X a pris la parole. « … »": the quote illustrates what X said
            subjects = [r for r in art.refs if p_start <= r.start < p_end and r.subject]
            if subjects:
                return _Attribution(self.speaker_of(subjects[0]), None, subjects[0])
        return _Attribution(None, None)

    def _inverted_subject(self, verbs: list[tuple[int, int]], limit: int) -> _Ref | None:
        """The subject after the last inverted reporting verb of a sentence ("…, dit X.")."""
        art = self.article
        for v_start, v_end in reversed(verbs):
            if art.text[art.clause_start(v_start) - 1 : v_start].lstrip()[:1] != ",":
                continue
            if not art.clause_initial_verb(v_start, coordinated=False):
                continue
            for ref in art.refs:
                if v_end <= ref.start < min(limit, v_end + _APPOSITION_MAX_GAP) and (
                    ref.kind == "name" and art.title_gap(art.text[v_end : ref.start], v_end)
                ):
                    return ref
            return None
        return None

    def _cue_text(self, v_start: int, v_end: int) -> str:
        art = self.article
        start = v_start
        words = art.words(max(0, v_start - 30), v_start)
        for w_start, w_end, word in reversed(words):
            if w_end + 1 < start or word not in art.vocab.inversion_fillers | (
                art.vocab.reflexive_pronouns
            ):
                if not (_INVERTED_PRONOUN.search(word) and w_end + 1 >= start):
                    break
            if word in art.vocab.cue_stop_words:
                break
            start = w_start
        return art.original[start:v_end]


# ------------------------------------------------------------------- public API


def _is_name_of_thing(article: _Article, quote: QuoteSpan) -> bool:
    """A quoted name after a naming cue ("l'opération « Barkhane »"), not a quotation.

    A quoted relative clause ("une initiative « qui tombe à point nommé »") is a
    quotation whatever noun precedes it.
    """
    first = _WORD.search(article.folded, quote.start, quote.end)
    if first is not None and first.group() in article.vocab.clause_quote_openers:
        return False
    head = article.folded[max(0, quote.open_at - 40) : quote.open_at].rstrip()
    for cue in article.vocab.naming_cues:
        if head.endswith(cue) and (len(head) == len(cue) or not head[-len(cue) - 1].isalnum()):
            before = head[: len(head) - len(cue)].split()
            return not (before and before[-1].lower() in article.vocab.active_auxiliaries)
    return False


#: After an inverted reporting verb, what opens its subject: a determiner or a capital.
_INVERTED_SUBJECT_START = re.compile(
    r"\s+(?:(?:le|la|les|l'|un|une|des|du|son|sa|ses|ce|cet|cette|leur)\b|[A-ZÀ-Ý])"
)


def _cut_unclosed(text: str, quote: QuoteSpan, vocab: QuoteVocabulary) -> QuoteSpan:
    """A quotation never closed ends where its inverted reporting clause starts.

    "« Le plan est prêt, précise un communiqué de la présidence, diffusé …" with no
    closing mark runs to the end of its paragraph; the words from ", précise" on are
    the reporting clause, not the quotation. The first comma followed by a reporting
    verb (auxiliaries and adverbs allowed between them) and then a determiner or a
    capitalised subject ends it. Quotations closed by their mark are kept as they are.
    """
    if text[quote.close_at : quote.close_at + 1] != "\n":
        return quote
    folded = fold_same_length(text[: quote.end])
    for v_start, v_end in find_verbs(folded[quote.start :], vocab):
        v_start, v_end = v_start + quote.start, v_end + quote.start
        comma = folded.rfind(",", quote.start, v_start)
        if comma == -1 or not _INVERTED_SUBJECT_START.match(text, v_end):
            continue
        between = _WORD.findall(folded[comma + 1 : v_start])
        if not all(w in vocab.inversion_fillers for w in between):
            continue
        end = comma
        while end > quote.start and text[end - 1].isspace():
            end -= 1
        if end > quote.start:
            return QuoteSpan(quote.open_at, comma, quote.start, end)
    return quote


def extract_quotes(
    text: str,
    sentences: Sequence[tuple[int, int]],
    mentions: Sequence[dict[str, Any]],
    vocabulary: QuoteVocabulary | None = None,
    normalized: str | None = None,
) -> list[dict[str, Any]]:
    """Quotations of one article with their speakers.

    Args:
        text: Article body (``articles.text``).
        sentences: ``(start, end)`` character offsets of its sentences.
        mentions: Entity rows of the article (``start``, ``end``, ``text``,
            ``entity_type``, ``entity_id``, ``country``); people give the
            speakers, countries give the nationality of roles ("le ministre russe").
        vocabulary: Word lists (default: ``resources/fr/speech_verbs.yaml``).
        normalized: ``normalize_for_nlp(text)`` when the caller already has it (the
            tagging step made the Doc of it), so that it is not computed again.

    Returns:
        One dict per quotation in text order: ``start``, ``end`` (offsets of the
        quoted text, inside the marks), ``text``, ``speaker`` (a person's
        ``entity_id`` or ``None``) and ``cue`` (the reporting expression or ``None``).

    """
    from sahel_utils.annotation.speakers import refine_speakers

    vocab = vocabulary or load_vocabulary()
    if normalized is None:
        normalized = normalize_for_nlp(text)
    elif len(normalized) != len(text):
        raise ValueError("normalized text must be normalize_for_nlp(text) (same length)")
    spans = [_cut_unclosed(normalized, span, vocab) for span in find_quote_spans(normalized)]
    answers = _interview_answers(normalized)
    if answers:
        spans = _with_answers(spans, answers)
    if not spans:
        return []
    article = _Article(text, sentences, mentions, vocab, spans, normalized)
    resolver = _Resolver(article)
    rows: list[dict[str, Any]] = []
    kept: list[QuoteSpan] = []
    sentence_speakers: dict[int, str | None] = {}
    answer_rows: list[int] = []
    for quote in spans:
        if quote in answers:
            answer_rows.append(len(rows))  # an interview's answer: the interviewee's
            found = _Attribution(None, None)
        elif _is_name_of_thing(article, quote):
            continue
        else:
            found = resolver.attribute(quote, sentence_speakers)
        sentence_speakers[article.sentence_of(quote.close_at)] = found.speaker
        kept.append(quote)
        rows.append(
            {
                "start": quote.start,
                "end": quote.end,
                "text": text[quote.start : quote.end],
                "speaker": found.speaker,
                "cue": found.cue,
                "speaker_source": found.source if found.speaker else None,
            }
        )
    # the second pass: speakers by structure for the quotes left without one
    return refine_speakers(article, resolver, kept, rows, mentions, answers=answer_rows)


def _interview_answers(text: str) -> list[QuoteSpan]:
    """The answers of an interview written without marks, as quote spans.

    See :func:`sahel_utils.annotation.speakers_context.interview_answers`.
    """
    from sahel_utils.annotation.speakers import interview_answers, load_speaker_vocabulary

    return [
        QuoteSpan(start - 1, end, start, end)
        for start, end in interview_answers(text, load_speaker_vocabulary())
    ]


def _with_answers(spans: list[QuoteSpan], answers: list[QuoteSpan]) -> list[QuoteSpan]:
    """Quote spans and interview answers in text order, quotes in an answer dropped."""
    kept = [q for q in spans if not any(q.start < a.end and a.start < q.end for a in answers)]
    return sorted(kept + answers, key=lambda q: q.start)
