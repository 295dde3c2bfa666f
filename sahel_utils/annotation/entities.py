"""Entity components: people, organisations, places and countries with canonical ids.

The statistical model (``fr_core_news_md``) gives PER/LOC/ORG/MISC spans with frequent
errors on news text: titles inside names ("Capitaine Ibrahim Traoré" as ORG), elided
words taken for entities ("L'", "Goïta s'"), names split in two ("Denis Sassou" +
"N'Guesso"). The ``sahel_entities`` component combines those spans with the gazetteer
matches (``doc.spans["gazetteer*"]``, written by spaCy ``span_ruler`` components) and
with general French rules, and writes the resolved mentions to ``doc._.mentions``
(and, for display, ``doc.spans["mentions"]``):

- countries by name, by capital or seat used for the state ("Moscou a signé") and by
  adjective ("la partie russe"); a capital after a locative preposition ("à Moscou") is a
  place; a country name after "fleuve", "golfe de" … is a river or a sea; an adjective
  after "en" is a language ("en français");
- hyphenated pairs ("Mali-Russie", "maliano-russe") give both sides;
- titles and ranks are stripped from names; a capitalised name after a title is a person;
  a name the article also uses for a place or an organisation, or a lone surname after a
  common noun ("les drones Bayraktar"), is not;
- people are grouped within the article ("Assimi Goïta" … "Goïta" … "le président
  malien"); a family name alone goes to the last person named with it;
- a person's country comes from the gazetteer or from the words around the name
  ("son homologue malien, X", "X, ministre égyptien des ...", "le Sénégalais X",
  "une délégation russe conduite par ..., X"); when every such phrase contradicts the
  gazetteer, the text wins (a namesake).

Vocabulary is data: ``resources/fr/entity_rules.yaml`` and the gazetteer files.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from sahel_utils.annotation import affiliation
from sahel_utils.annotation.extensions import register_extensions
from sahel_utils.core import names, paths, vocabulary
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    compile_phrases,
    load_lexicon,
    phrase_alternation,
    register_schema,
)
from sahel_utils.core.normalize import fold, fold_same_length

RULES_FILE = paths.ANNOTATION_RESOURCES / "entity_rules.yaml"
#: Span groups the gazetteer rulers write: any case, capital needed, exact case.
GAZETTEER_SPANS_KEYS = ("gazetteer", "gazetteer_cased", "gazetteer_exact")
MENTION_SPANS_KEY = "mentions"
#: Gazetteer place roles that stand for the state ("Moscou a signé", "le Kremlin").
SEAT_ROLES = ("capital", "seat")
#: Affiliation of an official of a bloc or an international organisation (no country).
INSTITUTION = ""

_LABEL_TYPES = {
    "COUNTRY": "country",
    "BLOC": "bloc",
    "ORG": "organization",
    "PERSON": "person",
    "PLACE": "place",
}
_STRONG_BOUNDARIES = {".", ";", ":", "!", "?", "(", ")", "«", "»", '"', "“", "”", "[", "]"}
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'\-]*$")
_CAPITAL_ELISION = re.compile(r"^[A-Z]'$")
#: a middle initial inside a name ("Stephen J. Townsend")
_INITIAL = re.compile(r"^[A-Z]\.$")


@register_schema("annotation", "entity_rules.yaml")
class EntityRulesFile(Lexicon):
    """Schema of ``entity_rules.yaml`` (role nouns and name particles are shared, in core)."""

    titles: list[Word]
    determiner_titles: list[Word]
    coordinators: list[Word]
    group_nouns: list[Word]
    leader_cues: list[Word]
    locative_prepositions: list[Word]
    elisions: list[Word]
    capitalised_elisions: list[Word]
    not_names: list[Word]
    geographic_nouns: list[Word]
    geographic_links: list[Word]
    country_links: list[Word]
    named_after_nouns: list[Word]
    name_determiners: list[Word]
    left_determiners: list[Word]
    vague_roles: list[Word]
    role_equivalents: dict[str, list[Word]]
    language_prepositions: list[Word]
    independent_roles: list[Word]


@dataclass(frozen=True)
class EntityRules:
    """Vocabulary of the entity rules (see ``resources/fr/entity_rules.yaml``)."""

    titles: tuple[str, ...]
    roles: tuple[str, ...]
    group_nouns: frozenset[str]
    leader_cues: tuple[str, ...]
    locatives: tuple[str, ...]
    particles: frozenset[str]
    elisions: frozenset[str]
    not_names: frozenset[str]
    geographic_nouns: frozenset[str] = frozenset()
    named_after_nouns: frozenset[str] = frozenset()
    coordinators: frozenset[str] = frozenset()
    determiner_titles: frozenset[str] = frozenset()
    capitalised_elisions: frozenset[str] = frozenset()
    geographic_links: tuple[str, ...] = ()
    country_links: tuple[str, ...] = ()
    name_determiners: frozenset[str] = frozenset()
    left_determiners: tuple[str, ...] = ()
    vague_roles: frozenset[str] = frozenset()
    role_equivalents: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    language_prepositions: tuple[str, ...] = ()
    #: roles held for no state (an analyst, a researcher): they never take the host country
    independent_roles: frozenset[str] = frozenset()

    @property
    def title_regex(self) -> re.Pattern[str]:
        """Regex over folded text matching any title as whole words."""
        return compile_phrases(self.titles)

    @property
    def role_regex(self) -> re.Pattern[str]:
        """Regex over folded text matching any role noun as whole words."""
        return compile_phrases(self.roles)

    @property
    def left_determiner_regex(self) -> re.Pattern[str]:
        """A determiner ending a text ("le ", "son ", "l'"), any case."""
        return _left_determiner_regex(self.left_determiners)

    @property
    def geographic_link_regex(self) -> re.Pattern[str]:
        """A blank then "de", "du" … ending the searched stretch of a folded text."""
        return _link_regex(self.geographic_links)

    @property
    def geographic_link_reach(self) -> int:
        """How far back a geographic link (with the blank before it) can start."""
        return 1 + max((len(w) for w in self.geographic_links), default=0)


@lru_cache(maxsize=8)
def _left_determiner_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    whole = [w for w in words if not w.endswith("'")]
    elided = [w for w in words if w.endswith("'")]
    return re.compile(
        rf"(?i)(?:\b{phrase_alternation(whole)}\s+|\b{phrase_alternation(elided)})\s*$"
    )


@lru_cache(maxsize=8)
def _link_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\s{phrase_alternation(words)}\Z")


def _skip_blanks_back(text: str, end: int) -> int:
    """The start of the run of blanks ending at ``end`` (``end`` itself if none)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def load_entity_rules(path: Path | None = None) -> EntityRules:
    """Read the entity-rule vocabulary (folded) from ``entity_rules.yaml``.

    Role nouns and name particles come from the shared ``core/resources/fr`` files.
    """
    data = load_lexicon(path or RULES_FILE, EntityRulesFile)

    def folded(words: list[str] | tuple[str, ...]) -> list[str]:
        return [fold(str(w)) for w in words]

    return EntityRules(
        titles=tuple(sorted(set(folded(data.titles)), key=len, reverse=True)),
        roles=tuple(sorted(set(folded(vocabulary.role_nouns())), key=len, reverse=True)),
        group_nouns=frozenset(folded(data.group_nouns)),
        leader_cues=tuple(folded(data.leader_cues)),
        locatives=tuple(folded(data.locative_prepositions)),
        particles=frozenset(folded(vocabulary.name_particles())),
        elisions=frozenset(folded(data.elisions)),
        not_names=frozenset(folded(data.not_names)),
        geographic_nouns=frozenset(folded(data.geographic_nouns)),
        named_after_nouns=frozenset(folded(data.named_after_nouns)),
        coordinators=frozenset(folded(data.coordinators)),
        determiner_titles=frozenset(folded(data.determiner_titles)),
        capitalised_elisions=frozenset(folded(data.capitalised_elisions)),
        geographic_links=tuple(folded(data.geographic_links)),
        country_links=tuple(folded(data.country_links)),
        name_determiners=frozenset(folded(data.name_determiners)),
        left_determiners=tuple(folded(data.left_determiners)),
        vague_roles=frozenset(folded(data.vague_roles)),
        role_equivalents={fold(k): tuple(folded(v)) for k, v in data.role_equivalents.items()},
        language_prepositions=tuple(folded(data.language_prepositions)),
        independent_roles=frozenset(folded(data.independent_roles)),
    )


