"""Mention collection: the gazetteer's and the model's spans, cleaned into mentions.

Gazetteer matches come first, longest first (a capital or seat used for the state is
the country, "à Moscou" is a place, "fleuve Niger" a river, "en français" a language);
both sides of hyphenated pairs ("Mali-Russie"); a country that is a first name
("Maurice Kamto") is released. The model's PER/LOC/ORG spans then lose titles,
determiners and elisions; names after a title the model missed are added, and pieces of
one name are joined.
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
    name_tokens,
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


class MentionCollector:
    """Mentions of one Doc from the gazetteer's span groups and the model's entities."""

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
        return Mention(start, end, entity_type, entity_id, country, "gazetteer")

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
    def model_mentions(
        self, doc: Doc, ctx: DocContext, fixed: list[Mention]
    ) -> tuple[list[Mention], list[Mention]]:
        """People, places and organisations of the model's spans, titles and edges trimmed."""
        people: list[Mention] = []
        others: list[Mention] = []
        for ent in doc.ents:
            start, end, had_title = ctx.names.strip_name(ent.start_char, ent.end_char)
            if ent.label_ == "PER":
                start, end = self._person_span(ctx, fixed, start, end)
            if start >= end:
                continue
            text = ctx.view.text[start:end]
            overlaps_fixed = any(start < m.end and m.start < end for m in fixed)
            if not overlaps_fixed and self._is_model_person(ctx, ent, start, end, had_title):
                mention = Mention(start, end, "person", None, None, "model")
                mention.name = text
                people.append(mention)
                continue
            if overlaps_fixed or ent.label_ not in ("LOC", "ORG"):
                continue
            if self._is_model_thing(ctx, start, end):
                entity_type = "place" if ent.label_ == "LOC" else "organization"
                others.append(Mention(start, end, entity_type, text, None, "model"))
        return people, others

    def _person_span(
        self, ctx: DocContext, fixed: list[Mention], start: int, end: int
    ) -> tuple[int, int]:
        """A PER span without a country word at an edge ("le Sénégalais Moussa Diop")."""
        for m in fixed:
            if m.start <= start < m.end:
                start = m.end
            elif m.start < end <= m.end:
                end = m.start
        while start < end and ctx.view.text[start].isspace():
            start += 1
        while end > start and ctx.view.text[end - 1].isspace():
            end -= 1
        if start < end and not ctx.names.is_name(start, end):
            # "Ibrahim Traoré Président …": keep the leading run of name words
            first = ctx.view.token_at(start)
            run_end = ctx.names.name_run_end(first.i) if first is not None else None
            if run_end is not None and run_end < end:
                end = run_end
        return start, end

    def _is_model_person(
        self, ctx: DocContext, ent: Span, start: int, end: int, had_title: bool
    ) -> bool:
        """A name-like model span that is a person (PER, after a title, or listed)."""
        text = ctx.view.text[start:end]
        name_like = ctx.names.is_name(start, end) and (
            ctx.names.has_proper_noun(start, end)
            or (ent.label_ == "PER" and not ctx.names.is_common_word(start, end))
            or self.gaz.match_person(text) is not None
        )
        if not name_like:
            return False
        return bool(
            ent.label_ == "PER"
            or had_title
            or ctx.names.after_title(start)
            or ctx.roles.after_role_apposition(start)
            or self.gaz.match_person(text) is not None
        )

    def _is_model_thing(self, ctx: DocContext, start: int, end: int) -> bool:
        """A LOC or ORG span that names a place or an organisation (not a role, an elision)."""
        text = ctx.view.text[start:end]
        if not text[:1].isupper() or ctx.names.starts_with_role(start):
            return False
        if not any(ch.isalpha() for ch in text) or fold(text) in self.rules.elisions:
            return False
        return ctx.names.has_proper_noun(start, end) and fold(text) not in self.rules.not_names

    def title_people(
        self, ctx: DocContext, fixed: list[Mention], people: list[Mention]
    ) -> list[Mention]:
        """Capitalised names right after a title that the model missed ("ministre Abdelaty")."""
        out: list[Mention] = []
        taken = [(m.start, m.end) for m in fixed + people]
        for slot in sorted(ctx.names.name_slots):
            token = ctx.view.token_at(slot)
            if token is None:
                continue
            end = ctx.names.name_run_end(token.i)
            if end is None:
                continue
            start = token.idx
            if any(start < e and s < end for s, e in taken):
                continue
            mention = Mention(start, end, "person", None, None, "rule")
            mention.name = ctx.view.text[start:end]
            out.append(mention)
            taken.append((start, end))
        return out

    def merge_people(
        self, ctx: DocContext, people: list[Mention], fixed: list[Mention]
    ) -> list[Mention]:
        """Join adjacent pieces of one name and extend names over following name tokens."""
        people = sorted(people, key=lambda m: (m.start, -m.end))
        merged: list[Mention] = []
        for mention in people:
            if merged and mention.start < merged[-1].end:
                last = merged[-1]
                last.end = max(last.end, mention.end)
                last.name = ctx.view.text[last.start : last.end]
                last.gazetteer_id = last.gazetteer_id or mention.gazetteer_id
                continue
            if merged and ctx.view.text[merged[-1].end : mention.start] in ("", " "):
                last = merged[-1]
                if not any(last.end <= m.start < mention.start + 1 for m in fixed):
                    last.end = mention.end
                    last.name = ctx.view.text[last.start : last.end]
                    last.gazetteer_id = last.gazetteer_id or mention.gazetteer_id
                    if mention.source == "gazetteer":
                        last.source = "gazetteer"
                    continue
            merged.append(mention)
        for mention in merged:
            token = ctx.view.token_at(mention.end, ending=True)
            if token is None:
                continue
            extended = ctx.names.name_run_end(token.i + 1, allow_first_particle=False)
            if extended is not None and not any(mention.end <= m.start < extended for m in fixed):
                mention.end = extended
                mention.name = ctx.view.text[mention.start : mention.end]
        return merged

    def trim_complement_names(self, ctx: DocContext, people: list[Mention]) -> None:
        """A club or a place glued before a family name ("le gardien de Chelsea Mendy").

        A two-word name after "de"/"du" whose family name is that of someone named
        earlier with another given name is that family name alone.
        """
        full = [(m.start, name_tokens(m.name)) for m in people if len(name_tokens(m.name)) > 1]
        for mention in people:
            tokens = name_tokens(mention.name)
            token = ctx.view.token_at(mention.start)
            if len(tokens) != 2 or mention.gazetteer_id or token is None or token.i == 0:
                continue
            if fold(ctx.view.doc[token.i - 1].text) not in self.rules.geographic_links:
                continue
            if not any(
                start < mention.start and other[-1] == tokens[-1] and other[0] != tokens[0]
                for start, other in full
            ):
                continue
            space = mention.name.rfind(" ")
            if space > 0:
                mention.start += space + 1
                mention.name = ctx.view.text[mention.start : mention.end]


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
