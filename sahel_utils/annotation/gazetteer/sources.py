"""The gazetteer's data files and pycountry's French country names.

``countries.csv``, ``country_forms.csv``, ``organizations.csv`` and ``people.csv`` are
read through ``core.lexicon`` with the schemas declared here; pycountry's French names
(``iso3166-1`` and ``iso3166-3`` gettext domains) are un-inverted ("Russie, Fédération
de" gives "Fédération de Russie" and "Russie").
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pycountry

from sahel_utils.annotation.gazetteer.grammar import grammar
from sahel_utils.core.lexicon import Lexicon, load_lexicon, register_schema
from sahel_utils.core.normalize import fold


class CountryRow(Lexicon):
    """A row of ``countries.csv``."""

    iso3: str
    name_fr: str
    historical: str


@register_schema("annotation", "countries.csv")
class CountriesFile(Lexicon):
    """``countries.csv``: French names that differ from pycountry's, historical states."""

    rows: list[CountryRow]


class CountryFormRow(Lexicon):
    """A row of ``country_forms.csv``."""

    iso3: str
    kind: str
    form: str
    canonical: str
    alternatives: str
    case: str


@register_schema("annotation", "country_forms.csv")
class CountryFormsFile(Lexicon):
    """``country_forms.csv``: French surface forms of countries."""

    rows: list[CountryFormRow]


class OrganizationRow(Lexicon):
    """A row of ``organizations.csv``."""

    canonical_name: str
    aliases: str
    country: str
    kind: str


@register_schema("annotation", "organizations.csv")
class OrganizationsFile(Lexicon):
    """``organizations.csv``: organisations with aliases, country and kind."""

    rows: list[OrganizationRow]


class PersonRow(Lexicon):
    """A row of ``people.csv``."""

    canonical_name: str
    aliases: str
    family_name: str
    country: str
    role: str
    surname_alone: str


@register_schema("annotation", "people.csv")
class PeopleFile(Lexicon):
    """``people.csv``: people with aliases, family names, country and role."""

    rows: list[PersonRow]


_CSV_SCHEMAS: dict[str, type[Lexicon]] = {
    "countries.csv": CountriesFile,
    "country_forms.csv": CountryFormsFile,
    "organizations.csv": OrganizationsFile,
    "people.csv": PeopleFile,
}


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a gazetteer CSV (``#`` lines are comments), validated by its schema."""
    table = load_lexicon(path, _CSV_SCHEMAS[path.name])
    return [row.model_dump() for row in table.rows]  # type: ignore[attr-defined]


def split_field(value: str | None) -> list[str]:
    """The parts of a ``|``-separated CSV field, stripped, blanks dropped."""
    return [part.strip() for part in (value or "").split("|") if part.strip()]


def uninvert(name: str) -> tuple[str, str | None]:
    """``"Russie, Fédération de"`` -> (``"Fédération de Russie"``, ``"Russie"``).

    pycountry writes some names short part first. A qualifier ending in a
    preposition is moved in front ("Iran, République islamique d'" gives
    "République islamique d'Iran"), a "République ..." qualifier takes the
    adjective after it ("Syrienne, République arabe" gives "République arabe
    syrienne"), an island designation goes in front ("Åland, Îles"). Anything
    else after the comma (an apposition such as "province de Chine", a list
    such as "Ascension et Tristan da Cunha") is dropped.

    Returns:
        The name in reading order and its short part (``None`` when the name is
        not inverted).

    """
    if ", " not in name:
        return name, None
    short, qualifier = (part.strip() for part in name.split(", ", 1))
    if short.isupper():
        return qualifier, short  # "URSS, Union des républiques socialistes soviétiques"
    rules = grammar().inversion  # the words, in ``gazetteer.yaml``
    words = qualifier.split()
    listed = any(f" {word} " in qualifier for word in rules.list_words)
    if not words or not qualifier[0].isupper() or listed or "-" in qualifier:
        return short, short
    if qualifier.endswith("'"):
        return f"{qualifier}{short}", short
    if words[-1] in rules.prepositions:
        elided = rules.elisions.get(words[-1])
        if elided and fold(short)[:1] in rules.vowels:
            return f"{' '.join(words[:-1])} {elided}{short}", short
        return f"{qualifier} {short}", short
    if words[0] in rules.adjective_heads:
        return f"{qualifier} {short[0].lower()}{short[1:]}", short
    return f"{qualifier} {short}", short


def pycountry_names() -> dict[str, list[str]]:
    """French names per ISO3 of current and historical states, from pycountry's data.

    Current states come from ISO 3166-1 (``iso3166-1`` translations), states
    that no longer exist (``SUN``) from ISO 3166-3 (``iso3166-3`` translations).
    """
    names: dict[str, list[str]] = {}
    for domain, database, attrs in (
        ("iso3166-3", pycountry.historic_countries, ("name",)),
        ("iso3166-1", pycountry.countries, ("name", "official_name", "common_name")),
    ):
        translation = gettext.translation(domain, pycountry.LOCALES_DIR, languages=["fr"])
        for country in database:
            found: list[str] = []
            for attr in attrs:
                english = getattr(country, attr, None)
                if not english:
                    continue
                french = translation.gettext(english)
                if french == english and attr == "common_name":
                    continue  # an English common name ("South Korea") is no French form
                full, short = uninvert(french)
                found.extend(x for x in (full, short) if x)
            names[country.alpha_3] = list(dict.fromkeys(found))
    return names
