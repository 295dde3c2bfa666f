"""Vocabulary of the entity rules: ``entity_rules.yaml``, its schema and folded forms.

Role nouns and name particles come from the shared ``core/resources/fr`` files.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from sahel_utils.core import paths, vocabulary
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    compile_phrases,
    load_lexicon,
    phrase_alternation,
    register_schema,
)
from sahel_utils.core.normalize import fold

RULES_FILE = paths.ANNOTATION_RESOURCES / "entity_rules.yaml"


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
    relational_roles: list[Word]
    participle_endings: list[Word]
    role_equivalents: dict[str, list[Word]]
    language_prepositions: list[Word]
    independent_roles: list[Word]
    relation_prepositions: list[Word]
    international_phrases: list[Word]
    place_followers: list[Word]
    portfolios: list[Word]
    alias_cues: list[Word]
    national_kinds: list[Word]
    appointment_words: list[Word]
    appointment_links: list[Word]
    locality_nouns: list[Word]


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
    #: roles that relate a person to another ("homologue"): never the person's own role
    relational_roles: frozenset[str] = frozenset()
    #: past-participle endings, lower case as written (not folded: "é", "és")
    participle_endings: tuple[str, ...] = ()
    role_equivalents: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False)
    language_prepositions: tuple[str, ...] = ()
    #: roles held for no state (an analyst, a researcher): they never take the host country
    independent_roles: frozenset[str] = frozenset()
    #: a country after one of these is another party's ("analyste pour le Cameroun")
    relation_prepositions: frozenset[str] = frozenset()
    #: an office with one of these phrases serves no state ("programme mondial"): no host
    international_phrases: tuple[str, ...] = ()
    #: a name followed by ", <one of these>" is a place ("X, dans la région de")
    place_followers: tuple[str, ...] = ()
    #: fields of a ministry after a title ("ministre de la |Défense nationale| X")
    portfolios: tuple[str, ...] = ()
    #: a name after one of these is another name of a person ("épouse X", "alias X")
    alias_cues: frozenset[str] = frozenset()
    #: organisation kinds of the article's own state when they have no country ("CNT")
    national_kinds: frozenset[str] = frozenset()
    #: "X a été élu député": words giving an office after the name, and their links
    appointment_words: frozenset[str] = frozenset()
    appointment_links: tuple[str, ...] = ()
    #: "les habitants de |X": a name after one of these and "de" is a place
    locality_nouns: frozenset[str] = frozenset()

    @property
    def title_regex(self) -> re.Pattern[str]:
        """Regex over folded text matching any title as whole words."""
        return compile_phrases(self.titles)

    @property
    def role_regex(self) -> re.Pattern[str]:
        """Regex over folded text matching any role noun as whole words."""
        return compile_phrases(self.roles)

    @property
    def international_regex(self) -> re.Pattern[str]:
        """Regex over folded lower-case text matching an office serving no state."""
        return compile_phrases(self.international_phrases)

    @property
    def place_follower_regex(self) -> re.Pattern[str]:
        """Regex over folded lower-case text matching a phrase that situates a place."""
        return compile_phrases(self.place_followers)

    @property
    def appointment_link_regex(self) -> re.Pattern[str]:
        """Regex over folded text: a link before an appointed office ("au poste de ")."""
        return compile_phrases(self.appointment_links)

    @property
    def portfolio_regex(self) -> re.Pattern[str]:
        """Regex over folded text: a ministry's field after its link word, several joined.

        "de la défense nationale", "des affaires etrangeres et de la cooperation
        internationale"; the match ends on the last field.
        """
        return _portfolio_regex(self.country_links, self.portfolios)

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
def _portfolio_regex(links: tuple[str, ...], fields: tuple[str, ...]) -> re.Pattern[str]:
    if not fields:
        return compile_phrases([])
    elided = phrase_alternation(w for w in links if w.endswith("'"))
    whole = phrase_alternation(w for w in links if not w.endswith("'"))
    link = rf"(?:{elided}|{whole}\s+)"
    field = rf"{phrase_alternation(fields)}(?![\w-])"
    return re.compile(rf"{link}{field}(?:\s*(?:,|\bet\b)\s*{link}{field})*")


@lru_cache(maxsize=8)
def _link_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\s{phrase_alternation(words)}\Z")


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
        relational_roles=frozenset(folded(data.relational_roles)),
        participle_endings=tuple(str(w).lower() for w in data.participle_endings),
        role_equivalents={fold(k): tuple(folded(v)) for k, v in data.role_equivalents.items()},
        language_prepositions=tuple(folded(data.language_prepositions)),
        independent_roles=frozenset(folded(data.independent_roles)),
        relation_prepositions=frozenset(folded(data.relation_prepositions)),
        international_phrases=tuple(folded(data.international_phrases)),
        place_followers=tuple(folded(data.place_followers)),
        portfolios=tuple(folded(data.portfolios)),
        alias_cues=frozenset(folded(data.alias_cues)),
        national_kinds=frozenset(str(w) for w in data.national_kinds),
        appointment_words=frozenset(folded(data.appointment_words)),
        appointment_links=tuple(folded(data.appointment_links)),
        locality_nouns=frozenset(folded(data.locality_nouns)),
    )