@dataclass
class Mention:
    """One resolved mention, in character offsets of the Doc text."""

    start: int
    end: int
    entity_type: str
    entity_id: str | None
    country: str | None
    source: str
    name: str = ""
    gazetteer_id: str | None = None
    nested: bool = False
    demonym: bool = False
    #: why a person has its country (``affiliation.COUNTRY_SOURCES``); None otherwise
    country_source: str | None = None

    def row(self) -> dict[str, Any]:
        """The msgpack-safe dict stored in ``doc._.mentions``."""
        return {
            "start": self.start,
            "end": self.end,
            "entity_type": self.entity_type,
            "entity_id": self.entity_id,
            "country": self.country,
            "source": self.source,
            "country_source": self.country_source,
        }


@dataclass
class PersonCluster:
    """All mentions of one person in one article."""

    mentions: list[Mention]
    entry: Any = None
    country: str | None = None
    roles: set[str] = field(default_factory=set)

    @property
    def canonical(self) -> str:
        """Gazetteer name, else the longest name the article gives (earliest on ties)."""
        if self.entry is not None:
            return str(self.entry.name)
        best = max(self.mentions, key=lambda m: (len(m.name.split()), len(m.name), -m.start))
        return best.name

    @property
    def keys(self) -> list[list[str]]:
        """Folded name words of each mention."""
        return [_name_tokens(m.name) for m in self.mentions]


def _name_tokens(name: str) -> list[str]:
    return [t for t in re.split(r"[\s\-]+", fold(name)) if t]


_similar = names.similar_spelling


