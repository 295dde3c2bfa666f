"""The gazetteer built from its data: countries, blocs, organisations and people.

Countries come from pycountry and ``countries.csv``, with the French forms of
``country_forms.csv`` (short and long forms, capitals, seats of power and towns as
places, adjectives inflected, compound prefixes); blocs from
``core/resources/fr/blocs.yaml``; organisations and people from ``organizations.csv``
and ``people.csv``. Unknown countries, kinds or members are errors naming the file.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import pycountry

from sahel_utils.annotation.gazetteer.forms import (
    FORM_KINDS,
    Entry,
    form_key,
    inflect_adjective,
    strip_article,
)
from sahel_utils.annotation.gazetteer.sources import pycountry_names, read_csv, split_field
from sahel_utils.core.blocs import load_blocs

if TYPE_CHECKING:
    from sahel_utils.annotation.gazetteer.index import Gazetteer


def add_countries(gaz: Gazetteer) -> None:
    """Add the countries: pycountry's French names, ``countries.csv``, ``country_forms.csv``.

    Args:
        gaz: The gazetteer being built.

    """
    overrides = {row["iso3"]: row for row in read_csv(gaz.resources / "countries.csv")}
    forms_rows = read_csv(gaz.resources / "country_forms.csv")
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
        gaz.add_entry(Entry(iso3, "country", display, iso3, role, (), aliases))
        for name in (display, *aliases):
            if (iso3, form_key(name)) not in excluded:
                gaz.add_form(iso3, "country", name)
    for row in forms_rows:
        _load_country_form(gaz, row)


def _load_country_form(gaz: Gazetteer, row: dict[str, str]) -> None:
    iso3, kind, form = row["iso3"], row["kind"], row["form"]
    if kind not in FORM_KINDS:
        raise ValueError(f"country_forms.csv: unknown kind {kind!r} for {form!r}")
    if iso3 not in gaz.entries:
        raise ValueError(f"country_forms.csv: unknown country {iso3!r} for {form!r}")
    exact = row.get("case", "") == "exact"
    alternatives = tuple(split_field(row.get("alternatives")))
    if kind == "name":
        gaz.add_form(iso3, "country", form, exact)
    elif kind in {"capital", "seat", "town"}:
        _load_place_form(gaz, row, iso3, kind, form, exact)
    elif kind in {"adjective", "adjective_forms"}:
        forms = inflect_adjective(form) if kind == "adjective" else (form,)
        for inflected in forms:
            _add_adjective(gaz, iso3, inflected)
    elif kind == "prefix":
        gaz.prefixes.setdefault(form_key(form).rstrip("-"), iso3)
    if alternatives:
        spellings = inflect_adjective(form) if kind == "adjective" else (form,)
        for spelling in spellings:
            gaz.alternatives[form_key(spelling)] = alternatives


def _load_place_form(
    gaz: Gazetteer, row: dict[str, str], iso3: str, kind: str, form: str, exact: bool
) -> None:
    """A capital, seat or town of ``country_forms.csv``: one place entry, its spellings."""
    canonical = row.get("canonical") or strip_article(form) or form
    place = gaz.entries.get(canonical)
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
    gaz.add_entry(place)
    for spelling in (canonical, form, strip_article(form)):
        gaz.add_form(canonical, "place", spelling, exact)


def _add_adjective(gaz: Gazetteer, iso3: str, form: str) -> None:
    key = form_key(form)
    if key not in gaz.adjectives:
        gaz.adjectives[key] = iso3
        gaz.adjective_spellings.append((iso3, form))


def add_blocs(gaz: Gazetteer) -> None:
    """Add the blocs of ``core/resources/fr/blocs.yaml`` (members must be known countries).

    Args:
        gaz: The gazetteer being built.

    """
    for bloc_id, spec in load_blocs().blocs.items():
        members = tuple(sorted(spec.members))
        for member in members:
            if member not in gaz.entries:
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
        gaz.add_entry(entry)
        for form in (str(bloc_id), spec.name, *aliases):
            gaz.add_form(entry.entity_id, "bloc", form)
        for form in exact:
            gaz.add_form(entry.entity_id, "bloc", form, exact_case=True)


def add_organizations(gaz: Gazetteer) -> None:
    """Add the organisations of ``organizations.csv``.

    Args:
        gaz: The gazetteer being built.

    """
    for row in read_csv(gaz.resources / "organizations.csv"):
        name = row["canonical_name"]
        country = row.get("country") or None
        if country and country not in gaz.entries:
            raise ValueError(f"organizations.csv: unknown country {country!r} for {name!r}")
        aliases = tuple(split_field(row.get("aliases")))
        gaz.add_entry(
            Entry(name, "organization", name, country, row.get("kind") or None, (), aliases)
        )
        for form in (name, *aliases):
            gaz.add_form(name, "organization", form)


def add_people(gaz: Gazetteer) -> None:
    """Add the people of ``people.csv`` and index their names (:class:`.people.PeopleIndex`).

    Args:
        gaz: The gazetteer being built.

    """
    for row in read_csv(gaz.resources / "people.csv"):
        name = row["canonical_name"]
        country = row.get("country") or None
        if country and country not in gaz.entries:
            raise ValueError(f"people.csv: unknown country {country!r} for {name!r}")
        aliases = tuple(split_field(row.get("aliases")))
        gaz.add_entry(Entry(name, "person", name, country, row.get("role") or None, (), aliases))
        for form in (name, *aliases):
            gaz.add_form(name, "person", form)
        family_names = split_field(row.get("family_name")) or [name.split()[-1]]
        alone = row.get("surname_alone", "").lower() not in {"no", "false", "0"}
        gaz.people.add(name, (name, *aliases), family_names, alone)
    for name, surname in gaz.people.unique_family_names():
        gaz.add_form(name, "person", surname)
    gaz.people.freeze()


# ------------------------------------------------------------------ lookups
