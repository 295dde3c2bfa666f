"""Speakers from the quotes and sentences around: pronouns, continuation, interviews.

The rules of :mod:`sahel_utils.annotation.speakers` that read the quote's
neighbours: a colon or an apposition, pronouns (feminine, collective), the
previous quote or sentence, the interview's questions and answers, a
standalone quote of the article's main person.
"""

from __future__ import annotations

import re

from sahel_utils.annotation.speakers_inversion import _Inversion
from sahel_utils.annotation.speakers_vocabulary import (
    _COLLECTIVE_SOURCES,
    _CONTINUATION_GAP,
    _HARD_STOP,
    _PRONOUN,
    _STANDALONE_MIN_WORDS,
    _WORD,
)
from sahel_utils.core.normalize import fold_same_length


class _Discourse(_Inversion):
    """The article, with the speakers its neighbouring quotes and sentences give."""

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
        if self.art.verbs_between(quote.close_at, following.open_at):
            return None, None  # a reporting verb between: another voice may speak there
        if self._persons_between(quote.close_at, following.open_at) and not self.reported_after(
            index + 1
        ):
            return None, None
        row = self.rows[index + 1]
        if row.get("speaker") and row.get("speaker_source") in {"inverted", "incise"} | (
            _COLLECTIVE_SOURCES
        ):
            return str(row["speaker"]), str(row["speaker_source"])
        return None, None

    def reported_after(self, index: int) -> bool:
        """Whether a quote's reporting verb follows it and ends its sentence ("…, a dit X.").

        Such a reporting clause governs the whole sentence: "« Du 3 au 5 mai », le
        ministre a séjourné … « pour … », a précisé la radio" is all the radio's.
        """
        row, quote = self.rows[index], self.quotes[index]
        if row.get("speaker_source") not in {"inverted", "institution", "document"}:
            return False
        cue = row.get("cue")
        if not cue:
            return False
        s_end = self.art.sentences[self.art.sentence_of(quote.open_at)][1]
        tail = self.text[quote.close_at + 1 : s_end]
        return str(cue) in tail and not any(
            quote.close_at < q.open_at < s_end for q in self.quotes[index + 1 :]
        )

    def _pronoun_in(self, text: str) -> re.Match[str] | None:
        """A subject pronoun of a reporting clause in folded ``text``, not an impersonal "il".

        "-t-il", "selon elle", "il dit", "Dans un communiqué, il dénonce"; not "il faut".
        """
        for match in _PRONOUN.finditer(text):
            if not self.art.vocab.impersonal_pattern.match(text[match.end() : match.end() + 40]):
                return match
        return None

    def pronoun(self, index: int) -> tuple[str | None, str | None]:
        """A pronoun subject ("Il dit …", "selon elle", "-t-il"): the nearest compatible speaker."""
        quote = self.quotes[index]
        row = self.rows[index]
        cue = fold_same_length(str(row.get("cue") or "")).lower()
        lead = fold_same_length(self._sentence_lead(quote)).lower()
        found = self._pronoun_in(cue) or self._pronoun_in(lead)
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
        found = self._pronoun_in(cue) or self._pronoun_in(lead) or inverted
        if found is None or next(g for g in found.groups() if g) != "elle":
            return None
        candidate = self._nearest(index, True)
        if candidate and candidate != row.get("speaker"):
            # a woman known as one, or anyone rather than a man known as one
            if candidate in self.female or row.get("speaker") in self.male:
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
        found = self._pronoun_in(cue) or self._pronoun_in(lead) or inverted
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
        s_start = self.art.sentences[s_index][0]
        verbs = self.art.verbs_between(s_start, quote.open_at)
        if verbs:  # "la CEDEAO s'est dite préoccupée par ce qu'elle a appelé « … »"
            clause = self._phrase_clause(verbs[0][0], s_start)
            speaker, source = self._collective_in(clause, verbs[0][0])
            if speaker and source == "institution":
                at = self.text.find(speaker, clause, verbs[0][0])
                return (at if at != -1 else clause), speaker, source
        if s_index == 0:
            return None
        p_start, p_end = self.art.sentences[s_index - 1]
        for v_start, _ in self.art.verbs_between(p_start, p_end):
            clause = self._phrase_clause(v_start, p_start)
            speaker, source = self._collective_in(clause, v_start)
            if speaker and source in {"institution", "document"}:
                at = self.text.find(speaker, clause, v_start)
                return (at if at != -1 else clause), speaker, source
        # "Le ministère a convoqué l'ambassadeur. Dans un communiqué, il dénonce « … »":
        # the institution opening the previous sentence as its subject
        speaker, source = self._collective_in(p_start, p_end)
        at = self.text.find(speaker, p_start, p_end) if speaker else -1
        lead = _WORD.findall(self.folded[p_start:at].lower()) if at != -1 else ["?"]
        if speaker and source == "institution" and set(lead) <= self.vocab.definite_determiners:
            return at, speaker, source
        return None

    def _phrase_clause(self, v_start: int, floor: int) -> int:
        """Start of a verb's clause, over commas inside a name's complements.

        "le ministère des Affaires étrangères, de la Coopération et des Nigériens de
        l'extérieur a souligné": a clause opening with "de", "du", "des" goes on with
        the noun phrase before its comma.
        """
        clause = self.art.clause_start(v_start)
        while clause - 1 > floor and self.text[clause - 1] == ",":
            first = _WORD.match(
                self.folded.lower(),
                clause + len(self.text[clause:]) - len(self.text[clause:].lstrip()),
            )
            if first is None or first.group() not in self.art.vocab.complement_links:
                break
            clause = self.art.clause_start(clause - 1)
        return clause

    def continuation(self, index: int) -> tuple[str | None, str | None]:
        """A quotation going on after a quote of the same speaker (« … » then « … »)."""
        if index == 0 or self.rows[index].get("cue"):
            return None, None
        quote, previous = self.quotes[index], self.quotes[index - 1]
        speaker = self.rows[index - 1].get("speaker")
        gap = self.text[previous.close_at + 1 : quote.open_at]
        if not speaker:
            return None, None
        if self.rows[index - 1].get("speaker_source") in _COLLECTIVE_SOURCES and not (
            self._sentence_after_reporting(index, gap)
        ):
            return None, None
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

    def _sentence_after_reporting(self, index: int, gap: str) -> bool:
        """A whole-sentence quote right after the reporting clause that ends the quote before.

        "« … », a déclaré le ministère. « En réaction, … »": in the same paragraph, the
        gap is the previous quote's reporting clause, and the quote opens with a capital.
        """
        cue = self.rows[index - 1].get("cue")
        inside = self.text[self.quotes[index].start : self.quotes[index].end]
        return (
            bool(cue)
            and str(cue) in gap
            and "\n" not in gap
            and gap.rstrip().endswith(".")
            and inside[:1].isupper()
        )

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
