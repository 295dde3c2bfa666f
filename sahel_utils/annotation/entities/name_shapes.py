"""The shape of a name: capitalised words, particles, titles and elisions around it.

"Capitaine Ibrahim Traoré" is the name "Ibrahim Traoré" after a title; "Goïta s'" is
"Goïta" and an elided word; "Denis Sassou N'Guesso" and "Stephen J. Townsend" are one
name each. Offsets right after a title are where a name may start ("le général |Sadio
Camara").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from sahel_utils.annotation.entities.view import DocView
from sahel_utils.core.normalize import fold

_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'\-]*$")
_CAPITAL_ELISION = re.compile(r"^[A-Z]'$")
#: a middle initial inside a name ("Stephen J. Townsend")
_INITIAL = re.compile(r"^[A-Z]\.$")


class NameShapes:
    """Name words, name runs and the titles before names, over one Doc."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.doc = view.doc
        self.text = view.text
        self.folded = view.folded
        self.rules = view.rules
        self.token_at = view.token_at
        self.title_matches = [
            (m.start(), m.end()) for m in self.rules.title_regex.finditer(self.folded)
        ]
        self.name_slots = self._find_name_slots()

    def _is_name_token(self, token: Token) -> bool:
        text = token.text
        if not _NAME_TOKEN.match(text) or not text[0].isupper():
            return False
        if len(text) > 1 and text.isupper() and "'" not in text:
            return False  # acronyms: AES, ONU
        folded = fold(text)
        if folded in self.rules.not_names or folded in self.rules.elisions:
            return False
        if self.rules.role_regex.fullmatch(folded) or self.rules.title_regex.fullmatch(folded):
            return False
        return True

    def name_run_end(self, i: int, allow_first_particle: bool = False) -> int | None:
        """End offset of a run of name tokens starting at token ``i`` (None if none)."""
        doc = self.doc
        j = i
        last_name_end = None
        count = 0
        while j < len(doc) and count < 6:
            token = doc[j]
            if j > i and doc[j - 1].whitespace_ and "\n" in doc[j - 1].whitespace_:
                break
            if self._is_name_token(token):
                last_name_end = token.idx + len(token.text)
                count += 1
                j += 1
                if token.whitespace_ and "\n" in token.whitespace_:
                    break
                continue
            inside = j > i or allow_first_particle
            if self._joins_names(token, inside, last_name_end is not None):
                j += 1
                continue
            break
        return last_name_end

    def _joins_names(self, token: Token, inside: bool, after_name: bool) -> bool:
        """A token inside a name run before another name word: "N'", "-", "J.", "de"."""
        doc = self.doc
        if token.i + 1 >= len(doc) or not self._is_name_token(doc[token.i + 1]):
            return False
        if _CAPITAL_ELISION.match(token.text) and not token.whitespace_:
            return True
        if not after_name:
            return False
        if token.text == "-" and not token.whitespace_ and token.i > 0:
            return True
        if _INITIAL.match(token.text):  # "Stephen J. Townsend"
            return True
        return inside and fold(token.text) in self.rules.particles and not token.text.islower()

    def is_name(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` reads as a person's name (capitalised words)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0 or len(span) > 7:
            return False
        names = 0
        for k, token in enumerate(span):
            if self._is_name_token(token):
                names += 1
            elif _CAPITAL_ELISION.match(token.text) or token.text == "-":
                continue
            elif 0 < k < len(span) - 1 and (
                fold(token.text) in self.rules.particles or _INITIAL.match(token.text)
            ):
                continue
            else:
                return False
        return names >= 1

    def has_proper_noun(self, start: int, end: int) -> bool:
        """True when the span holds a proper noun or an acronym (not only common words)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        return any(t.pos_ == "PROPN" or (len(t.text) > 1 and t.text.isupper()) for t in span)

    def is_common_word(self, start: int, end: int) -> bool:
        """True for one capitalised common noun or adjective ("Fédération", "Grande")."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and len(span) == 1 and span[0].pos_ in ("NOUN", "ADJ")

    def is_name_start(self, char: int) -> bool:
        """True when a name word starts at character ``char``."""
        token = self.token_at(char)
        return token is not None and self._is_name_token(token)

    def strip_name(self, start: int, end: int) -> tuple[int, int, bool]:
        """Remove titles, determiners and elisions around a name; report if a title went."""
        text = self.text
        start, had_title = self._strip_titles(start, end)
        while start < end and (text[end - 1].isspace() or text[end - 1] in ",.;:'-"):
            end -= 1
            if end > start and text[end - 1] != "'":
                break
        # trailing elided word ("Goïta s'")
        tail = self.folded[start:end].rsplit(" ", 1)
        if len(tail) == 2 and (
            tail[1] in self.rules.elisions or tail[1] + "'" in self.rules.elisions
        ):
            end = start + len(tail[0])
        while start < end and not text[end - 1].isalnum():
            end -= 1
        field_end = self._portfolio_end(start, end)
        if field_end is not None:  # "(de l')Intérieur Alkache Alhada"
            start, had_title = field_end, True
        return self._strip_leading_elision(start, end), end, had_title

    def _portfolio_end(self, start: int, end: int) -> int | None:
        """Start of the name after a ministry's field opening ``[start, end)``, else None.

        "(ministre de l')|Intérieur Alkache Alhada": the field follows its link word
        ("de l'", "de la") and a capitalised name follows the field.
        """
        for link in self.rules.country_links:
            gap = link if link.endswith("'") else link + " "
            if not self.folded.endswith(gap, max(0, start - len(gap) - 1), start):
                continue
            field = self.rules.portfolio_regex.match(self.folded, start - len(gap), end)
            if field is None:
                continue
            pos = field.end()
            while pos < end and self.text[pos] == " ":
                pos += 1
            if field.end() < pos < end and self.text[pos].isupper():
                return pos
        return None

    def _strip_titles(self, start: int, end: int) -> tuple[int, bool]:
        """Start of a name past its leading titles and determiners; whether a title went."""
        text = self.text
        had_title = False
        changed = True
        while changed and start < end:
            changed = False
            while start < end and not text[start].isalnum():
                start += 1
            for title in self.rules.titles:
                if self.folded.startswith(title, start) and start + len(title) < end:
                    nxt = text[start + len(title)]
                    if nxt.isspace() or nxt == "," or title.endswith("'"):
                        if title not in self.rules.determiner_titles:
                            had_title = True
                        start += len(title)
                        changed = True
                        break
        return start, had_title

    def _strip_leading_elision(self, start: int, end: int) -> int:
        """Start of a name past a leading elided word ("L'", "d'"); ``end`` when all is one."""
        text = self.text
        head = self.folded[start:end].split(" ", 1)[0]
        for elision in self.rules.elisions:
            lower_case = text[start : start + 1].islower()
            if not lower_case and elision not in self.rules.capitalised_elisions:
                continue
            if head.startswith(elision) and len(head) > len(elision):
                return start + len(elision)
            if head == elision.rstrip("'"):
                return end
        return start

    def after_title(self, start: int) -> bool:
        """True when a name may start at ``start``, right after a title."""
        return start in self.name_slots

    def starts_with_role(self, start: int) -> bool:
        """True when a role noun or a title starts at ``start``."""
        return self.rules.role_regex.match(self.folded, start) is not None or (
            self.rules.title_regex.match(self.folded, start) is not None
        )

    def _find_name_slots(self) -> set[int]:
        """Offsets where a name may start right after a title ("le général |Sadio Camara")."""
        slots: set[int] = set()
        text = self.folded
        determiners = self.rules.determiner_titles
        real = [(s, e) for s, e in self.title_matches if text[s:e] not in determiners]
        ends = {e for _, e in real}
        starts = {s: e for s, e in self.title_matches}
        for end in sorted(ends):
            pos = end
            while True:
                while pos < len(text) and text[pos] in " ,":
                    pos += 1
                if pos in starts:
                    pos = starts[pos]
                    continue
                field = self.rules.portfolio_regex.match(text, pos)
                if field is not None:  # "le ministre de la Défense nationale |X"
                    pos = field.end()
                    continue
                break
            if pos < len(text) and self.text[pos].isupper():
                slots.add(pos)
        return slots