def _first_names_agree(entry: Any, tokens: list[str]) -> bool:
    """False when a full name shares only its family name with a gazetteer person.

    A family name alone, or a full name whose other words match words of one of the
    entry's names ("Serguei Lavrov", "Mahamat Idriss Déby Itno"), agrees; "Aminata
    Zerbo" does not agree with "Émile Zerbo".
    """
    given = tokens[:-1]
    if not given:
        return True
    names = (getattr(entry, "name", ""), *getattr(entry, "aliases", ()))
    for name in names:
        known = _name_tokens(str(name))
        if len(known) < 2:
            continue
        if any(_similar(a, b) for a in given for b in known):
            return True
    return not any(len(_name_tokens(str(n))) >= 2 for n in names)


def _tokens_contained(short: list[str], long: list[str]) -> bool:
    """True when every token of ``short`` matches a distinct token of ``long``."""
    remaining = list(long)
    for tok in short:
        hit = next((i for i, other in enumerate(remaining) if _similar(tok, other)), None)
        if hit is None:
            return False
        remaining.pop(hit)
    return True


class EntityResolver:
    """The ``sahel_entities`` pipeline component (see the module docstring)."""

    def __init__(self, gazetteer: Any, rules: EntityRules) -> None:
        self.gaz = gazetteer
        self.rules = rules
        self._entries_by_id = _index_entries(gazetteer)
        register_extensions()

    # ----------------------------------------------------------------- lookups
    def _entry(self, entity_id: str | None) -> Any:
        return self._entries_by_id.get(entity_id) if entity_id else None

    # ---------------------------------------------------------------- pipeline
    def __call__(self, doc: Doc) -> Doc:
        """Resolve the Doc's entity mentions into ``doc._.mentions``."""
        ctx = _DocContext(doc, self.rules)
        fixed = self._gazetteer_mentions(doc, ctx)
        fixed += self._hyphen_mentions(ctx, fixed)
        nested = [m for m in fixed if m.nested]
        fixed = _drop_overlapping([m for m in fixed if not m.nested])
        fixed = self._release_first_names(doc, ctx, fixed)
        gaz_people = [m for m in fixed if m.entity_type == "person"]
        fixed = [m for m in fixed if m.entity_type != "person"]
        people, others = self._model_mentions(doc, ctx, fixed)
        people += gaz_people
        people += self._title_people(ctx, fixed, people)
        people = self._merge_people(ctx, people, fixed)
        self._trim_complement_names(ctx, people)
        # one sense per article: a name the model also tags as a place or organisation
        # ("l'hôtel Ledger Plazza" … "Ledger Plazza de Bangui") is not a person
        thing_names = {fold(ctx.text[o.start : o.end]) for o in others + fixed}
        people = [
            p
            for p in people
            if p.gazetteer_id or p.source != "model" or fold(p.name) not in thing_names
        ]
        others = [o for o in others if not any(o.start < p.end and p.start < o.end for p in people)]
        mentions = fixed + others + nested
        clusters = [
            c
            for c in self._cluster_people(people)
            if not ctx.is_modifier_name(c)
            and not (c.entry is None and (ctx.names_a_thing(c) or ctx.names_no_one(c)))
        ]
        released = self._add_surname_mentions(ctx, clusters, fixed, others)
        mentions = [m for m in mentions if id(m) not in released]
        people = [m for c in clusters for m in c.mentions]
        self._affiliate(ctx, clusters, mentions)
        nominal = self._nominal_people(ctx, clusters, mentions, people)
        result = mentions + people + nominal
        result.sort(key=lambda m: (m.start, m.end, m.entity_type))
        doc._.mentions = [m.row() for m in result]
        doc.spans[MENTION_SPANS_KEY] = _display_spans(doc, result)
        return doc

    # ------------------------------------------------------------- gazetteer
    def _gazetteer_mentions(self, doc: Doc, ctx: _DocContext) -> list[Mention]:
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
        self, ctx: _DocContext, spans: list[Span], out: list[Mention]
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

    def _gazetteer_mention(self, span: Span, ctx: _DocContext) -> Mention | None:
        start, end = span.start_char, span.end_char
        entity_id = span.id_ or span.kb_id_ or None
        if span.label_ == "DEMONYM":
            if ctx.is_language_use(start):
                return None
            mention = Mention(start, end, "country", entity_id, entity_id, "gazetteer")
            mention.demonym = True
            return mention
        entity_type = _LABEL_TYPES.get(span.label_)
        if entity_type is None or not entity_id:
            return None
        entry = self._entry(entity_id)
        country = _entry_country(entry)
        if entity_type == "country":
            if ctx.after_geographic_noun(start):
                return Mention(start, end, "place", span.text, None, "rule")
            return Mention(start, end, "country", entity_id, entity_id, "gazetteer")
        if entity_type == "place" and country and getattr(entry, "role", None) in SEAT_ROLES:
            # a capital or seat of power stands for the state unless it is where things happen
            if not ctx.after_locative(start):
                return Mention(start, end, "country", country, country, "gazetteer")
        if entity_type == "person":
            mention = Mention(start, end, "person", None, country, "gazetteer")
            mention.name = span.text
            mention.gazetteer_id = entity_id
            return mention
        return Mention(start, end, entity_type, entity_id, country, "gazetteer")

    def _hyphen_mentions(self, ctx: _DocContext, fixed: list[Mention]) -> list[Mention]:
        """Both sides of hyphenated pairs ("Mali-Russie", "maliano-russe", "Russie-AES")."""
        out: list[Mention] = []
        text = ctx.text
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

    def _release_first_names(
        self, doc: Doc, ctx: _DocContext, fixed: list[Mention]
    ) -> list[Mention]:
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
            if not ctx.is_name(ent.start_char, ent.end_char):
                continue
            previous = fold(doc[ent.start - 1].text) if ent.start > 0 else ""
            if previous in self.rules.name_determiners or previous in self.rules.locatives:
                continue
            released.add(id(mention))
        return [m for m in fixed if id(m) not in released]

    # ----------------------------------------------------------------- model
    def _model_mentions(
        self, doc: Doc, ctx: _DocContext, fixed: list[Mention]
    ) -> tuple[list[Mention], list[Mention]]:
        """People, places and organisations of the model's spans, titles and edges trimmed."""
        people: list[Mention] = []
        others: list[Mention] = []
        for ent in doc.ents:
            start, end, had_title = ctx.strip_name(ent.start_char, ent.end_char)
            if ent.label_ == "PER":
                start, end = self._person_span(ctx, fixed, start, end)
            if start >= end:
                continue
            text = ctx.text[start:end]
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
        self, ctx: _DocContext, fixed: list[Mention], start: int, end: int
    ) -> tuple[int, int]:
        """A PER span without a country word at an edge ("le Sénégalais Moussa Diop")."""
        for m in fixed:
            if m.start <= start < m.end:
                start = m.end
            elif m.start < end <= m.end:
                end = m.start
        while start < end and ctx.text[start].isspace():
            start += 1
        while end > start and ctx.text[end - 1].isspace():
            end -= 1
        if start < end and not ctx.is_name(start, end):
            # "Ibrahim Traoré Président …": keep the leading run of name words
            first = ctx.token_at(start)
            run_end = ctx.name_run_end(first.i) if first is not None else None
            if run_end is not None and run_end < end:
                end = run_end
        return start, end

    def _is_model_person(
        self, ctx: _DocContext, ent: Span, start: int, end: int, had_title: bool
    ) -> bool:
        """A name-like model span that is a person (PER, after a title, or listed)."""
        text = ctx.text[start:end]
        name_like = ctx.is_name(start, end) and (
            ctx.has_proper_noun(start, end)
            or (ent.label_ == "PER" and not ctx.is_common_word(start, end))
            or self.gaz.match_person(text) is not None
        )
        if not name_like:
            return False
        return bool(
            ent.label_ == "PER"
            or had_title
            or ctx.after_title(start)
            or ctx.after_role_apposition(start)
            or self.gaz.match_person(text) is not None
        )

    def _is_model_thing(self, ctx: _DocContext, start: int, end: int) -> bool:
        """A LOC or ORG span that names a place or an organisation (not a role, an elision)."""
        text = ctx.text[start:end]
        if not text[:1].isupper() or ctx.starts_with_role(start):
            return False
        if not any(ch.isalpha() for ch in text) or fold(text) in self.rules.elisions:
            return False
        return ctx.has_proper_noun(start, end) and fold(text) not in self.rules.not_names

    def _title_people(
        self, ctx: _DocContext, fixed: list[Mention], people: list[Mention]
    ) -> list[Mention]:
        """Capitalised names right after a title that the model missed ("ministre Abdelaty")."""
        out: list[Mention] = []
        taken = [(m.start, m.end) for m in fixed + people]
        for slot in sorted(ctx.name_slots):
            token = ctx.token_at(slot)
            if token is None:
                continue
            end = ctx.name_run_end(token.i)
            if end is None:
                continue
            start = token.idx
            if any(start < e and s < end for s, e in taken):
                continue
            mention = Mention(start, end, "person", None, None, "rule")
            mention.name = ctx.text[start:end]
            out.append(mention)
            taken.append((start, end))
        return out

    def _merge_people(
        self, ctx: _DocContext, people: list[Mention], fixed: list[Mention]
    ) -> list[Mention]:
        """Join adjacent pieces of one name and extend names over following name tokens."""
        people = sorted(people, key=lambda m: (m.start, -m.end))
        merged: list[Mention] = []
        for mention in people:
            if merged and mention.start < merged[-1].end:
                last = merged[-1]
                last.end = max(last.end, mention.end)
                last.name = ctx.text[last.start : last.end]
                last.gazetteer_id = last.gazetteer_id or mention.gazetteer_id
                continue
            if merged and ctx.text[merged[-1].end : mention.start] in ("", " "):
                last = merged[-1]
                if not any(last.end <= m.start < mention.start + 1 for m in fixed):
                    last.end = mention.end
                    last.name = ctx.text[last.start : last.end]
                    last.gazetteer_id = last.gazetteer_id or mention.gazetteer_id
                    if mention.source == "gazetteer":
                        last.source = "gazetteer"
                    continue
            merged.append(mention)
        for mention in merged:
            token = ctx.token_at(mention.end, ending=True)
            if token is None:
                continue
            extended = ctx.name_run_end(token.i + 1, allow_first_particle=False)
            if extended is not None and not any(mention.end <= m.start < extended for m in fixed):
                mention.end = extended
                mention.name = ctx.text[mention.start : mention.end]
        return merged

    def _trim_complement_names(self, ctx: _DocContext, people: list[Mention]) -> None:
        """A club or a place glued before a family name ("le gardien de Chelsea Mendy").

        A two-word name after "de"/"du" whose family name is that of someone named
        earlier with another given name is that family name alone.
        """
        full = [(m.start, _name_tokens(m.name)) for m in people if len(_name_tokens(m.name)) > 1]
        for mention in people:
            tokens = _name_tokens(mention.name)
            token = ctx.token_at(mention.start)
            if len(tokens) != 2 or mention.gazetteer_id or token is None or token.i == 0:
                continue
            if fold(ctx.doc[token.i - 1].text) not in self.rules.geographic_links:
                continue
            if not any(
                start < mention.start and other[-1] == tokens[-1] and other[0] != tokens[0]
                for start, other in full
            ):
                continue
            space = mention.name.rfind(" ")
            if space > 0:
                mention.start += space + 1
                mention.name = ctx.text[mention.start : mention.end]

    # ------------------------------------------------------------ clustering
    def _cluster_people(self, people: list[Mention]) -> list[PersonCluster]:
        """Group the mentions of one person: full names first, then shorter forms.

        A shorter form ("Goïta", "Touedera") joins the person whose name contains it (up to
        spelling variants); when several do, the one mentioned last before it.
        """
        clusters: list[PersonCluster] = []
        order = sorted(people, key=lambda m: (-len(_name_tokens(m.name)), m.start))
        for mention in order:
            tokens = _name_tokens(mention.name)
            if not tokens:
                continue
            earlier = [c for c in clusters if any(m.start < mention.start for m in c.mentions)]
            known = [c.entry.entity_id for c in earlier if c.entry is not None]
            entry = self._entry(mention.gazetteer_id) or self.gaz.match_person(
                mention.name, context=known
            )
            if entry is not None and not _first_names_agree(entry, tokens):
                entry = None  # "Aminata Zerbo" is not the gazetteer's "Émile Zerbo"
            candidates = [c for c in clusters if _same_person(c, tokens, entry)]
            if len(tokens) == 1:
                # a family name alone refers back, never forward, to a full name
                # (unless the gazetteer says it is the same person)
                candidates = [
                    c
                    for c in candidates
                    if c in earlier or (entry is not None and c.entry is not None)
                ]
            if candidates:
                target = _nearest_before(candidates, mention.start)
            else:
                target = PersonCluster(mentions=[])
                clusters.append(target)
            target.mentions.append(mention)
            full_names = [k for k in target.keys if len(k) > 1]
            if target.entry is None and entry is not None and (len(tokens) > 1 or not full_names):
                target.entry = entry
        for cluster in clusters:
            cluster.mentions.sort(key=lambda m: m.start)
        return clusters

    def _add_surname_mentions(
        self,
        ctx: _DocContext,
        clusters: list[PersonCluster],
        fixed: list[Mention],
        others: list[Mention],
    ) -> set[int]:
        """A family name used alone after the full name ("… Abdoulaye Maïga … Maïga a …").

        The most recent person with that family name before the word gets the mention,
        also when the model read the lone word as a place or an organisation ("…, dit
        Mudibo."): those model mentions are released (their ids are returned).
        """
        by_surname: dict[str, list[tuple[int, PersonCluster]]] = {}
        for cluster in clusters:
            for mention in cluster.mentions:
                tokens = _name_tokens(mention.name)
                if len(tokens) >= 2:
                    by_surname.setdefault(tokens[-1], []).append((mention.start, cluster))
        if not by_surname:
            return set()
        released = {
            id(m): m
            for m in others
            if m.source == "model"
            and fold(ctx.text[m.start : m.end]) in by_surname
            and any(pos < m.start for pos, _ in by_surname[fold(ctx.text[m.start : m.end])])
        }
        taken = fixed + [m for m in others if id(m) not in released]
        occupied = [(m.start, m.end) for m in taken] + [
            (m.start, m.end) for c in clusters for m in c.mentions
        ]
        for token in ctx.doc:
            key = fold(token.text)
            if key not in by_surname or not ctx.is_name_start(token.idx):
                continue
            start, end = token.idx, token.idx + len(token.text)
            if any(s < end and start < e for s, e in occupied):
                continue
            earlier = [(pos, c) for pos, c in by_surname[key] if pos < start]
            if not earlier:
                continue
            cluster = max(earlier, key=lambda item: item[0])[1]
            mention = Mention(start, end, "person", None, None, "rule")
            mention.name = token.text
            cluster.mentions.append(mention)
            occupied.append((start, end))
        for cluster in clusters:
            cluster.mentions.sort(key=lambda m: m.start)
        return set(released)

    def _affiliate(
        self,
        ctx: _DocContext,
        clusters: list[PersonCluster],
        mentions: list[Mention],
    ) -> None:
        """Give every cluster a country, canonical id and roles; write them on its mentions."""
        signals = sorted(
            (m for m in mentions if m.entity_type == "country" and m.entity_id),
            key=lambda m: m.start,
        )
        people_spans = [(m.start, m.end) for c in clusters for m in c.mentions]
        anchors = sorted(
            (m for m in mentions if m.entity_type in ("country", "bloc", "organization")),
            key=lambda m: m.start,
        )
        host = ctx.host_country(mentions)
        for cluster in clusters:
            self._affiliate_cluster(ctx, cluster, signals, anchors, people_spans, host)

    def _affiliate_cluster(
        self,
        ctx: _DocContext,
        cluster: PersonCluster,
        signals: list[Mention],
        anchors: list[Mention],
        people_spans: list[tuple[int, int]],
        host: str | None,
    ) -> None:
        """One person's country (gazetteer, role phrases, other phrases, host), id and roles."""
        context_countries: list[str] = []
        found: dict[int, tuple[str, str]] = {}  # id(mention) -> (country, country_source)
        institutional = False
        for mention in cluster.mentions:
            country, roles = ctx.context_affiliation(mention, signals, anchors, people_spans)
            institutional = institutional or country == INSTITUTION
            # "son homologue" says nothing about the office itself
            cluster.roles.update(r for r in roles if r != "homologue")
            if country:
                context_countries.append(country)
                found[id(mention)] = (country, "role")
        self._choose_country(
            ctx, cluster, context_countries, found, institutional, signals, people_spans, host
        )
        source = "gazetteer" if cluster.entry is not None else None
        for mention in cluster.mentions:
            mention.entity_id = cluster.canonical
            mention.country = cluster.country
            if source:
                mention.source = source
            elif mention.source == "gazetteer":
                mention.source = "model"

    def _choose_country(
        self,
        ctx: _DocContext,
        cluster: PersonCluster,
        context_countries: list[str],
        found: dict[int, tuple[str, str]],
        institutional: bool,
        signals: list[Mention],
        people_spans: list[tuple[int, int]],
        host: str | None,
    ) -> None:
        """The cluster's country and the ``country_source`` of its mentions."""
        gaz_country = _entry_country(cluster.entry)
        if cluster.entry is not None and getattr(cluster.entry, "role", None):
            cluster.roles.add(fold(str(cluster.entry.role)))
        if gaz_country and context_countries and gaz_country not in context_countries:
            # every phrase around the name gives another country: a namesake
            cluster.entry = None
            gaz_country = None
        if not (gaz_country or context_countries or institutional):
            # other phrases of the text: apposition, nationality, "noun du Pays, X"
            found = affiliation.text_affiliation(ctx, cluster.mentions, signals, people_spans)
        how = "gazetteer" if gaz_country else None
        if gaz_country:
            cluster.country = gaz_country
        elif context_countries:
            cluster.country = Counter(context_countries).most_common(1)[0][0]
        elif found:
            cluster.country = affiliation.chain_country(found)
        elif host and not institutional and self._takes_host(ctx, cluster):
            how = "host"
            cluster.country = host
        else:
            cluster.country = None
        affiliation.label_sources(cluster.mentions, cluster.country, how, found)

    def _takes_host(self, ctx: _DocContext, cluster: PersonCluster) -> bool:
        """An office named without its country, or a local witness, takes the host country.

        "le ministre de la Défense, X" is most often one of the country where the
        event takes place; so is "le survivant X" or "X, qui fait partie des déplacés".
        An analyst or a researcher ("l'analyste régional X") is not.
        """
        if cluster.entry is not None:
            return False
        return bool(cluster.roles - self.rules.independent_roles) or affiliation.local_person(
            ctx, cluster.mentions
        )

    def _nominal_people(
        self,
        ctx: _DocContext,
        clusters: list[PersonCluster],
        mentions: list[Mention],
        people: list[Mention],
    ) -> list[Mention]:
        """Role phrases naming no one ("le président malien") linked to the named person."""
        out: list[Mention] = []
        signals = [m for m in mentions if m.entity_type == "country" and m.entity_id]
        for match in self.rules.role_regex.finditer(ctx.folded):
            role = match.group(0)
            if role in self.rules.vague_roles:
                continue
            country_mention = ctx.country_right_after(match.start(), match.end(), signals)
            if country_mention is None:
                continue
            start, end = match.start(), country_mention.end
            if "\n" in ctx.text[start:end]:
                continue
            if ctx.describes_named_person(start, end, people):
                continue
            iso = country_mention.entity_id
            candidates = [c for c in clusters if c.country == iso]
            fitting = [
                c
                for c in candidates
                if any(_role_matches(role, r, self.rules.role_equivalents) for r in c.roles)
            ]
            unknown = [c for c in candidates if not c.roles]
            if fitting:
                candidates = fitting
            elif unknown:
                candidates = unknown
            else:
                continue
            if len(candidates) != 1:
                continue
            cluster = candidates[0]
            nominal = Mention(start, end, "person", cluster.canonical, cluster.country, "rule")
            nominal.country_source = "inherited" if cluster.country else None
            out.append(nominal)
        return out


