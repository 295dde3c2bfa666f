"""Who a phrase names: a person, an institution, a group, a document's issuer, a role.

The noun phrases of the speaker rules (:mod:`sahel_utils.annotation.speakers`):
a phrase of the text read as an institution (its fuller name), a group of
people, the issuer of a document, a role holder or a description.
"""

from __future__ import annotations

import re
from typing import Any

from sahel_utils.annotation.gazetteer import load_gazetteer
from sahel_utils.annotation.speakers_context import _Context
from sahel_utils.annotation.speakers_vocabulary import (
    _CUT_DEPS,
    _HARD_STOP,
    _MAX_SUBJECT_WORDS,
    _WORD,
)
from sahel_utils.core.lexicon import phrase_alternation
from sahel_utils.core.normalize import fold_same_length

#: How far back (sentences) a document's introduction is looked for.
_INTRODUCTION_SENTENCES = 3
#: Dependency labels of a document noun governed by the verb of its issuer ("a publié un
#: communiqué", "dans un communiqué, X a …").
_DOCUMENT_DEPS = frozenset({"obj", "obl", "obl:mod", "obl:arg"})


class _Phrases(_Context):
    """The article, with who its noun phrases name."""

    def _noun_phrase(self, start: int, end: int) -> str | None:
        """An institution noun phrase in ``text[start:end]`` (determiner stripped), else None."""
        end = self._subject_end(start, end)
        words = [m for m in _WORD.finditer(self.folded, start, end)]
        while words and words[0].group().lower() in self.vocab.subject_openers:
            words.pop(0)
        while words and words[-1].group().lower() in self.vocab.subject_trailers:
            words.pop()
        if not words or len(words) > _MAX_SUBJECT_WORDS * (1 + self._official_name(words)):
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

    def _official_name(self, words: list[re.Match[str]]) -> bool:
        """An institution's official name, long with its portfolios ("le ministère des
        Affaires étrangères, de la Coopération et des …"): its subject may be twice as long.
        """
        heads = [w.group().lower() for w in words[:3]]
        heads = heads[1:] if heads and heads[0] in self.vocab.definite_determiners else heads
        return bool(heads) and heads[0] in self.vocab.institution_nouns

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
        """A plural noun of people speaking as one ("des chercheurs londoniens"), else None.

        The noun alone ("selon les experts", "les manifestants scandaient") does not
        say who speaks: the group needs a word that tells which one.
        """
        words = self._phrase_words(start, end)
        if len(words) < 2 or len(words) > _MAX_SUBJECT_WORDS:
            return None
        if words[0].group().lower() not in self.vocab.group_nouns:
            return None
        if self._person_at(words[0].start(), words[-1].end()) is not None:
            return None
        return self.text[words[0].start() : words[-1].end()].strip(" ,")

    def _issuer_after(self, pos: int, limit: int) -> tuple[str | None, str | None]:
        """The issuer in "du ministère X", "de la présidence" right after a document noun."""
        tail = self.folded[pos:limit].lower()
        # "le communiqué de la présidence", "le communiqué émis sur sa page par l'agence X"
        link = self.vocab.issuer_pattern.match(tail) or self.vocab.issuer_agent_pattern.match(tail)
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
        introduced = self._introducing_subject(start)
        if introduced is not None:
            return introduced, "document"
        country = any(s_ >= head.end() and e_ <= words[-1].end() for s_, e_ in self.countries)
        if country:  # "le communiqué américain": the document, its issuer's nationality told
            return self.text[head.start() : words[-1].end()], "document"
        return None, None

    def _introducing_subject(self, before: int) -> str | None:
        """Who a document mentioned earlier is from: the subject of the verb governing it.

        "Dans un communiqué publié mardi, le gouvernement a rejeté …", "La Cédéao a
        publié un communiqué": the nearest earlier document noun (outside quotes, at
        most :data:`_INTRODUCTION_SENTENCES` sentences back) that is the object or a
        complement of a verb gives that verb's subject (from the parse).
        """
        nouns = phrase_alternation(sorted(self.vocab.document_nouns))
        pattern = re.compile(rf"(?<![\w']){nouns}(?![\w'])")
        floor = self.art.sentence_of(before) - _INTRODUCTION_SENTENCES
        for match in reversed(list(pattern.finditer(self.folded.lower(), 0, before))):
            if self.art.in_quote(match.start()):
                continue
            s_index = self.art.sentence_of(match.start())
            if s_index < floor:
                break
            s_start, s_end = self.art.sentences[s_index]
            doc = self._parse(s_start, s_end)
            noun = next((t for t in doc if t.idx == match.start() - s_start), None)
            if noun is None or not self._issued_by_subject(noun):
                continue
            for child in noun.head.children:
                if child.dep_ == "nsubj" and child.pos_ != "PRON":
                    found = self._parsed_speaker(0, child, s_start, (s_end, s_end))
                    if found[0]:
                        return found[0]
        return None

    def _issued_by_subject(self, noun: Any) -> bool:
        """Whether the subject of the verb governing a document noun is its issuer.

        "X a publié un communiqué" (an issuing verb, ``issuing_verbs``), "Dans un
        communiqué, X a …" (``document_prepositions``); not "X a signé le texte".
        """
        head = noun.head
        if head.pos_ != "VERB" or noun.dep_ not in _DOCUMENT_DEPS:
            return False
        if noun.dep_ == "obj":
            return fold_same_length(head.lemma_).lower() in self.vocab.issuing_verbs
        return any(
            c.dep_ == "case"
            and fold_same_length(c.text).lower() in self.vocab.document_prepositions
            for c in noun.children
        )

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
            if c.dep_ in _CUT_DEPS or _last_word(c).idx >= quote[0] > token.idx
        ]
        kept = [
            t for t in token.subtree if not any(c.left_edge.i <= t.i <= c.right_edge.i for c in cut)
        ]
        start = offset + min(t.idx for t in kept)
        end = offset + max(t.idx + len(t.text) for t in kept)
        found = self._speaker_in(start, end)
        if found[0] or token.pos_ != "PROPN" or self.art.in_quote(offset + token.idx):
            return found
        if self.vocab.latter_pattern.match(self.folded.lower(), offset + token.idx):
            return None, None  # "Celui-ci prévoit …": a pronoun, no institution
        # a proper noun no gazetteer lists ("la Cédéao « condamne … »"): as written
        words = [t for t in kept if not t.is_punct and t.pos_ != "DET"]
        if not words or words[0].i != token.i:
            return None, None
        first, last = words[0], words[-1]
        return self.text[offset + first.idx : offset + last.idx + len(last.text)], "institution"

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


def _last_word(token: Any) -> Any:
    """The last token of a subtree that is not punctuation (a quote mark may hang on it)."""
    words = [t for t in token.subtree if not t.is_punct]
    return words[-1] if words else token
