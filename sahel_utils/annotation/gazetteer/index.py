"""The gazetteer: entities, their surface forms by type, and lookups.

Built from its data by :mod:`.loading`. When one surface form is claimed by two
entities, the earlier type keeps it (country, bloc, organisation, place, person).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sahel_utils.annotation.gazetteer import loading, pairs, patterns
from sahel_utils.annotation.gazetteer.forms import (
    ENTITY_TYPES,
    TYPE_PRIORITY,
    Entry,
    form_key,
    looks_like_acronym,
    space_variants,
    strip_article,
)
from sahel_utils.annotation.gazetteer.people import PeopleIndex
from sahel_utils.core import paths


class Gazetteer:
    """Entities with their surface forms; built once by :func:`load_gazetteer`."""

    def __init__(self, resources: Path) -> None:
        self.resources = resources
        self.entries: dict[str, Entry] = {}
        # surface form -> entity id, per entity type
        self._forms: dict[str, dict[str, str]] = {t: {} for t in ENTITY_TYPES}
        # original spellings, for patterns: (entity_id, entity_type, spelling)
        self.spellings: list[tuple[str, str, str]] = []
        self.exact_case: set[str] = set()
        self.adjectives: dict[str, str] = {}
        self.adjective_spellings: list[tuple[str, str]] = []
        self.prefixes: dict[str, str] = {}
        self.alternatives: dict[str, tuple[str, ...]] = {}
        self.people = PeopleIndex()
        loading.add_countries(self)
        loading.add_blocs(self)
        loading.add_organizations(self)
        loading.add_people(self)

    # ------------------------------------------------------------- registering

    def add_entry(self, entry: Entry) -> None:
        """Register an entity (its id may be used by one entity type only)."""
        if entry.entity_type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {entry.entity_type!r} for {entry.entity_id!r}")
        old = self.entries.get(entry.entity_id)
        if old is not None and old.entity_type != entry.entity_type:
            raise ValueError(
                f"id {entry.entity_id!r} used by a {old.entity_type} and a {entry.entity_type}"
            )
        self.entries[entry.entity_id] = entry

    def add_form(
        self, entity_id: str, entity_type: str, form: str, exact_case: bool = False
    ) -> None:
        """Register a surface form (and its space variant) for an entity."""
        form = form.strip()
        if not form:
            return
        for variant in space_variants(form):
            key = form_key(variant)
            if not key:
                continue
            owner = self.owner(key)
            if owner is not None and owner[0] != entity_id:
                other_type = owner[1]
                if TYPE_PRIORITY[other_type] <= TYPE_PRIORITY[entity_type]:
                    continue  # the earlier/stronger entity keeps the form
                del self._forms[other_type][key]
            self._forms[entity_type][key] = entity_id
            self.spellings.append((entity_id, entity_type, variant))
            if exact_case or looks_like_acronym(variant):
                self.exact_case.add(variant)

    def owner(self, key: str) -> tuple[str, str] | None:
        """``(entity id, entity type)`` owning a lookup key, strongest type first; else None."""
        for entity_type in ENTITY_TYPES:
            entity_id = self._forms[entity_type].get(key)
            if entity_id is not None:
                return entity_id, entity_type
        return None

    def country_from_name(self, text: str) -> str | None:
        """ISO3 of a country named by ``text``: name, short/long form, capital or seat.

        Args:
            text: E.g. ``"la Russie"``, ``"Moscou"``, ``"Le Caire"``, ``"Koulouba"``.

        Returns:
            The ISO3 code, or ``None`` when ``text`` names no country.

        """
        for candidate in (text, strip_article(text)):
            key = form_key(candidate)
            if not key:
                continue
            iso3 = self._forms["country"].get(key)
            if iso3 is not None:
                return iso3
            place = self._forms["place"].get(key)
            if place is not None:
                return self.entries[place].country
        return None

    def country_from_adjective(self, word: str) -> str | None:
        """ISO3 of a demonym or adjective in any gender and number.

        Args:
            word: E.g. ``"maliennes"``, ``"burkinabè"``, ``"Russes"``.

        Returns:
            The ISO3 code, or ``None``.

        """
        return self.adjectives.get(form_key(word))

    def bloc_from_name(self, text: str) -> str | None:
        """Bloc id named by ``text`` (``"l'Alliance des États du Sahel"`` -> ``"AES"``)."""
        for candidate in (text, strip_article(text)):
            bloc = self._forms["bloc"].get(form_key(candidate))
            if bloc is not None:
                return bloc
        return None

    def lookup(self, text: str) -> Entry | None:
        """Any entity whose surface form is ``text`` (article stripped), strongest type first."""
        for candidate in (text, strip_article(text)):
            owner = self.owner(form_key(candidate))
            if owner is not None:
                return self.entries[owner[0]]
        return None

    def ambiguous_with(self, text: str) -> tuple[str, ...]:
        """Other countries a form may also mean ("Congo", "congolais" -> ``("COD",)``).

        The lookups return the data's default reading; this tells the caller
        that context may decide otherwise.
        """
        return self.alternatives.get(form_key(strip_article(text)), ())

    def of_type(self, entity_type: str) -> list[Entry]:
        """Entries of one type (``"person"``, ``"country"``, ...), in data order."""
        return [e for e in self.entries.values() if e.entity_type == entity_type]

    def bloc_members(self, bloc_id: str) -> tuple[str, ...]:
        """Sorted member ISO3 codes of a bloc (empty when unknown or not listed)."""
        entry = self.entries.get(bloc_id)
        if entry is None or entry.entity_type != "bloc":
            return ()
        return entry.members

    def match_person(self, name: str, context: Iterable[str] | None = None) -> Entry | None:
        """The gazetteer person named by ``name``.

        Tries, in order: an exact name or alias (accents, case, hyphens and
        apostrophes folded), also after dropping leading words such as a title;
        a family name alone; a near spelling of a full name that is the same
        person by :func:`sahel_utils.core.names.same_person`.

        Args:
            name: A name as written, without title ("Goïta", "Touedera", "Serguei Lavrov").
            context: Ids of people already found in the same article; they
                settle a family name shared by several people ("Traoré").

        Returns:
            The person's entry, or ``None``.

        """
        found = self.people.match(name, context)
        return None if found is None else self.entries[found]

    def hyphen_pair(self, text: str) -> tuple[str, str] | None:
        """Both sides of a hyphenated pair of countries or blocs (see :mod:`.pairs`).

        Args:
            text: E.g. ``"Mali-Russie"``, ``"Russie–AES"``, ``"maliano-russe"``.

        Returns:
            ``(left_id, right_id)`` in text order, or ``None``.

        """
        return pairs.hyphen_pair(self, text)

    def find_hyphen_pairs(self, text: str) -> list[tuple[int, int, str, str]]:
        """Every hyphenated pair in a running text, as ``(start, end, left, right)``.

        Args:
            text: Running text.

        Returns:
            Non-overlapping pairs in text order.

        """
        return pairs.find_hyphen_pairs(self, text)

    def ruler_patterns(
        self,
        tokenizer: Callable[[str], Any] | None = None,
        adjectives: bool = False,
    ) -> list[dict[str, Any]]:
        """Token patterns for spaCy's ``span_ruler`` (see :func:`.patterns.ruler_patterns`).

        Args:
            tokenizer: The pipeline's tokenizer (default: ``spacy.blank("fr")``'s).
            adjectives: Also emit demonym/adjective patterns labelled ``DEMONYM``.

        Returns:
            Patterns, longest forms first.

        """
        return patterns.ruler_patterns(self, tokenizer, adjectives)


@functools.lru_cache(maxsize=4)
def load_gazetteer(resources: Path | None = None) -> Gazetteer:
    """The gazetteer built from ``resources/fr`` (loaded once per process).

    Args:
        resources: Folder with the data files; default ``paths.ANNOTATION_RESOURCES``.

    Returns:
        The shared :class:`Gazetteer`.

    """
    return Gazetteer(Path(resources or paths.ANNOTATION_RESOURCES))