def _same_person(cluster: PersonCluster, tokens: list[str], entry: Any) -> bool:
    """True when a name (folded words, gazetteer entry) belongs to ``cluster``."""
    if entry is not None and cluster.entry is not None:
        return bool(cluster.entry.entity_id == entry.entity_id)
    if any(_tokens_contained(tokens, key) for key in cluster.keys):
        return True
    full = " ".join(tokens)
    return any(names.same_person(full, " ".join(k)) for k in cluster.keys)


def _nearest_before(clusters: list[PersonCluster], start: int) -> PersonCluster:
    """The cluster mentioned last before ``start`` (else the first one mentioned)."""

    def last_before(cluster: PersonCluster) -> int:
        return max((m.start for m in cluster.mentions if m.start < start), default=-1)

    best = max(clusters, key=last_before)
    if last_before(best) >= 0:
        return best
    return min(clusters, key=lambda c: min(m.start for m in c.mentions))


def _role_matches(
    nominal: str, role: str, equivalents: dict[str, tuple[str, ...]] | None = None
) -> bool:
    """True when a role phrase ("president") fits a person's known role.

    A nominal with ``role_equivalents`` (``entity_rules.yaml``) fits a role holding one
    of its equivalents ("chef de l'etat" fits "president de la transition").
    """
    if equivalents and nominal in equivalents:
        return any(word in role for word in equivalents[nominal])
    return compile_phrases([nominal]).search(role) is not None


