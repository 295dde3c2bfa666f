"""Speakers after the quote: inverted verbs, impersonal sources, documents, institutions.

The rules of :mod:`sahel_utils.annotation.speakers` that read what follows a
quote: the subject of an inverted verb ("« … », soupirait-elle"), "peut-on
lire dans", a document and its issuer, an institution as subject.
"""

from __future__ import annotations

import re

from sahel_utils.annotation.speakers_subjects import _Subjects
from sahel_utils.annotation.speakers_vocabulary import (
    _COLLECTIVE_SOURCES,
    _CONTINUATION_GAP,
    _HARD_STOP,
    _INVERTED_SUFFIX,
    _WORD,
    ANONYMOUS,
)
from sahel_utils.core.lexicon import phrase_alternation
from sahel_utils.core.normalize import fold_same_length

#: Capitalised words, possibly joined by "de", "du", "des", "d'" ("Radio Lomé", "Agence
#: de presse X"): the name of an organisation after an inverted verb.
_PROPER_RUN = re.compile(
    r"[A-ZÀ-Ý][\w'’-]*(?:\s+(?:(?:de|du|des|d['’])\s*)?[A-ZÀ-Ý][\w'’-]*)*(?![\w'’-])"
)


class _Inversion(_Subjects):
    """The article, with the speakers named after its quotes."""

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
        source = self._source_subject(index, v_end, clause_end)
        if source is not None:
            return source
        return self._determined_subject(index, v_end, clause_end)

    def _determined_subject(
        self, index: int, v_end: int, clause_end: int
    ) -> tuple[str | None, str | None]:
        """A subject opened by a determiner after an inverted verb: institution or anaphora."""
        after = self.folded[v_end:clause_end].lower()
        # a complement may stand between the verb and its subject ("a affirmé dans un
        # communiqué le ministère …", "a dit à la presse le porte-parole …")
        det = re.match(
            rf"\s+(?:{phrase_alternation(self.vocab.time_words)}\s+){{0,3}}"
            rf"(?:{self._gap_alternation()}\s+[^,]{{0,30}}?\s+)?"
            r"(l'|(?:les|le|la|cet|cette|ce|notre|leur|son|sa)\b)\s*",  # "les" is not "le"
            after,
        )
        if det is None:
            return None, None
        np_end = self.vocab.subject_stop_pattern.search(after[det.end() :])
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

    def _source_subject(
        self, index: int, v_end: int, clause_end: int
    ) -> tuple[str | None, str | None] | None:
        """The source of "…, ajoute cette même source" (the quote before) or "…, a dit Radio X"."""
        same = self.vocab.same_source_pattern.search(self.folded[v_end:clause_end].lower())
        if same is not None and not self.art.verbs_between(v_end, v_end + same.start()):
            return self._previous_speaker(index)
        bare = self._bare_proper_subject(v_end, clause_end)
        return None if bare is None else (bare, "institution")

    def _anonymous_group(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` is a group noun alone ("selon les experts")."""
        words = self._phrase_words(start, end)
        return len(words) == 1 and words[0].group().lower() in self.vocab.group_nouns

    def _previous_speaker(self, index: int) -> tuple[str | None, str | None]:
        """The speaker of the nearest earlier quote that has one, and its source."""
        for row in reversed(self.rows[:index]):
            if row.get("speaker"):
                return str(row["speaker"]), str(row.get("speaker_source") or "continuation")
        return None, None

    def _bare_proper_subject(self, v_end: int, end: int) -> str | None:
        """A capitalised subject right after an inverted verb, without determiner.

        "« … », a précisé Radio Lomé", "a indiqué Moscou": after the verb (and time
        words), capitalised words, possibly joined by "de"/"du"/"des"; a person's name
        is found before this rule, so what is left names an outlet, an organisation
        or a capital speaking for its state.
        """
        times = phrase_alternation(self.vocab.time_words)
        lead = re.match(rf"\s+(?:(?:{times})\s+){{0,3}}", self.folded[v_end:end].lower())
        start = v_end + (lead.end() if lead else 0)
        match = _PROPER_RUN.match(self.text, start, end)
        if match is None or start == v_end:
            return None
        return match.group().strip()

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

    def self_named_issuer(self, index: int) -> tuple[str | None, str | None]:
        """A statement quoted from a document that names its issuer in its first words.

        "« Le gouvernement de la République X informe l'opinion … »" after "un
        communiqué lu à la télévision :", or "« Le ministère X et le département Y
        rappellent … », ont-ils déclaré dans un communiqué": the quote's own subject,
        an institution (``institution_nouns``) with a verb in the present, is the issuer.
        """
        noun = self._document_noun(index)
        if noun is None and not self._document_before_colon(index):
            return None, None
        if noun is not None and self._issuer_anywhere(self.folded[noun[0] : noun[1]].lower()):
            return None, None  # the document's issuer is named: ``document_source``
        if not self._pronoun_or_no_subject(index):
            return None, None  # "« … », a indiqué la Minusma dans un communiqué"
        quote = self.quotes[index]
        stop = _HARD_STOP.search(self.text, quote.start, quote.end)
        doc = self._parse(quote.start, stop.start() if stop else quote.end)
        for token in doc:
            if token.dep_ != "nsubj" or token.head.dep_ != "ROOT":
                continue
            if "Pres" not in token.head.morph.get("Tense") or token.left_edge.i > 1:
                return None, None
            if fold_same_length(token.text).lower() not in self.vocab.institution_nouns:
                return None, None
            words = list(token.subtree)
            if words and words[0].pos_ == "DET":
                words = words[1:]
            if not words:
                return None, None
            start, last = words[0].idx, words[-1]
            return doc.text[start : last.idx + len(last.text)].strip(" ,"), "document"
        return None, None

    def _pronoun_or_no_subject(self, index: int) -> bool:
        """No inverted verb after the quote, or one whose subject is a pronoun ("ont-ils dit")."""
        found = self._inverted_verb(index)
        if found is None:
            return True
        v_start, v_end, limit = found
        around = self.folded[self.quotes[index].close_at + 1 : min(limit, v_end + 8)].lower()
        return re.search(r"-(?:t-)?(?:il|elle)s?\b", around) is not None

    def _document_before_colon(self, index: int) -> bool:
        """The sentence before a quote opening its own ends with ":" and names a document."""
        quote = self.quotes[index]
        s_index = self.art.sentence_of(quote.open_at)
        if s_index == 0 or self.text[self.art.sentences[s_index][0] : quote.open_at].strip():
            return False
        p_start, p_end = self.art.sentences[s_index - 1]
        if not self.text[p_start:p_end].rstrip().endswith(":"):
            return False
        return any(
            w.lower() in self.vocab.document_nouns and not self.art.in_quote(p_start + m.start())
            for m in _WORD.finditer(self.folded[p_start:p_end])
            for w in [m.group()]
        )

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

    def institution_subject(self, index: int) -> tuple[str | None, str | None]:
        """An institution subject of the verb before the quote, or after "selon"."""
        quote, row = self.quotes[index], self.rows[index]
        s_start = self.art.sentences[self.art.sentence_of(quote.open_at)][0]
        folded = self.folded
        quote_vocab = self.art.vocab
        preps = phrase_alternation(quote_vocab.source_prepositions)
        for match in re.finditer(
            rf"(?<![\w'])({preps})\s+", folded[s_start : quote.open_at].lower()
        ):
            start = s_start + match.end()
            at = s_start + match.start()
            if match.group(1) in quote_vocab.clause_head_prepositions and (
                folded[self.art.clause_start(at) : at].strip()
            ):
                continue  # "Pour la Hongrie, « … »" opens its clause; "vise pour X" does not
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
            if found[0] or self._anonymous_group(start, end):
                return found if found[0] else (None, ANONYMOUS)
        after = quote.close_at + 1
        limit = self._limit_after(after)
        tail = folded[after:limit].lower()
        m = re.match(r"[\s,]*(?:\.\s*)?(?:selon|d'apres)\s+", tail)
        if m:
            start = after + m.end()
            stop = re.search(r"[,.;:!?()«»\n]", self.text[start:limit])
            end = start + (stop.start() if stop else limit - start)
            found = self._collective_in(start, end)
            if found[0] or self._anonymous_group(start, end):
                return found if found[0] else (None, ANONYMOUS)
        if not row.get("cue"):
            return None, None
        verbs = self.art.verbs_between(s_start, quote.open_at)
        if not verbs:
            return None, None
        v_start = verbs[-1][0]
        clause = self.art.clause_start(v_start)
        return self._collective_in(clause, v_start)
