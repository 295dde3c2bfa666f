"""The gazetteer: entities, their surface forms by type, and lookups.

Countries come from pycountry and ``countries.csv``, with the French forms of
``country_forms.csv`` (short and long forms, capitals and seats of power, adjectives,
compound prefixes); blocs from ``core/resources/fr/blocs.yaml``; organisations and people
from ``organizations.csv`` and ``people.csv``. When one surface form is claimed by two
entities, the earlier type keeps it (country, bloc, organisation, place, person).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pycountry

from sahel_utils.annotation.gazetteer import pairs, patterns
from sahel_utils.annotation.gazetteer.forms import (
    ENTITY_TYPES,
    FORM_KINDS,
    TYPE_PRIORITY,
    Entry,
    form_key,
    inflect_adjective,
    looks_like_acronym,
    space_variants,
    strip_article,
)
from sahel_utils.annotation.gazetteer.people import PeopleIndex
from sahel_utils.annotation.gazetteer.sources import pycountry_names, read_csv, split_field
from sahel_utils.core import paths
from sahel_utils.core.blocs import load_blocs


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
        self._adjectives: dict[str, str] = {}
        self.adjective_spellings: list[tuple[str, str]] = []
        self.prefixes: dict[str, str] = {}
        self._alternatives: dict[str, tuple[str, ...]] = {}
        self.people = PeopleIndex()
        self._load_countries()
        self._load_blocs()
        self._load_organizations()
        self._load_people()

    # ------------------------------------------------------------------ loading

    def _add_entry(self, entry: Entry) -> None:
        if entry.entity_type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {entry.entity_type!r} for {entry.entity_id!r}")
        old = self.entries.get(entry.entity_id)
        if old is not None and old.entity_type != entry.entity_type:
            raise ValueError(
                f"id {entry.entity_id!r} used by a {old.entity_type} and a {entry.entity_type}"
            )
        self.entries[entry.entity_id] = entry

    def _add_form(self, entity_id: str, entity_type: str, form: str, exact_case: bool = False):
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

    def _load_countries(self) -> None:
        overrides = {row["iso3"]: row for row in read_csv(self.resources / "countries.csv")}
        forms_rows = read_csv(self.resources / "country_forms.csv")
        excluded = {
            (row["iso3"], form_key(row["form"])) for row in forms_rows if row["kind"] == "exclude"
        }
        all_names = pycountry_names()
        current = {c.alpha_3 for c in pycountry.countries}
        historical = {
            iso3
            for iso3, row in overrides.items()
            if row.get("historical", "").lower() in {"yes", "true", "1"}
        }
        for iso3 in overrides:
            if iso3 not in all_names:
                raise ValueError(f"countries.csv: {iso3!r} is no ISO 3166-1 or 3166-3 code")
        # Historical states are kept only where the data asks for them.
        py_names = {k: v for k, v in all_names.items() if k in current or k in historical}
        # A pycountry short form shared by two countries ("Corée") names neither.
        counts: dict[str, set[str]] = defaultdict(set)
        for iso3, names in py_names.items():
            for name in names:
                counts[form_key(name)].add(iso3)
        for iso3 in sorted(py_names):
            row = overrides.get(iso3, {})
            names = py_names.get(iso3, [])
            usable = [
                n
                for n in names
                if (iso3, form_key(n)) not in excluded and len(counts[form_key(n)]) == 1
            ]
            display = row.get("name_fr") or (usable[0] if usable else names[0])
            aliases = tuple(n for n in usable if n != display)
            role = "historical" if iso3 in historical else None
            self._add_entry(Entry(iso3, "country", display, iso3, role, (), aliases))
            for name in (display, *aliases):
                if (iso3, form_key(name)) not in excluded:
                    self._add_form(iso3, "country", name)
        for row in forms_rows:
            self._load_country_form(row)

    def _load_country_form(self, row: dict[str, str]) -> None:
        iso3, kind, form = row["iso3"], row["kind"], row["form"]
        if kind not in FORM_KINDS:
            raise ValueError(f"country_forms.csv: unknown kind {kind!r} for {form!r}")
        if iso3 not in self.entries:
            raise ValueError(f"country_forms.csv: unknown country {iso3!r} for {form!r}")
        exact = row.get("case", "") == "exact"
        alternatives = tuple(split_field(row.get("alternatives")))
        if kind == "name":
            self._add_form(iso3, "country", form, exact)
        elif kind in {"capital", "seat", "town"}:
            self._load_place_form(row, iso3, kind, form, exact)
        elif kind in {"adjective", "adjective_forms"}:
            forms = inflect_adjective(form) if kind == "adjective" else (form,)
            for inflected in forms:
                self._add_adjective(iso3, inflected)
        elif kind == "prefix":
            self.prefixes.setdefault(form_key(form).rstrip("-"), iso3)
        if alternatives:
            spellings = inflect_adjective(form) if kind == "adjective" else (form,)
            for spelling in spellings:
                self._alternatives[form_key(spelling)] = alternatives

    def _load_place_form(
        self, row: dict[str, str], iso3: str, kind: str, form: str, exact: bool
    ) -> None:
        """A capital, seat or town of ``country_forms.csv``: one place entry, its spellings."""
        canonical = row.get("canonical") or strip_article(form) or form
        place = self.entries.get(canonical)
        if place is None:
            place = Entry(canonical, "place", canonical, iso3, kind)
        else:
            place = Entry(
                place.entity_id,
                "place",
                place.name,
                place.country,
                place.role,
                (),
                (*place.aliases, form),
            )
        self._add_entry(place)
        for spelling in (canonical, form, strip_article(form)):
            self._add_form(canonical, "place", spelling, exact)

    def _add_adjective(self, iso3: str, form: str) -> None:
        key = form_key(form)
        if key not in self._adjectives:
            self._adjectives[key] = iso3
            self.adjective_spellings.append((iso3, form))

    def _load_blocs(self) -> None:
        for bloc_id, spec in load_blocs().blocs.items():
            members = tuple(sorted(spec.members))
            for member in members:
                if member not in self.entries:
                    raise ValueError(f"blocs.yaml: {bloc_id} has unknown member {member!r}")
            aliases = tuple(spec.aliases)
            exact = tuple(spec.aliases_exact_case)
            entry = Entry(
                str(bloc_id),
                "bloc",
                spec.name,
                spec.country,
                spec.kind,
                members,
                aliases + exact,
            )
            self._add_entry(entry)
            for form in (str(bloc_id), spec.name, *aliases):
                self._add_form(entry.entity_id, "bloc", form)
            for form in exact:
                self._add_form(entry.entity_id, "bloc", form, exact_case=True)

    def _load_organizations(self) -> None:
        for row in read_csv(self.resources / "organizations.csv"):
            name = row["canonical_name"]
            country = row.get("country") or None
            if country and country not in self.entries:
                raise ValueError(f"organizations.csv: unknown country {country!r} for {name!r}")
            aliases = tuple(split_field(row.get("aliases")))
            self._add_entry(
                Entry(name, "organization", name, country, row.get("kind") or None, (), aliases)
            )
            for form in (name, *aliases):
                self._add_form(name, "organization", form)

    def _load_people(self) -> None:
        for row in read_csv(self.resources / "people.csv"):
            name = row["canonical_name"]
            country = row.get("country") or None
            if country and country not in self.entries:
                raise ValueError(f"people.csv: unknown country {country!r} for {name!r}")
            aliases = tuple(split_field(row.get("aliases")))
            self._add_entry(
                Entry(name, "person", name, country, row.get("role") or None, (), aliases)
            )
            for form in (name, *aliases):
                self._add_form(name, "person", form)
            family_names = split_field(row.get("family_name")) or [name.split()[-1]]
            alone = row.get("surname_alone", "").lower() not in {"no", "false", "0"}
            self.people.add(name, (name, *aliases), family_names, alone)
        for name, surname in self.people.unique_family_names():
            self._add_form(name, "person", surname)
        self.people.freeze()

    # ------------------------------------------------------------------ lookups

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
        return self._adjectives.get(form_key(word))

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
        return self._alternatives.get(form_key(strip_article(text)), ())

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
