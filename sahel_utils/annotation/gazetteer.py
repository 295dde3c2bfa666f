"""Vocabulary of entities: countries, blocs, organisations, people and places.

The vocabulary lives in data files under ``resources/fr/`` that an analyst edits
without touching code:

- official country names and their French translations come from ``pycountry``
  (``iso3166-1`` gettext domain), un-inverted ("Russie, Fédération de" gives
  "Fédération de Russie" and "Russie");
- ``countries.csv`` overrides the display name of a country or adds one that
  pycountry lacks (historical states such as ``SUN``);
- ``country_forms.csv`` adds French short and long forms, variants, capitals and
  seats of power, demonym base forms (regular gender/number inflection is
  generated here), irregular adjective forms and compound prefixes;
- ``blocs.yaml`` lists blocs with their members, ``organizations.csv`` and
  ``people.csv`` organisations and people with aliases, country and role.

Every lookup compares :func:`sahel_utils.core.normalize.fold` forms, so accents, case
and apostrophe styles never matter.
"""

from __future__ import annotations

import functools
import gettext
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from rapidfuzz import fuzz, process

from sahel_utils.core import paths
from sahel_utils.core.blocs import load_blocs
from sahel_utils.core.lexicon import Lexicon, load_lexicon, register_schema
from sahel_utils.core.names import NAME_SIMILARITY, same_person, similar_spelling
from sahel_utils.core.normalize import fold

ENTITY_TYPES = ("country", "bloc", "organization", "person", "place")
RULER_LABELS = {
    "country": "COUNTRY",
    "bloc": "BLOC",
    "organization": "ORG",
    "person": "PERSON",
    "place": "PLACE",
}
# When one surface form is claimed by two entities, the earlier type keeps it.
_TYPE_PRIORITY = {"country": 0, "bloc": 1, "organization": 2, "place": 3, "person": 4}

FORM_KINDS = (
    "name", "capital", "seat", "town", "adjective", "adjective_forms", "prefix", "exclude",
)  # fmt: skip

# French grammar words that may precede a name ("la Russie", "au Caire", "l'Élysée").
_LEADING_ARTICLE = re.compile(
    r"^(?:(?:(?:de\s+la|de|la|le|les|du|des|aux|au|en|à)\s+)|(?:(?:de\s+)?[ld]['’]\s*))+",
    re.IGNORECASE,
)
_INTRINSIC_ARTICLE = re.compile(r"^(Le|La|Les|L')\s*(?=\S)")
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_DASH_RE = re.compile(f"[{_DASHES}]")
_PAIR_SPLIT = re.compile(rf"\s*[{_DASHES}/]\s*")
# Near spellings of a known name: the one threshold of ``core.names``; a family
# name alone must be longer than a word (seven letters) to be matched fuzzily,
# since it is compared with every family name of the gazetteer at once.
_PERSON_FUZZY_THRESHOLD = NAME_SIMILARITY
_SURNAME_FUZZY_THRESHOLD = NAME_SIMILARITY
_SURNAME_FUZZY_MIN_LENGTH = 7


@dataclass(frozen=True)
class Entry:
    """One entity of the gazetteer.

    Attributes:
        entity_id: ISO3 for countries (``SUN`` for the Soviet Union), bloc id
            (``AES``), canonical name for organisations, people and places.
        entity_type: One of ``country``, ``bloc``, ``organization``, ``person``, ``place``.
        name: Display name (French).
        country: ISO3 the entity belongs to, or ``None``.
        role: Role of a person, kind of organisation/bloc, ``capital``/``seat`` for places.
        members: Member ISO3 codes of a bloc (sorted), else empty.
        aliases: Other surface forms (spelling variants included).

    """

    entity_id: str
    entity_type: str
    name: str
    country: str | None = None
    role: str | None = None
    members: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=(), compare=False)


