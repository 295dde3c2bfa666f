"""The ``sahel_entities`` and ``paragraph_breaks`` pipeline components.

``EntityResolver`` chains the steps, each in its own module: mention collection
(``gazetteer_mentions``, ``model_mentions``), what a name names (``senses``), same
person (``people``), a person's country (``person_countries``); it writes
``doc._.mentions`` and, for display, ``doc.spans["mentions"]``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from sahel_utils.annotation.entities import senses
from sahel_utils.annotation.entities.context import DocContext
from sahel_utils.annotation.entities.gazetteer_mentions import GazetteerMentions, drop_overlapping
from sahel_utils.annotation.entities.model import MENTION_SPANS_KEY, Mention
from sahel_utils.annotation.entities.model_mentions import ModelMentions
from sahel_utils.annotation.entities.people import (
    add_full_name_mentions,
    add_surname_mentions,
    cluster_people,
    merge_aliases,
)
from sahel_utils.annotation.entities.person_countries import affiliate, nominal_people
from sahel_utils.annotation.entities.rules import EntityRules, load_entity_rules
from sahel_utils.annotation.extensions import register_extensions
from sahel_utils.core.normalize import fold


class EntityResolver:
    """The ``sahel_entities`` pipeline component (see the package docstring)."""

    def __init__(self, gazetteer: Any, rules: EntityRules) -> None:
        self.gaz = gazetteer
        self.rules = rules
        self._entries_by_id = _index_entries(gazetteer)
        self._gazetteer_mentions = GazetteerMentions(gazetteer, rules, self._entries_by_id)
        self._model_mentions = ModelMentions(gazetteer, rules)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        """Resolve the Doc's entity mentions into ``doc._.mentions``."""
        ctx = DocContext.of(doc, self.rules)
        gazetteer, model = self._gazetteer_mentions, self._model_mentions
        fixed = gazetteer.gazetteer_mentions(doc, ctx)
        fixed += gazetteer.hyphen_mentions(ctx, fixed)
        nested = [m for m in fixed if m.nested]
        fixed = drop_overlapping([m for m in fixed if not m.nested])
        fixed = gazetteer.release_first_names(doc, ctx, fixed)
        gaz_people = [m for m in fixed if m.entity_type == "person"]
        fixed = [m for m in fixed if m.entity_type != "person"]
        people, others = model.model_mentions(doc, ctx, fixed)
        people += gaz_people
        people += model.title_people(ctx, fixed, people)
        people = model.merge_people(ctx, people, fixed)
        model.trim_complement_names(ctx, people)
        # one sense per article: a name the model also tags as a place or organisation
        # ("l'hôtel Ledger Plazza" … "Ledger Plazza de Bangui") is not a person
        thing_names = {fold(ctx.view.text[o.start : o.end]) for o in others + fixed}
        people = [
            p
            for p in people
            if p.gazetteer_id or p.source != "model" or fold(p.name) not in thing_names
        ]
        others = [o for o in others if not any(o.start < p.end and p.start < o.end for p in people)]
        mentions = fixed + others + nested
        clusters = [
            c
            for c in cluster_people(people, self.gaz, self._entries_by_id)
            if not senses.is_modifier_name(ctx.view, c)
            and not (
                c.entry is None
                and (
                    senses.names_a_thing(ctx.view, c)
                    or senses.names_no_one(ctx.view, c)
                    or senses.names_a_place(ctx.view, c)
                )
            )
        ]
        clusters = merge_aliases(ctx, clusters)
        released = add_surname_mentions(ctx, clusters, fixed, others)
        released |= add_full_name_mentions(
            ctx, clusters, fixed, [o for o in others if id(o) not in released]
        )
        mentions = [m for m in mentions if id(m) not in released]
        people = [m for c in clusters for m in c.mentions]
        affiliate(ctx, clusters, mentions)
        nominal = nominal_people(ctx, clusters, mentions, people)
        result = mentions + people + nominal
        result.sort(key=lambda m: (m.start, m.end, m.entity_type))
        doc._.mentions = [m.row() for m in result]
        doc.spans[MENTION_SPANS_KEY] = _display_spans(doc, result)
        return doc


def _index_entries(gazetteer: Any) -> dict[str, Any]:
    entries = getattr(gazetteer, "entries", None) or []
    if isinstance(entries, dict):
        return {str(k): v for k, v in entries.items()}
    return {str(e.entity_id): e for e in entries}


def _display_spans(doc: Doc, mentions: list[Mention]) -> list[Span]:
    """Token-aligned spans of the mentions, for displaCy (``style="span"``)."""
    spans = []
    for mention in mentions:
        span = doc.char_span(
            mention.start,
            mention.end,
            label=mention.entity_type,
            kb_id=mention.entity_id or "",
            alignment_mode="expand",
        )
        if span is not None:
            spans.append(span)
    return spans


@Language.factory(
    "sahel_entities",
    requires=["doc.ents", "token.pos"],
    assigns=["doc._.mentions"],
)
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:  # noqa: ARG001 - spaCy API
    """Factory of the ``sahel_entities`` component (gazetteer and rules loaded once)."""
    from sahel_utils.annotation.gazetteer import load_gazetteer

    return EntityResolver(load_gazetteer(), load_entity_rules())


@Language.factory("paragraph_breaks", assigns=["token.is_sent_start"])
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:  # noqa: ARG001 - spaCy API
    """Factory of the ``paragraph_breaks`` component."""
    return ParagraphBreaks()


class ParagraphBreaks:
    """Start a sentence after every line break, before the sentence splitter runs.

    Headlines, list items and paragraphs without a final full stop otherwise merge
    with the next sentence.
    """

    def __call__(self, doc: Doc) -> Doc:
        """Mark the token after each newline as a sentence start."""
        for token in doc[:-1]:
            if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
                doc[token.i + 1].is_sent_start = True
        return doc
