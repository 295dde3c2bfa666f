"""Role phrases next to names: appositions, and role phrases naming no one.

A name after a role phrase and a comma is a person ("le vice-ministre …, Name"); a role
phrase naming no one takes the country right after it ("le président malien",
"Président du Faso") unless it describes a name next to it ("Name, ministre égyptien
…").
"""

from __future__ import annotations

from sahel_utils.annotation.entities.model import Mention
from sahel_utils.annotation.entities.view import STRONG_BOUNDARIES, DocView


class RolePhrases:
    """Role phrases next to the names of one Doc."""

    def __init__(self, view: DocView) -> None:
        self.view = view
        self.doc = view.doc
        self.text = view.text
        self.folded = view.folded
        self.rules = view.rules
        self.token_at = view.token_at

    def after_role_apposition(self, start: int) -> bool:
        """True for a name after a role phrase and a comma ("le vice-ministre …, |Name")."""
        pos = start  # back over the blanks, without copying the text before the name
        while pos > 0 and self.text[pos - 1].isspace():
            pos -= 1
        if pos == 0 or self.text[pos - 1] != ",":
            return False
        token = self.token_at(start)
        if token is None:
            return False
        sent_start = token.sent.start
        window = self.doc[max(sent_start, token.i - 10) : token.i]
        for tok in reversed(window):
            if tok.text in STRONG_BOUNDARIES or tok.pos_ in ("VERB", "AUX"):
                return False
            if self.rules.role_regex.match(self.folded, tok.idx):
                return True
        return False

    def country_right_after(
        self, role_start: int, role_end: int, signals: list[Mention]
    ) -> Mention | None:
        """Country right after a role ("président |malien", "Président du |Faso").

        A country form that itself begins with the role ("Président du Faso") counts too.
        """
        text = self.folded
        pos = role_end
        while pos < len(text) and text[pos] == " ":
            pos += 1
        for link in self.rules.country_links:
            prefix = link if link.endswith("'") else link + " "
            if text.startswith(prefix, pos):
                pos += len(prefix)
                break
        for mention in signals:
            if mention.start == pos or (mention.start == role_start and mention.end > role_end):
                return mention
        return None

    def describes_named_person(self, start: int, end: int, people: list[Mention]) -> bool:
        """True when a role phrase is the apposition or the title of a name next to it.

        "Name, ministre égyptien ..." and "le ministre malien de la Défense, le général Name"
        describe that name rather than refer back to someone.
        """
        left = self.rules.left_determiner_regex.sub(
            "", self.text[max(0, start - 40) : start]
        ).rstrip()
        if left.endswith((",", "(")):
            left_end = max(0, start - 40) + len(left[:-1].rstrip())
            if any(p.end == left_end for p in people):
                return True
        if any(p.start <= start < p.end for p in people):
            return True
        token = self.token_at(end, ending=True)
        if token is None:
            return False
        limit = min(len(self.doc), token.i + 16, token.sent.end)
        for tok in self.doc[token.i + 1 : limit]:
            if any(p.start == tok.idx for p in people):
                return True
            if tok.text in STRONG_BOUNDARIES or tok.pos_ in ("VERB", "AUX"):
                return False
        return False
