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

Modules: :mod:`.forms` (entries, lookup keys, adjective inflection), :mod:`.grammar`
(the French grammar around names), :mod:`.sources` (the data files and their schemas,
pycountry), :mod:`.loading` (the gazetteer built from them), :mod:`.people` (people's
names and which person a name means), :mod:`.pairs` (hyphenated pairs),
:mod:`.patterns` (the span ruler's patterns), :mod:`.index` (the :class:`Gazetteer`
and its lookups).
"""

from sahel_utils.annotation.gazetteer.forms import (
    ENTITY_TYPES,
    FORM_KINDS,
    RULER_LABELS,
    Entry,
    inflect_adjective,
)
from sahel_utils.annotation.gazetteer.index import Gazetteer, load_gazetteer
from sahel_utils.annotation.gazetteer.people import (
    PERSON_FUZZY_THRESHOLD as _PERSON_FUZZY_THRESHOLD,
)
from sahel_utils.annotation.gazetteer.people import PeopleIndex
from sahel_utils.annotation.gazetteer.sources import (
    CountriesFile,
    CountryFormRow,
    CountryFormsFile,
    CountryRow,
    OrganizationRow,
    OrganizationsFile,
    PeopleFile,
    PersonRow,
)

__all__ = [
    "ENTITY_TYPES",
    "FORM_KINDS",
    "RULER_LABELS",
    "CountriesFile",
    "CountryFormRow",
    "CountryFormsFile",
    "CountryRow",
    "Entry",
    "Gazetteer",
    "OrganizationRow",
    "OrganizationsFile",
    "PeopleFile",
    "PeopleIndex",
    "PersonRow",
    "_PERSON_FUZZY_THRESHOLD",
    "inflect_adjective",
    "load_gazetteer",
]
