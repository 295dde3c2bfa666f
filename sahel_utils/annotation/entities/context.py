"""Everything the entity rules read about one Doc, built once per Doc."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from sahel_utils.annotation.entities.name_shapes import NameShapes
from sahel_utils.annotation.entities.role_phrases import RolePhrases
from sahel_utils.annotation.entities.rules import EntityRules
from sahel_utils.annotation.entities.view import DocView


@dataclass
class DocContext:
    """One Doc's view (text, tokens by offset), its name shapes and its role phrases."""

    view: DocView
    names: NameShapes
    roles: RolePhrases

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
        return cls(view, NameShapes(view), RolePhrases(view))
