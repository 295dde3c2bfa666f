"""Everything the entity rules read about one Doc, built once per Doc."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from sahel_utils.annotation.entities.affiliation_context import AffiliationContext
from sahel_utils.annotation.entities.name_shapes import NameShapes
from sahel_utils.annotation.entities.role_phrases import RolePhrases
from sahel_utils.annotation.entities.rules import EntityRules
from sahel_utils.annotation.entities.view import DocView


@dataclass
class DocContext:
    """One Doc's view (text, tokens by offset), name shapes, role phrases, affiliation context."""

    view: DocView
    names: NameShapes
    roles: RolePhrases
    affiliations: AffiliationContext
    #: where the Doc's countries, places and national bodies start (set by the affiliation)
    known_starts: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, doc: Doc, rules: EntityRules) -> DocContext:
        """Build the context of ``doc``.

        Args:
            doc: A Doc with entities, tags and sentences.
            rules: The entity-rule vocabulary.

        Returns:
            The Doc's context.

        """
        view = DocView(doc, rules)
        return cls(view, NameShapes(view), RolePhrases(view), AffiliationContext(view))