def _key(text: str) -> str:
    """Lookup key: folded, dashes as ``-``, single spaces around nothing."""
    text = _DASH_RE.sub("-", fold(text))
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def _person_key(text: str) -> str:
    """Name key for people: folded, apostrophes dropped, dashes as spaces."""
    text = _key(text).replace("'", "").replace("-", " ")
    return re.sub(r"\s+", " ", text).strip()


def _strip_article(text: str) -> str:
    return _LEADING_ARTICLE.sub("", text.strip()).strip()


def _space_variants(form: str) -> set[str]:
    """A hyphenated name is also written with spaces ("Guinée Bissau")."""
    out = {form}
    if "-" in form:
        out.add(re.sub(r"\s*-\s*", " ", form))
    return out


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


def _read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a gazetteer CSV (``#`` lines are comments), validated by its schema."""
    table = load_lexicon(path, _CSV_SCHEMAS[path.name])
    return [row.model_dump() for row in table.rows]  # type: ignore[attr-defined]


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


# --------------------------------------------------------------------------- inflection


def inflect_adjective(base: str) -> tuple[str, ...]:
    """Regular French gender and number forms of a masculine singular adjective.

    Irregular adjectives ("turc"/"turque", "burkinabè") are listed in the data
    instead.

    Args:
        base: Masculine singular, e.g. ``"malien"``, ``"rwandais"``, ``"russe"``.

    Returns:
        The distinct forms: masculine/feminine, singular/plural.

    """
    if base.endswith("e"):
        forms: tuple[str, ...] = (base, base + "s")
    elif base.endswith(("s", "x")):
        forms = (base, base + "e", base + "es")
    elif base.endswith(("en", "on", "el")):
        fem = base + base[-1] + "e"
        forms = (base, base + "s", fem, fem + "s")
    else:
        forms = (base, base + "s", base + "e", base + "es")
    return tuple(dict.fromkeys(forms))


# --------------------------------------------------------------------------- pycountry


def _uninvert(name: str) -> tuple[str, str | None]:
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
    words = qualifier.split()
    if not words or not qualifier[0].isupper() or " et " in qualifier or "-" in qualifier:
        return short, short
    if qualifier.endswith("'"):
        return f"{qualifier}{short}", short
    if words[-1] in {"de", "du", "des"}:
        if words[-1] == "de" and fold(short)[:1] in "aeiouh":
            return f"{' '.join(words[:-1])} d'{short}", short
        return f"{qualifier} {short}", short
    if words[0] == "République":
        return f"{qualifier} {short[0].lower()}{short[1:]}", short
    return f"{qualifier} {short}", short


def _pycountry_names() -> dict[str, list[str]]:
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
                full, short = _uninvert(french)
                found.extend(x for x in (full, short) if x)
            names[country.alpha_3] = list(dict.fromkeys(found))
    return names


# --------------------------------------------------------------------------- gazetteer


class Gazetteer:
    """Entities with their surface forms; built once by :func:`load_gazetteer`."""

    def __init__(self, resources: Path) -> None:
        self.resources = resources
        self.entries: dict[str, Entry] = {}
        # surface form -> entity id, per entity type
        self._forms: dict[str, dict[str, str]] = {t: {} for t in ENTITY_TYPES}
        # original spellings, for patterns: (entity_id, entity_type, spelling)
        self._spellings: list[tuple[str, str, str]] = []
        self._exact_case: set[str] = set()
        self._adjectives: dict[str, str] = {}
        self._adjective_spellings: list[tuple[str, str]] = []
        self._prefixes: dict[str, str] = {}
        self._alternatives: dict[str, tuple[str, ...]] = {}
        self._surnames: dict[str, list[str]] = defaultdict(list)
        self._surname_alone: dict[str, bool] = {}
        self._person_keys: dict[str, str] = {}
        self._person_surname_spellings: list[tuple[str, str]] = []
        self._load_countries()
        self._load_blocs()
        self._load_organizations()
        self._load_people()
        self._person_choices = list(self._person_keys)

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
        for variant in _space_variants(form):
            key = _key(variant)
            if not key:
                continue
            owner = self._owner(key)
            if owner is not None and owner[0] != entity_id:
                other_type = owner[1]
                if _TYPE_PRIORITY[other_type] <= _TYPE_PRIORITY[entity_type]:
                    continue  # the earlier/stronger entity keeps the form
                del self._forms[other_type][key]
            self._forms[entity_type][key] = entity_id
            self._spellings.append((entity_id, entity_type, variant))
            if exact_case or _looks_like_acronym(variant):
                self._exact_case.add(variant)

    def _owner(self, key: str) -> tuple[str, str] | None:
        for entity_type in ENTITY_TYPES:
            entity_id = self._forms[entity_type].get(key)
            if entity_id is not None:
                return entity_id, entity_type
        return None

    def _load_countries(self) -> None:
        overrides = {row["iso3"]: row for row in _read_csv(self.resources / "countries.csv")}
        forms_rows = _read_csv(self.resources / "country_forms.csv")
        excluded = {
            (row["iso3"], _key(row["form"])) for row in forms_rows if row["kind"] == "exclude"
        }
        all_names = _pycountry_names()
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
                counts[_key(name)].add(iso3)
        for iso3 in sorted(py_names):
            row = overrides.get(iso3, {})
            names = py_names.get(iso3, [])
            usable = [
                n for n in names if (iso3, _key(n)) not in excluded and len(counts[_key(n)]) == 1
            ]
            display = row.get("name_fr") or (usable[0] if usable else names[0])
            aliases = tuple(n for n in usable if n != display)
            role = "historical" if iso3 in historical else None
            self._add_entry(Entry(iso3, "country", display, iso3, role, (), aliases))
            for name in (display, *aliases):
                if (iso3, _key(name)) not in excluded:
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
        alternatives = tuple(_split(row.get("alternatives")))
        if kind == "name":
            self._add_form(iso3, "country", form, exact)
        elif kind in {"capital", "seat", "town"}:
            self._load_place_form(row, iso3, kind, form, exact)
        elif kind in {"adjective", "adjective_forms"}:
            forms = inflect_adjective(form) if kind == "adjective" else (form,)
            for inflected in forms:
                self._add_adjective(iso3, inflected)
        elif kind == "prefix":
            self._prefixes.setdefault(_key(form).rstrip("-"), iso3)
        if alternatives:
            spellings = inflect_adjective(form) if kind == "adjective" else (form,)
            for spelling in spellings:
                self._alternatives[_key(spelling)] = alternatives

    def _load_place_form(
        self, row: dict[str, str], iso3: str, kind: str, form: str, exact: bool
    ) -> None:
        """A capital, seat or town of ``country_forms.csv``: one place entry, its spellings."""
        canonical = row.get("canonical") or _strip_article(form) or form
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
        for spelling in (canonical, form, _strip_article(form)):
            self._add_form(canonical, "place", spelling, exact)

    def _add_adjective(self, iso3: str, form: str) -> None:
        key = _key(form)
        if key not in self._adjectives:
            self._adjectives[key] = iso3
            self._adjective_spellings.append((iso3, form))

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
        for row in _read_csv(self.resources / "organizations.csv"):
            name = row["canonical_name"]
            country = row.get("country") or None
            if country and country not in self.entries:
                raise ValueError(f"organizations.csv: unknown country {country!r} for {name!r}")
            aliases = tuple(_split(row.get("aliases")))
            self._add_entry(
                Entry(name, "organization", name, country, row.get("kind") or None, (), aliases)
            )
            for form in (name, *aliases):
                self._add_form(name, "organization", form)

    def _load_people(self) -> None:
        rows = _read_csv(self.resources / "people.csv")
        for row in rows:
            name = row["canonical_name"]
            country = row.get("country") or None
            if country and country not in self.entries:
                raise ValueError(f"people.csv: unknown country {country!r} for {name!r}")
            aliases = tuple(_split(row.get("aliases")))
            self._add_entry(
                Entry(name, "person", name, country, row.get("role") or None, (), aliases)
            )
            for form in (name, *aliases):
                self._add_form(name, "person", form)
                self._person_keys.setdefault(_person_key(form), name)
            surnames = _split(row.get("family_name")) or [name.split()[-1]]
            for surname in surnames:
                key = _person_key(surname)
                if name not in self._surnames[key]:
                    self._surnames[key].append(name)
                self._person_surname_spellings.append((name, surname))
            alone = row.get("surname_alone", "").lower()
            self._surname_alone[name] = alone not in {"no", "false", "0"}
        # A family name of several words ("Sassou N'Guesso", "Yaou Sangaré") that
        # only one person bears names that person as surely as a full name.
        for name, surname in self._person_surname_spellings:
            key = _person_key(surname)
            if " " in key and self._surnames[key] == [name]:
                self._person_keys.setdefault(key, name)
                self._add_form(name, "person", surname)

    # ------------------------------------------------------------------ lookups

    def country_from_name(self, text: str) -> str | None:
        """ISO3 of a country named by ``text``: name, short/long form, capital or seat.

        Args:
            text: E.g. ``"la Russie"``, ``"Moscou"``, ``"Le Caire"``, ``"Koulouba"``.

        Returns:
            The ISO3 code, or ``None`` when ``text`` names no country.

        """
        for candidate in (text, _strip_article(text)):
            key = _key(candidate)
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
        return self._adjectives.get(_key(word))

    def bloc_from_name(self, text: str) -> str | None:
        """Bloc id named by ``text`` (``"l'Alliance des États du Sahel"`` -> ``"AES"``)."""
        for candidate in (text, _strip_article(text)):
            bloc = self._forms["bloc"].get(_key(candidate))
            if bloc is not None:
                return bloc
        return None

    def lookup(self, text: str) -> Entry | None:
        """Any entity whose surface form is ``text`` (article stripped), strongest type first."""
        for candidate in (text, _strip_article(text)):
            owner = self._owner(_key(candidate))
            if owner is not None:
                return self.entries[owner[0]]
        return None

    def ambiguous_with(self, text: str) -> tuple[str, ...]:
        """Other countries a form may also mean ("Congo", "congolais" -> ``("COD",)``).

        The lookups return the data's default reading; this tells the caller
        that context may decide otherwise.
        """
        return self._alternatives.get(_key(_strip_article(text)), ())

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
        key = _person_key(_strip_article(name))
        if not key:
            return None
        words = key.split()
        # The full name, then the name without leading words ("Capitaine Ibrahim
        # Traoré" -> "Ibrahim Traoré") while two words or more remain.
        for start in range(max(1, len(words) - 1)):
            found = self._person_keys.get(" ".join(words[start:]))
            if found is not None:
                return self.entries[found]
        by_surname = self._match_surname(key, set(context or ()))
        if by_surname is not None:
            return self.entries[by_surname]
        if " " in key:
            near = process.extract(
                key,
                self._person_choices,
                scorer=fuzz.ratio,
                score_cutoff=_PERSON_FUZZY_THRESHOLD,
                limit=3,
            )
            for choice, _, _ in near:
                if same_person(key, choice):
                    return self.entries[self._person_keys[choice]]
        return None

    def _match_surname(self, key: str, context: set[str]) -> str | None:
        candidates = self._surnames.get(key)
        if candidates is None and " " not in key and len(key) >= _SURNAME_FUZZY_MIN_LENGTH:
            best = process.extractOne(
                key,
                list(self._surnames),
                scorer=fuzz.ratio,
                score_cutoff=_SURNAME_FUZZY_THRESHOLD,
            )
            if best is not None and similar_spelling(key, best[0]):
                candidates = self._surnames[best[0]]
        if not candidates:
            return None
        in_context = [c for c in candidates if c in context]
        if len(in_context) == 1:
            return in_context[0]
        if len(candidates) == 1 and self._surname_alone[candidates[0]]:
            return candidates[0]
        return None

    def _side(self, text: str) -> str | None:
        """One side of a hyphenated pair: country/bloc name, adjective or prefix."""
        text = text.strip()
        if not text:
            return None
        return (
            self.country_from_name(text)
            or self.bloc_from_name(text)
            or self.country_from_adjective(text)
            or self._prefixes.get(_key(text))
        )

    def hyphen_pair(self, text: str) -> tuple[str, str] | None:
        """Both sides of a hyphenated pair of countries or blocs.

        Args:
            text: E.g. ``"Mali-Russie"``, ``"Russie–AES"``, ``"Congo-Guinée Bissau"``,
                ``"maliano-russe"``, ``"russo-maliennes"``.

        Returns:
            ``(left_id, right_id)`` in text order, or ``None`` when the text is
            not a pair of two different known entities.

        """
        if self.lookup(text) is not None:
            return None  # one name with a hyphen ("Guinée-Bissau")
        for match in _PAIR_SPLIT.finditer(text):
            left = self._side(text[: match.start()])
            right = self._side(text[match.end() :])
            if left and right and left != right:
                return left, right
        return None

    def find_hyphen_pairs(self, text: str) -> list[tuple[int, int, str, str]]:
        """Every hyphenated pair in a running text, as ``(start, end, left, right)``.

        Each side is one to three words next to a dash ("Mali-Russie",
        "Congo-Guinée Bissau", "maliano-russe"); the longest reading wins, and a
        span that is itself one name ("Guinée-Bissau") is no pair.

        Args:
            text: Running text.

        Returns:
            Non-overlapping pairs in text order.

        """
        found: list[tuple[int, int, str, str]] = []
        for dash in re.finditer(rf"(?<=\w)\s?[{_DASHES}]\s?(?=\w)", text):
            best: tuple[int, int, str, str] | None = None
            for start in _word_starts(text, dash.start()):
                left = self._side(text[start : dash.start()])
                if not left:
                    continue
                for end in _word_ends(text, dash.end()):
                    if best is not None and end - start <= best[1] - best[0]:
                        continue
                    right = self._side(text[dash.end() : end])
                    if right and right != left and self.lookup(text[start:end]) is None:
                        best = (start, end, left, right)
            if best and not any(s < best[1] and best[0] < e for s, e, _, _ in found):
                found.append(best)
        return found

    # ------------------------------------------------------------------ patterns

    def ruler_patterns(
        self,
        tokenizer: Callable[[str], Any] | None = None,
        adjectives: bool = False,
    ) -> list[dict[str, Any]]:
        """Token patterns for spaCy's ``span_ruler`` / ``entity_ruler``.

        Each pattern is ``{"label", "pattern", "id"}`` with ``label`` in
        ``COUNTRY``, ``BLOC``, ``ORG``, ``PERSON``, ``PLACE`` (and ``DEMONYM``
        with ``adjectives=True``). Tokens match on ``LOWER`` against both the
        accented and the accent-free spelling; acronyms match on ``ORTH``; a
        token capitalised in the data must not be all lower case in the text
        ("Maurice" the country, not "réunion" the meeting). Text is expected
        in :func:`sahel_utils.core.normalize.normalize_for_nlp` form (``'`` apostrophes).

        Args:
            tokenizer: The pipeline's tokenizer (default: ``spacy.blank("fr")``'s),
                so that patterns split words exactly as the pipeline does.
            adjectives: Also emit demonym/adjective patterns labelled ``DEMONYM``
                with the country's ISO3 as id.

        Returns:
            Patterns, longest forms first.

        """
        tokenize = tokenizer or _blank_tokenizer()
        items = self._pattern_items(adjectives)
        patterns = []
        emitted: set[str] = set()
        for label, entity_id, spelling in items:
            tokens = [t.text for t in tokenize(spelling) if not t.is_space]
            if not tokens:
                continue
            exact = spelling in self._exact_case
            optional_article = _INTRINSIC_ARTICLE.match(spelling) is not None and len(tokens) > 1
            pattern = [_token_pattern(t, exact) for t in tokens]
            if optional_article:
                pattern[0] = {**pattern[0], "OP": "?"}
            signature = json.dumps([label, entity_id, pattern], sort_keys=True)
            if signature not in emitted:
                emitted.add(signature)
                patterns.append({"label": label, "pattern": pattern, "id": entity_id})
        # A total order (not only by length) so that the ruler's choice between equal
        # overlapping matches never depends on set iteration order (hash seed).
        patterns.sort(
            key=lambda p: (-len(p["pattern"]), p["label"], p["id"], json.dumps(p["pattern"]))
        )
        return patterns

    def _pattern_items(self, adjectives: bool) -> list[tuple[str, str, str]]:
        """``(label, id, spelling)`` of every form a ruler pattern is made of."""
        items: list[tuple[str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for entity_id, entity_type, spelling in self._spellings:
            if self._owner(_key(spelling)) != (entity_id, entity_type):
                continue
            label = RULER_LABELS[entity_type]
            variant = _pattern_spelling(spelling)
            if (label, variant) not in seen:
                seen.add((label, variant))
                items.append((label, entity_id, variant))
        for name, surname in self._person_surname_spellings:
            key = _person_key(surname)
            if (
                " " not in key
                and self._surnames.get(key) == [name]
                and self._surname_alone[name]
                and self._owner(_key(surname)) is None
                and ("PERSON", surname) not in seen
            ):
                seen.add(("PERSON", surname))
                items.append(("PERSON", name, surname))
        if adjectives:
            for iso3, form in self._adjective_spellings:
                items.append(("DEMONYM", iso3, form))
        return items


def _pattern_spelling(spelling: str) -> str:
    """The spelling a pattern matches: without a lower-case article ("le Kremlin")."""
    stripped = _strip_article(spelling)
    if stripped and stripped != spelling and spelling[:1].islower():
        return stripped
    return spelling


def _looks_like_acronym(form: str) -> bool:
    """Whether a form is an acronym ("RCA", "FAMa", "CEN-SAD"): mostly capitals, one word."""
    letters = [c for c in form if c.isalpha()]
    if " " in form.strip() or len(letters) < 2:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper >= len(letters) - 1


def _token_pattern(token: str, exact: bool) -> dict[str, Any]:
    """One token dict: accented and accent-free spellings."""
    if exact:
        return {"ORTH": {"IN": sorted({token, _unaccent(token)})}}
    spec: dict[str, Any] = {"LOWER": {"IN": sorted({token.lower(), fold(token)})}}
    if token[:1].isupper():
        spec["IS_LOWER"] = False
    return spec


def _unaccent(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _word_starts(text: str, dash: int, max_words: int = 3) -> list[int]:
    """Start offsets of the 1..max_words words just before ``dash``."""
    starts = []
    pos = dash
    for _ in range(max_words):
        window = max(0, pos - 80)
        match = re.search(r"([\w'’]+)\s*$", text[window:pos])
        if not match:
            break
        pos = window + match.start(1)
        starts.append(pos)
        if pos == 0 or text[pos - 1] not in " " + _DASHES:
            break
        pos -= 1
    return starts


def _word_ends(text: str, after: int, max_words: int = 3) -> list[int]:
    """End offsets of the 1..max_words words just after ``after``."""
    ends = []
    pos = after
    for _ in range(max_words):
        match = re.match(r"\s*([\w'’]+)", text[pos:])
        if not match:
            break
        pos += match.end(1)
        ends.append(pos)
        if pos >= len(text) or text[pos] not in " " + _DASHES:
            break
        pos += 1
    return ends


@functools.lru_cache(maxsize=1)
def _blank_tokenizer() -> Any:
    import spacy

    return spacy.blank("fr").tokenizer


@functools.lru_cache(maxsize=4)
def load_gazetteer(resources: Path | None = None) -> Gazetteer:
    """The gazetteer built from ``resources/fr`` (loaded once per process).

    Args:
        resources: Folder with the data files; default ``paths.ANNOTATION_RESOURCES``.

    Returns:
        The shared :class:`Gazetteer`.

    """
    return Gazetteer(Path(resources or paths.ANNOTATION_RESOURCES))
