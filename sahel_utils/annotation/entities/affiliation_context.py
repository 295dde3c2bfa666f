"""Affiliation context: the country the phrases around a person's name give it.

"son homologue malien, X", "X, ministre égyptien des …", "le Sénégalais X", "une
délégation russe conduite par …, X": the words before and after a name say which
office the person holds and for which country (or for a bloc, an international
organisation: ``INSTITUTION``).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from sahel_utils.annotation.entities.model import INSTITUTION, Mention
from sahel_utils.annotation.entities.view import STRONG_BOUNDARIES, DocView
from sahel_utils.core.normalize import fold


class AffiliationContext:
    """The role phrases around the names of one Doc and the country they give."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.doc = view.doc
        self.text = view.text
        self.folded = view.folded
        self.rules = view.rules
        self.token_at = view.token_at
        self.after_locative = view.after_locative
        self.is_adjectival_participle = view.is_adjectival_participle

    def is_role_word(self, token: Token) -> bool:
        """True for a role noun the model may tag as a verb ("consultant", "résident")."""
        folded = self.folded[token.idx : token.idx + len(token.text)]
        return self.rules.role_regex.fullmatch(folded) is not None

    def context_affiliation(
        self,
        mention: Mention,
        signals: list[Mention],
        anchors: list[Mention],
        people_spans: list[tuple[int, int]],
    ) -> tuple[str | None, set[str]]:
        """Country and role words the phrases around one name give it.

        Args:
            mention: A person mention.
            signals: Country mentions of the Doc, in text order.
            anchors: Country, bloc and organisation mentions, in text order.
            people_spans: Offsets of every person mention.

        Returns:
            ``(country, role words)``; country is ``INSTITUTION`` ("") when the role
            belongs to a bloc or an international organisation ("président de l'AES"),
            None when nothing around the name says.

        """
        doc = self.doc
        first = self.token_at(mention.start)
        last = self.token_at(mention.end, ending=True)
        if first is None or last is None:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                return None, set()
            first, last = span[0], span[-1]
        sent = first.sent
        roles: set[str] = set()

        # "le Sénégalais Moussa Diop": a demonym used as a noun right before the name
        for signal in signals:
            if (
                signal.demonym
                and self.text[signal.start : signal.start + 1].isupper()
                and self.text[signal.end : mention.start] == " "
            ):
                return signal.entity_id, roles

        # left: "<role> [adj] ... [,] [title] Name"
        left_country, left_roles = self._role_country(
            self._left_phrase(mention, first, people_spans), anchors
        )
        roles |= left_roles
        if left_country is not None:
            return left_country, roles

        # right: "Name, <role> <adj> ..." / "Name, <role> ... de la Russie"
        right = self._describing_phrase(mention, last, sent, bool(left_roles))
        if right is not None:
            role_match = self.rules.role_regex.search(self.folded[right[0] : right[1]])
            if role_match and role_match.start() <= 12:
                country, right_roles = self._role_country(right, anchors)
                roles |= right_roles
                if country is not None:
                    return country, roles
        # group leader: "une délégation russe conduite par ..., Name"
        return self._group_leader_country(mention, sent, signals), roles

    def _left_phrase(
        self, mention: Mention, first: Token, people_spans: list[tuple[int, int]]
    ) -> tuple[int, int]:
        """Offsets of the phrase before a name that may describe it (up to a boundary)."""
        doc = self.doc
        # read further back for a person whose apposition runs up to the name (a comma
        # missing: "X, directeur … du Sénégal … Name, journaliste"); the phrase itself
        # is at most 16 tokens
        left_start = max(first.sent.start, first.i - 40)
        cut = left_start
        after_person = False
        inserted = self._parenthesis_before(first)
        for tok in doc[left_start : first.i]:
            if self.acronym_parenthesis(tok) or tok.i in inserted:
                continue  # "le président du mouvement burkinabè … (MBDHP), X"
            if tok.text in STRONG_BOUNDARIES or (
                tok.pos_ in ("VERB", "AUX") and not self.is_adjectival_participle(tok)
            ):
                cut = tok.i + 1
                after_person = False
            elif any(s <= tok.idx < e for s, e in people_spans) and not (
                mention.start <= tok.idx < mention.end
            ):
                cut = tok.i + 1
                after_person = True
        comma_before = first.i > 0 and doc[first.i - 1].text == ","
        if (
            after_person
            and cut < first.i
            and doc[cut].text == ","
            and (comma_before or self._own_apposition(mention))
        ):
            # "X, ministre burkinabè ..., Name": the phrase describes X, unless a
            # coordinator opens a new phrase ("X, ministre ..., et l'ambassadeur de Y, Name");
            # without a comma before Name ("X, son homologue de l'Intérieur Name") it is Name's
            joined = [t.i for t in doc[cut : first.i] if t.lower_ in self.rules.coordinators]
            cut = joined[-1] + 1 if joined else first.i
        cut = max(cut, first.i - 16)
        return (doc[cut].idx if cut < len(doc) else mention.start, mention.start)

    def _right_phrase(self, last: Token, sent: Span) -> tuple[int, int] | None:
        """Offsets of the apposition after a name ("Name, <role> …"), else None."""
        doc = self.doc
        j = last.i + 1
        if j >= len(doc) or doc[j].text not in (",", "("):
            return None
        if j + 1 < len(doc) and doc[j + 1].lower_ in self.rules.coordinators:
            return None  # "X, et l'ambassadeur de France": another person, no apposition
        end_i = min(sent.end, j + 16)
        stop = end_i
        for tok in doc[j + 1 : end_i]:
            verb = tok.pos_ in ("VERB", "AUX") and not self.is_role_word(tok)
            if tok.text in STRONG_BOUNDARIES or tok.text == "," or verb:
                stop = tok.i
                break
        if j + 1 >= stop:
            return None
        return doc[j + 1].idx, doc[stop - 1].idx + len(doc[stop - 1].text)

    def _own_apposition(self, mention: Mention) -> bool:
        """A role apposition without determiner after the name ("Name, journaliste au …").

        Such a name has its own description: a phrase before it that follows another
        person describes that person, a comma missing ("X, directeur … Name, journaliste").
        """
        last = self.token_at(mention.end, ending=True)
        if last is None:
            return False
        right = self._right_phrase(last, last.sent)
        if right is None or self._next_item(mention, right) or self.text[right[0] - 1] == "(":
            return False
        first = re.match(r"\w+'|\w+", self.folded[right[0] : right[0] + 12])
        if first is not None and first.group(0) in self.rules.left_determiners:
            return False
        return self.rules.role_regex.match(self.folded, right[0]) is not None

    def _describing_phrase(
        self, mention: Mention, last: Token, sent: Span, titled: bool
    ) -> tuple[int, int] | None:
        """The apposition after a name (not the next item of a list), else its appointment."""
        right = self._right_phrase(last, sent)
        if right is not None and titled and self._next_item(mention, right):
            right = None
        return right if right is not None else self._appointment_phrase(last, sent)

    def _appointment_phrase(self, last: Token, sent: Span) -> tuple[int, int] | None:
        """Offsets of the office a person was given ("X a été élu |député en 2016|").

        An appointment word (``appointment_words``) within the four tokens after the
        name, then its phrase up to a boundary or a verb.
        """
        doc = self.doc
        end_i = min(sent.end, last.i + 5)
        for tok in doc[last.i + 1 : end_i]:
            if tok.text in STRONG_BOUNDARIES or tok.text == ",":
                return None
            if fold(tok.text) not in self.rules.appointment_words:
                continue
            start = tok.idx + len(tok.text)
            link = self.rules.appointment_link_regex.match(self.folded, start + 1)
            if link is not None:
                start = link.end()
            tokens = [t for t in doc[tok.i + 1 : min(sent.end, tok.i + 14)] if t.idx >= start]
            stop = None
            for t in tokens:
                verb = t.pos_ in ("VERB", "AUX") and not self.is_role_word(t)
                if t.text in STRONG_BOUNDARIES or t.text == "," or verb:
                    break
                stop = t
            if stop is None:
                return None
            return tokens[0].idx, stop.idx + len(stop.text)
        return None

    def _next_item(self, mention: Mention, right: tuple[int, int]) -> bool:
        """A phrase after a titled name that opens the next item of a list.

        In "… de l'Intérieur X, l'ambassadeur d'Allemagne au Niger, le chef …" the name
        already has its role before it; a phrase after it that starts with a
        determiner is another person of the list, not an apposition.
        """
        before = self.text[max(0, mention.start - 3) : mention.start].rstrip()
        if before.endswith((",", "(")):
            return False
        first = re.match(r"\w+'|\w+", self.folded[right[0] : right[0] + 12])
        return first is not None and first.group(0) in self.rules.left_determiners

    def _group_leader_country(
        self, mention: Mention, sent: Span, signals: list[Mention]
    ) -> str | None:
        """The country of a group the person leads ("une délégation russe conduite par …, X")."""
        sent_text = self.folded[sent.start_char : mention.start]
        for cue in self.rules.leader_cues:
            pos = sent_text.rfind(cue)
            if pos < 0:
                continue
            cue_char = sent.start_char + pos
            before = [s for s in signals if sent.start_char <= s.start < cue_char]
            if before and cue_char - before[-1].end <= 40:
                group_text = self.folded[max(sent.start_char, before[-1].start - 30) : cue_char]
                if any(g in group_text for g in self.rules.group_nouns):
                    return before[-1].entity_id
            return self._paragraph_group_country(mention, signals)
        return None

    def _paragraph_group_country(self, mention: Mention, signals: list[Mention]) -> str | None:
        """The one nationality given to a group in the leader's paragraph.

        "Ladite délégation … conduite par le vice-ministre X. Ces diplomates libyens ont
        été accueillis …": a group noun right before a nationality, anywhere in the
        paragraph, names the group the person leads (when all such phrases agree).
        """
        start = self.text.rfind("\n", 0, mention.start) + 1
        end = self.text.find("\n", mention.end)
        end = len(self.text) if end < 0 else end
        found = set()
        for signal in signals:
            if not (start <= signal.start < end and signal.demonym):
                continue
            words = re.findall(
                r"[\w'-]+", self.folded[max(start, signal.start - 20) : signal.start]
            )
            if words and words[-1] in self.rules.group_nouns:
                found.add(signal.entity_id)
        return found.pop() if len(found) == 1 else None

    def _parenthesis_before(self, first: Token) -> range:
        """Token indices of a short parenthesis right before a name, else an empty range.

        "son homologue nigérien, (ministre de la défense) X": the words in the
        parenthesis describe the name and do not end the phrase before it.
        """
        doc = self.doc
        close = first.i - 1
        if close < 1 or doc[close].text != ")":
            return range(0)
        for i in range(close - 1, max(first.sent.start, close - 9) - 1, -1):
            token = doc[i]
            if token.text == "(":
                return range(i, close + 1)
            if token.text in STRONG_BOUNDARIES or (
                token.pos_ in ("VERB", "AUX") and not self.is_adjectival_participle(token)
            ):
                break
        return range(0)

    def acronym_parenthesis(self, token: Token) -> bool:
        """A parenthesis around one acronym ("(MBDHP)"): no boundary of the phrase."""
        doc, i = self.doc, token.i
        if token.text == "(":
            inner, close = (i + 1, i + 2)
        elif token.text == ")":
            inner, close = (i - 1, i - 2)
        else:
            return False
        if not (0 <= close < len(doc) and 0 <= inner < len(doc)):
            return False
        word = doc[inner].text
        return doc[close].text in "()" and len(word) > 1 and word.isupper()

    def _role_country(
        self, chars: tuple[int, int], signals: list[Mention]
    ) -> tuple[str | None, set[str]]:
        """Country of the role phrase in ``chars``: the first country after a role word.

        The role nearest to the name is tried first ("l'envoyé spécial du président
        russe"); a country after a locative ("l'ambassadeur de France au Niger") is only
        used when there is no other.
        """
        start, end = chars
        if start >= end:
            return None, set()
        window = self.folded[start:end]
        roles = [
            m
            for m in self.rules.role_regex.finditer(window)
            if not self._qualifies_a_thing(start + m.start())
        ]
        if not roles:
            return None, set()
        # "son homologue de l'Intérieur": a relational role with a ministry's field is
        # an office of its own
        role_words = {m.group(0) + self._portfolio_after(start + m.end()) for m in roles}
        for role in reversed(roles):
            role_start = start + role.start()
            independent = role.group(0) in self.rules.independent_roles
            inside = [
                s
                for s in signals
                if role_start <= s.start
                and s.end <= end
                and not self._for_other_party(s.start)
                # "journaliste de la BBC": an employer's country is not an analyst's own
                and not (independent and s.entity_type == "organization")
            ]
            if not inside:
                continue
            direct = [s for s in inside if not self.after_locative(s.start)]
            if not direct and self._names_employer(start + role.end(), inside[0].start):
                # "directeur d'Action contre la faim au Burkina Faso": an employer's
                # office at a place of work, for no state (and no host country)
                return INSTITUTION, role_words
            chosen = (direct or inside)[0]
            if chosen.entity_type == "country":
                return chosen.entity_id, role_words
            if not chosen.country and chosen.national:
                return None, role_words  # "président du CNT": the article's own state
            return chosen.country or INSTITUTION, role_words
        return None, role_words

    def _portfolio_after(self, char: int) -> str:
        """The ministry's field right after a role (" de l'interieur"), else ""."""
        pos = char + 1 if self.folded[char : char + 1] == " " else char
        field = self.rules.portfolio_regex.match(self.folded, pos)
        return self.folded[char : field.end()] if field else ""

    def _qualifies_a_thing(self, char: int) -> bool:
        """A role word after a common noun it qualifies ("le pays |hôte", "un État |membre").

        Such a word names no office of a person.
        """
        token = self.token_at(char)
        if token is None or token.i == 0:
            return False
        previous = self.doc[token.i - 1]
        word = fold(previous.text)
        return (
            previous.pos_ == "NOUN"
            and previous.text.islower()
            and self.rules.role_regex.fullmatch(word) is None
            and self.rules.title_regex.fullmatch(word) is None
        )

    def _for_other_party(self, start: int) -> bool:
        """A country after "pour", "contre" … ("analyste pour le Cameroun"): not the person's."""
        words = re.findall(r"[\w']+", self.folded[max(0, start - 25) : start])
        words = [w for w in words if w not in self.rules.left_determiners]
        return bool(words) and words[-1] in self.rules.relation_prepositions

    def _names_employer(self, start: int, end: int) -> bool:
        """A capitalised name between a role and a place ("directeur d'|Action … au| Mali")."""
        for match in re.finditer(r"\b\w+", self.text[start:end]):
            word = match.group(0)
            if word[:1].isupper() and fold(word) not in self.rules.not_names:
                return True
        return False
