"""Mentions from the gazetteer's span groups, longest first, without overlaps.

A capital or seat used for the state is the country ("Moscou a signé"), "à Moscou" a
place; a country name after "fleuve", "golfe de" … a river or a sea; a country adjective
after "en" a language ("en français"); a country inside an organisation's name is kept
apart ("les Forces armées maliennes"); both sides of hyphenated pairs ("Mali-Russie");
a country that is a first name ("Maurice Kamto") is released.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from sahel_utils.annotation.entities import senses
from sahel_utils.annotation.entities.context import DocContext
from sahel_utils.annotation.entities.model import (
    GAZETTEER_SPANS_KEYS,
    SEAT_ROLES,
    Mention,
    entry_country,
)
from sahel_utils.annotation.entities.rules import EntityRules
from sahel_utils.core.normalize import fold

_LABEL_TYPES = {
    "COUNTRY": "country",
    "BLOC": "bloc",
    "ORG": "organization",
    "PERSON": "person",
    "PLACE": "place",
}


class GazetteerMentions:
    """Mentions of one Doc from the gazetteer's span groups."""

    def __init__(self, gazetteer: Any, rules: EntityRules, entries: dict[str, Any]) -> None:
        self.gaz = gazetteer
        self.rules = rules
        self._entries_by_id = entries

    def _entry(self, entity_id: str | None) -> Any:
        return self._entries_by_id.get(entity_id) if entity_id else None

    # ------------------------------------------------------------- gazetteer
    def gazetteer_mentions(self, doc: Doc, ctx: DocContext) -> list[Mention]:
        """Mentions of the gazetteer's span groups, longest first, without overlaps."""
        spans = []
        for key in GAZETTEER_SPANS_KEYS:
            for span in doc.spans.get(key, []):
                if key == "gazetteer_cased" and span.text.islower():
                    continue  # "maurice" is no country, "Maurice" is
                spans.append(span)
        spans.sort(key=lambda s: (-(s.end_char - s.start_char), s.start_char))
        taken: list[tuple[int, int]] = []
        out: list[Mention] = []
        for span in spans:
            start, end = span.start_char, span.end_char
            if any(start < e and s < end for s, e in taken):
                continue
            mention = self._gazetteer_mention(span, ctx)
            if mention is None:
                continue
            taken.append((start, end))
            out.append(mention)
        return out + self._nested_countries(ctx, spans, out)

    def _nested_countries(
        self, ctx: DocContext, spans: list[Span], out: list[Mention]
    ) -> list[Mention]:
        """A country named inside an organisation's name ("les Forces armées maliennes")."""
        nested: list[Mention] = []
        organizations = [m for m in out if m.entity_type == "organization"]
        for span in spans:
            if span.label_ not in ("COUNTRY", "DEMONYM"):
                continue
            start, end = span.start_char, span.end_char
            if any(o.start <= start and end <= o.end for o in organizations):
                mention = self._gazetteer_mention(span, ctx)
                if mention is not None and mention.entity_type == "country":
                    mention.nested = True
                    nested.append(mention)
        return nested

    def _gazetteer_mention(self, span: Span, ctx: DocContext) -> Mention | None:
        start, end = span.start_char, span.end_char
        entity_id = span.id_ or span.kb_id_ or None
        if span.label_ == "DEMONYM":
            if senses.is_language_use(ctx.view, start):
                return None
            mention = Mention(start, end, "country", entity_id, entity_id, "gazetteer")
            mention.demonym = True
            return mention
        entity_type = _LABEL_TYPES.get(span.label_)
        if entity_type is None or not entity_id:
            return None
        entry = self._entry(entity_id)
        country = entry_country(entry)
        if entity_type == "country":
            if senses.after_geographic_noun(ctx.view, start):
                return Mention(start, end, "place", span.text, None, "rule")
            return Mention(start, end, "country", entity_id, entity_id, "gazetteer")
        if entity_type == "place" and country and getattr(entry, "role", None) in SEAT_ROLES:
            # a capital or seat of power stands for the state unless it is where things happen
            if not ctx.view.after_locative(start):
                return Mention(start, end, "country", country, country, "gazetteer")
        if entity_type == "person":
            mention = Mention(start, end, "person", None, country, "gazetteer")
            mention.name = span.text
            mention.gazetteer_id = entity_id
            return mention
        mention = Mention(start, end, entity_type, entity_id, country, "gazetteer")
        if entity_type == "organization" and not country:
            mention.national = getattr(entry, "role", None) in self.rules.national_kinds
        return mention

    def hyphen_mentions(self, ctx: DocContext, fixed: list[Mention]) -> list[Mention]:
        """Both sides of hyphenated pairs ("Mali-Russie", "maliano-russe", "Russie-AES")."""
        out: list[Mention] = []
        text = ctx.view.text
        for start, end, left, right in self.gaz.find_hyphen_pairs(text):
            dash = _pair_dash(text, start, end)
            if dash is None:
                continue
            sides = ((start, dash[0], left), (dash[1], end, right))
            for side_start, side_end, entity_id in sides:
                if any(side_start < m.end and m.start < side_end for m in fixed):
                    continue
                entry = self._entry(entity_id)
                entity_type = getattr(entry, "entity_type", "country")
                if entity_type not in ("country", "bloc"):
                    continue
                country = entity_id if entity_type == "country" else None
                out.append(Mention(side_start, side_end, entity_type, entity_id, country, "rule"))
        return out

    def release_first_names(self, doc: Doc, ctx: DocContext, fixed: list[Mention]) -> list[Mention]:
        """Drop a country match that is the first name of a person ("Maurice Kamto").

        Only a one-word country name at the start of a model PER span of several words,
        not after an article or a preposition ("au Niger Mohamed Bazoum" keeps Niger).
        """
        released: set[int] = set()
        by_start = {m.start: m for m in fixed if m.entity_type == "country" and not m.demonym}
        for ent in doc.ents:
            if ent.label_ != "PER" or len(ent) < 2:
                continue
            mention = by_start.get(ent.start_char)
            if mention is None or mention.end != ent[0].idx + len(ent[0].text):
                continue
            if not ctx.names.is_name(ent.start_char, ent.end_char):
                continue
            previous = fold(doc[ent.start - 1].text) if ent.start > 0 else ""
            if previous in self.rules.name_determiners or previous in self.rules.locatives:
                continue
            released.add(id(mention))
        return [m for m in fixed if id(m) not in released]

    # ----------------------------------------------------------------- model


def _pair_dash(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of the text before and after the dash of a pair found in ``text[start:end]``."""
    match = re.search(r"\s?[\-\u2010-\u2015\u2212/]\s?", text[start:end])
    if match is None:
        return None
    return start + match.start(), start + match.end()


def drop_overlapping(mentions: list[Mention]) -> list[Mention]:
    """The longest of overlapping mentions (earliest on ties), in text order.

    Args:
        mentions: Mentions that may overlap.

    Returns:
        Mentions that do not, sorted by start.

    """
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if any(mention.start < k.end and k.start < mention.end for k in kept):
            continue
        kept.append(mention)
    return sorted(kept, key=lambda m: m.start)
