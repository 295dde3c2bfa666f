"""Speakers as subjects: the subject of a reporting verb's clause, the parse's subject.

The rules ``verb_subject`` and ``parse_subject`` of
:mod:`sahel_utils.annotation.speakers`: a clause's subject (a relative's
antecedent, a definite role, a passive agent), else the parse of the sentence.
"""

from __future__ import annotations

import re
from typing import Any

from sahel_utils.annotation.speakers_phrases import _Phrases
from sahel_utils.annotation.speakers_vocabulary import (
    _HARD_STOP,
    _MAX_PARSE_STEPS,
    _SPEAKER_DEPS,
    _WORD,
    ANONYMOUS,
)
from sahel_utils.core.normalize import fold_same_length


class _Subjects(_Phrases):
    """The article, with the subjects of its clauses."""

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
            if specific and named.nouns - generic and not self._same_office(specific, named.nouns):
                return None
        return name

    def _same_office(
        self, nouns: frozenset[str] | set[str], other: frozenset[str] | set[str]
    ) -> bool:
        """Whether two sets of role nouns share one, synonyms counted ("chef de l'État")."""
        if nouns & other:
            return True
        return any(nouns & group and other & group for group in self.vocab.role_synonyms)

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

    def participle_subject(self, index: int) -> tuple[str | None, str | None]:
        """The subject of the clause before a present participle introducing the quote.

        "…, ce que Lomé a qualifié d'enlèvement, assurant être prêt à « … »": the
        participle has no subject of its own; the nearest subject before it in the
        parse (relative pronouns skipped) says the words. Used for quotes no other
        rule attributed.
        """
        quote, row = self.quotes[index], self.rows[index]
        cue = fold_same_length(str(row.get("cue") or "")).lower().split()
        if not cue or not cue[-1].endswith("ant"):
            return None, None
        s_start = self.art.sentences[self.art.sentence_of(quote.open_at)][0]
        verbs = self.art.verbs_between(s_start, quote.open_at)
        if not verbs:
            return None, None
        doc = self._parse(s_start, quote.open_at)
        v_at = verbs[-1][0] - s_start
        for token in reversed([t for t in doc if t.idx < v_at]):
            if token.dep_ != "nsubj" or self.art.in_quote(s_start + token.idx):
                continue
            if fold_same_length(token.text).lower() in self.vocab.relative_pronouns:
                continue
            found = self._parsed_speaker(index, token, s_start, (v_at, v_at))
            if found[0]:
                return found[0], "verb_subject"
            return None, None
        return None, None

    def latter_subject(self, index: int) -> tuple[str | None, str | None]:
        """A subject "ce dernier" ("cette dernière"): the person named last before it.

        "X a reçu l'ambassadeur de France. Ce dernier a salué « … »": the latter is the
        ambassador, not the topic X; an unnamed role gives its description (with a
        country) or no one.
        """
        quote, row = self.quotes[index], self.rows[index]
        if not row.get("cue"):
            return None, None
        s_start = self.art.sentences[self.art.sentence_of(quote.open_at)][0]
        match = self.vocab.latter_pattern.search(self.folded.lower(), s_start, quote.open_at)
        if match is None or self.art.in_quote(match.start()):
            return None, None
        before = [
            r
            for r in self.art.refs
            if r.kind in ("name", "role")
            and r.end <= match.start()
            and not self.art.in_quote(r.start)
        ]
        if not before:
            return None, ANONYMOUS
        ref = before[-1]
        resolved = getattr(self.resolver, "resolved", {}).get(id(ref))
        if resolved:
            return str(resolved), "anaphora"
        description = self._description(ref) if ref.kind == "role" else None
        return (description, "description") if description else (None, ANONYMOUS)
