"""One Doc seen in character offsets: its text, folded text and tokens by offset.

Every other part of the entity component reads the Doc through a :class:`DocView`; it is
also the context the affiliation rules (``annotation.affiliation``) receive.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from sahel_utils.annotation.entities.rules import EntityRules
from sahel_utils.core.normalize import fold_same_length

#: Punctuation that ends a phrase around a name.
STRONG_BOUNDARIES = {".", ";", ":", "!", "?", "(", ")", "«", "»", '"', "“", "”", "[", "]"}


class DocView:
    """Token lookups over one Doc, in character offsets, and the rules' vocabulary."""

    def __init__(self, doc: Doc, rules: EntityRules) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from the tokens on every access
        self.rules = rules
        self.folded = fold_same_length(doc.text)
        self._by_start = {t.idx: t for t in doc}
        self._by_end = {t.idx + len(t.text): t for t in doc}

    def token_at(self, char: int, ending: bool = False) -> Token | None:
        """The token starting (or, with ``ending``, ending) at character ``char``.

        Args:
            char: A character offset of the Doc text.
            ending: Look for a token ending there instead.

        Returns:
            The token, or None when none starts (ends) at ``char``.

        """
        return (self._by_end if ending else self._by_start).get(char)

    def after_locative(self, start: int) -> bool:
        """True when a locative preposition ("à", "au", "depuis") directly precedes ``start``."""
        before = self.folded[max(0, start - 24) : start].rstrip()
        return any(
            before.endswith(loc)
            and (len(before) == len(loc) or not before[-len(loc) - 1].isalnum())
            for loc in self.rules.locatives
        )

    def is_adjectival_participle(self, token: Token) -> bool:
        """A past participle inside a noun phrase ("le secrétaire d'État chargé de …").

        Without an auxiliary before it, the participle qualifies the role; it does not
        end the phrase the way a conjugated verb does.
        """
        if token.pos_ != "VERB" or "Part" not in token.morph.get("VerbForm", []):
            return False
        if "Past" not in token.morph.get("Tense", []) and not token.lower_.endswith(
            self.rules.participle_endings
        ):
            return False
        previous = token.nbor(-1) if token.i > 0 else None
        return previous is None or previous.pos_ not in ("AUX", "PRON")