def _entry_country(entry: Any) -> str | None:
    if entry is None:
        return None
    country = getattr(entry, "country", None)
    return str(country) if country else None


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


def _pair_dash(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Offsets of the text before and after the dash of a pair found in ``text[start:end]``."""
    match = re.search(r"\s?[\-\u2010-\u2015\u2212/]\s?", text[start:end])
    if match is None:
        return None
    return start + match.start(), start + match.end()


def _drop_overlapping(mentions: list[Mention]) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if any(mention.start < k.end and k.start < mention.end for k in kept):
            continue
        kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


class _DocContext:
    """Token, sentence and title lookups over one Doc, in character offsets."""

    def __init__(self, doc: Doc, rules: EntityRules) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text is rebuilt from the tokens on every access
        self.rules = rules
        self.folded = fold_same_length(doc.text)
        self._by_start = {t.idx: t for t in doc}
        self._by_end = {t.idx + len(t.text): t for t in doc}
        self.title_matches = [(m.start(), m.end()) for m in rules.title_regex.finditer(self.folded)]
        self.name_slots = self._find_name_slots()

    # token helpers
    def token_at(self, char: int, ending: bool = False) -> Token | None:
        """The token starting (or, with ``ending``, ending) at character ``char``."""
        return (self._by_end if ending else self._by_start).get(char)

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

    def is_modifier_name(self, cluster: PersonCluster) -> bool:
        """True for a lone surname used after a common noun ("des drones Bayraktar").

        Such a word names a product or a thing after its maker, not a person in the news.
        """
        for mention in cluster.mentions:
            token = self.token_at(mention.start)
            if token is None or token.i == 0 or len(_name_tokens(mention.name)) > 1:
                return False
            previous = self.doc[token.i - 1]
            folded = fold(previous.text)
            if previous.pos_ != "NOUN" or not previous.text.islower():
                return False
            if self.rules.title_regex.fullmatch(folded) or self.rules.role_regex.fullmatch(folded):
                return False
        return True

    def names_no_one(self, cluster: PersonCluster) -> bool:
        """True for a one-word name after a determiner or only after a locative.

        "Les Louves ont gagné", "le Syli national", "attaque menée à Botodji", "en
        Soussou": French puts no determiner before a person's name, and a word named
        only as a place is a place.
        """
        if any(len(_name_tokens(m.name)) > 1 for m in cluster.mentions):
            return False
        determined = False
        located = True
        for mention in cluster.mentions:
            token = self.token_at(mention.start)
            if token is None or token.i == 0:
                return False
            previous = fold(self.doc[token.i - 1].text)
            determined = determined or previous in self.rules.left_determiners
            located = located and self.after_locative(mention.start)
        return determined or located

    def names_a_thing(self, cluster: PersonCluster) -> bool:
        """True when every mention follows a noun like "stade", "académie", "opération".

        One lower-case adjective may sit between ("l'Académie militaire Georges-Namoano").
        """
        for mention in cluster.mentions:
            token = self.token_at(mention.start)
            if token is None:
                return False
            previous = self.doc[token.i - 1] if token.i > 0 else None
            if previous is not None and previous.pos_ == "ADJ" and previous.text.islower():
                previous = self.doc[token.i - 2] if token.i > 1 else None  # "militaire"
            if previous is None or fold(previous.text) not in self.rules.named_after_nouns:
                return False
        return True

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
        return self._strip_leading_elision(start, end), end, had_title

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

    def after_locative(self, start: int) -> bool:
        """True when a locative preposition ("à", "au", "depuis") directly precedes ``start``."""
        before = self.folded[max(0, start - 24) : start].rstrip()
        return any(
            before.endswith(loc)
            and (len(before) == len(loc) or not before[-len(loc) - 1].isalnum())
            for loc in self.rules.locatives
        )

    def after_geographic_noun(self, start: int) -> bool:
        """True after "fleuve", "golfe de", "lac" …: the name is a river, sea or lake.

        Looks only at the blanks just before ``start``, an optional link word ("de",
        "du" …) and the word before it: linear in the blank run, never the whole text
        before the mention (a long run of spaces once made tagging quadratic).
        """
        text = self.folded
        end = _skip_blanks_back(text, start)
        link = self.rules.geographic_link_regex.search(
            text, max(0, end - self.rules.geographic_link_reach), end
        )
        if link is not None:
            end = _skip_blanks_back(text, link.start())
        word = re.search(r"([\w\-]+)\Z", text[max(0, end - 20) : end])
        return word is not None and word.group(1) in self.rules.geographic_nouns

    def host_country(self, mentions: list[Mention]) -> str | None:
        """The article's own country: the one an office named without country belongs to.

        The most frequent country among country mentions (names, capitals, adjectives)
        and places after a locative preposition ("à Bangui"), outside quotations; ties go
        to the country named first. None when the article names no country.
        """
        from sahel_utils.annotation.quotes import find_quote_spans

        quoted = [(q.start, q.end) for q in find_quote_spans(self.text)]
        votes: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        for mention in mentions:
            if not mention.country or mention.entity_type not in ("place", "country"):
                continue
            if mention.entity_type == "place" and not self.after_locative(mention.start):
                continue
            if any(a <= mention.start < b for a, b in quoted):
                continue
            votes[mention.country] += 1
            first_seen.setdefault(mention.country, mention.start)
        if not votes:
            return None
        return max(votes, key=lambda iso: (votes[iso], -first_seen[iso]))

    def is_language_use(self, start: int) -> bool:
        """True for an adjective naming a language ("en français", "en arabe")."""
        for word in self.rules.language_prepositions:
            before = self.folded[max(0, start - len(word) - 2) : start]
            if before.endswith(f" {word} ") or before == f"{word} ":
                return True
        return False

    def after_title(self, start: int) -> bool:
        return start in self.name_slots

    def is_adjectival_participle(self, token: Token) -> bool:
        """A past participle inside a noun phrase ("le secrétaire d'État chargé de …").

        Without an auxiliary before it, the participle qualifies the role; it does not
        end the phrase the way a conjugated verb does.
        """
        if token.pos_ != "VERB" or "Part" not in token.morph.get("VerbForm", []):
            return False
        if "Past" not in token.morph.get("Tense", []) and not token.lower_.endswith(("é", "és")):
            return False
        previous = token.nbor(-1) if token.i > 0 else None
        return previous is None or previous.pos_ not in ("AUX", "PRON")

    def is_role_word(self, token: Token) -> bool:
        """True for a role noun the model may tag as a verb ("consultant", "résident")."""
        folded = self.folded[token.idx : token.idx + len(token.text)]
        return self.rules.role_regex.fullmatch(folded) is not None

    def starts_with_role(self, start: int) -> bool:
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
                break
            if pos < len(text) and self.text[pos].isupper():
                slots.add(pos)
        return slots

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
            if tok.text in _STRONG_BOUNDARIES or tok.pos_ in ("VERB", "AUX"):
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
            if tok.text in _STRONG_BOUNDARIES or tok.pos_ in ("VERB", "AUX"):
                return False
        return False

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
        right = self._right_phrase(last, sent)
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
        left_start = max(first.sent.start, first.i - 16)
        cut = left_start
        after_person = False
        for tok in doc[left_start : first.i]:
            if self.acronym_parenthesis(tok):
                continue  # "le président du mouvement burkinabè … (MBDHP), X"
            if tok.text in _STRONG_BOUNDARIES or (
                tok.pos_ in ("VERB", "AUX") and not self.is_adjectival_participle(tok)
            ):
                cut = tok.i + 1
                after_person = False
            elif any(s <= tok.idx < e for s, e in people_spans) and not (
                mention.start <= tok.idx < mention.end
            ):
                cut = tok.i + 1
                after_person = True
        if after_person and cut < first.i and doc[cut].text == ",":
            # "X, ministre burkinabè ..., Name": the phrase describes X, unless a
            # coordinator opens a new phrase ("X, ministre ..., et l'ambassadeur de Y, Name")
            joined = [t.i for t in doc[cut : first.i] if t.lower_ in self.rules.coordinators]
            cut = joined[-1] + 1 if joined else first.i
        return (doc[cut].idx if cut < len(doc) else mention.start, mention.start)

    def _right_phrase(self, last: Token, sent: Span) -> tuple[int, int] | None:
        """Offsets of the apposition after a name ("Name, <role> …"), else None."""
        doc = self.doc
        j = last.i + 1
        if j >= len(doc) or doc[j].text not in (",", "("):
            return None
        end_i = min(sent.end, j + 16)
        stop = end_i
        for tok in doc[j + 1 : end_i]:
            verb = tok.pos_ in ("VERB", "AUX") and not self.is_role_word(tok)
            if tok.text in _STRONG_BOUNDARIES or tok.text == "," or verb:
                stop = tok.i
                break
        if j + 1 >= stop:
            return None
        return doc[j + 1].idx, doc[stop - 1].idx + len(doc[stop - 1].text)

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
        return None

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
        roles = list(self.rules.role_regex.finditer(window))
        if not roles:
            return None, set()
        role_words = {m.group(0) for m in roles}
        for role in reversed(roles):
            role_start = start + role.start()
            inside = [s for s in signals if role_start <= s.start and s.end <= end]
            if not inside:
                continue
            direct = [s for s in inside if not self.after_locative(s.start)]
            chosen = (direct or inside)[0]
            if chosen.entity_type == "country":
                return chosen.entity_id, role_words
            return chosen.country or INSTITUTION, role_words
        return None, role_words


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
