"""Mentions from the model's entities, and names the model missed or cut.

The model's PER/LOC/ORG spans lose titles, determiners and elisions ("Capitaine Ibrahim
Traoré", "L'", "Goïta s'"); a name-like span is a person when the model says so, after
a title or a role apposition, or when the gazetteer knows it; a LOC or ORG span names a
place or an organisation only with a proper noun. Names after a title the model missed
are added, pieces of one name joined, and a club or a place glued before a family name
("le gardien de Chelsea Mendy") cut off.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span

from sahel_utils.annotation.entities.context import DocContext
from sahel_utils.annotation.entities.model import Mention, name_tokens
from sahel_utils.annotation.entities.rules import EntityRules
from sahel_utils.core.normalize import fold


class ModelMentions:
    """Person, place and organisation mentions of one Doc from the model's entities."""

    def __init__(self, gazetteer: Any, rules: EntityRules) -> None:
        self.gaz = gazetteer
        self.rules = rules

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
            if overlaps_fixed and ent.label_ in ("LOC", "ORG", "MISC"):
                glued = self._glued_person(ctx, fixed, start, end)
                if glued is not None:
                    people.append(glued)  # "Au Burkina Faso |Remi X|, le porte-parole …"
                continue
            if overlaps_fixed or ent.label_ not in ("LOC", "ORG"):
                continue
            if self._is_model_thing(ctx, start, end):
                entity_type = "place" if ent.label_ == "LOC" else "organization"
                others.append(Mention(start, end, entity_type, text, None, "model"))
        return people, others

    def _glued_person(
        self, ctx: DocContext, fixed: list[Mention], start: int, end: int
    ) -> Mention | None:
        """A name the model glued after a country into one place ("Burkina Faso Remi X").

        The words after the country are a person when they read as a name of two words
        or more and a role apposition follows them ("…, le porte-parole du gouvernement").
        """
        if not any(m.start == start and m.end < end for m in fixed):
            return None
        name_start, name_end = self._person_span(ctx, fixed, start, end)
        if name_end <= name_start or not ctx.names.is_name(name_start, name_end):
            return None
        if len(ctx.view.text[name_start:name_end].split()) < 2:
            return None
        after = ctx.view.folded[name_end : name_end + 40]
        comma = re.match(r"\s*,\s*", after)
        if comma is None:
            return None
        pos = comma.end()
        determiner = re.match(r"\w+'|\w+ ", after[pos:])
        if determiner and determiner.group(0).strip() in ctx.view.rules.left_determiners:
            pos += determiner.end()
        if not ctx.view.rules.role_regex.match(after, pos):
            return None
        mention = Mention(name_start, name_end, "person", None, None, "model")
        mention.name = ctx.view.text[name_start:name_end]
        return mention

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
