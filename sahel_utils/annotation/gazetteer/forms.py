"""Entries and their surface forms: lookup keys, articles, dashes, adjective inflection.

Every lookup compares :func:`form_key` forms (folded, dashes as ``-``), so accents, case
and apostrophe styles never matter; people's names compare as :func:`name_key` forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sahel_utils.annotation.gazetteer.grammar import grammar
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
TYPE_PRIORITY = {"country": 0, "bloc": 1, "organization": 2, "place": 3, "person": 4}

FORM_KINDS = (
    "name", "capital", "seat", "town", "adjective", "adjective_forms", "prefix", "exclude",
)  # fmt: skip

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
DASH_RE = re.compile(f"[{DASHES}]")
PAIR_SPLIT = re.compile(rf"\s*[{DASHES}/]\s*")


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


def form_key(text: str) -> str:
    """Lookup key: folded, dashes as ``-``, single spaces around nothing."""
    text = DASH_RE.sub("-", fold(text))
    text = re.sub(r"\s*-\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip(" .,;:")


def name_key(text: str) -> str:
    """Name key for people: folded, apostrophes dropped, dashes as spaces."""
    text = form_key(text).replace("'", "").replace("-", " ")
    return re.sub(r"\s+", " ", text).strip()


def strip_article(text: str) -> str:
    """``text`` without the articles and prepositions before a name ("au Caire" -> "Caire")."""
    return grammar().leading_article.sub("", text.strip()).strip()


def space_variants(form: str) -> set[str]:
    """A hyphenated name is also written with spaces ("Guinée Bissau")."""
    out = {form}
    if "-" in form:
        out.add(re.sub(r"\s*-\s*", " ", form))
    return out


def inflect_adjective(base: str) -> tuple[str, ...]:
    """Regular French gender and number forms of a masculine singular adjective.

    The rules are data (``adjective_inflection`` in ``gazetteer.yaml``); irregular
    adjectives ("turc"/"turque", "burkinabè") are listed in ``country_forms.csv``.

    Args:
        base: Masculine singular, e.g. ``"malien"``, ``"rwandais"``, ``"russe"``.

    Returns:
        The distinct forms: masculine/feminine, singular/plural.

    """
    rule = next(
        r
        for r in grammar().adjective_inflection
        if not r.endings or base.endswith(tuple(r.endings))
    )
    forms = [
        base + base[-1] + ending[1:] if ending.startswith("+") else base + ending
        for ending in rule.forms
    ]
    return tuple(dict.fromkeys(forms))


def looks_like_acronym(form: str) -> bool:
    """Whether a form is an acronym ("RCA", "FAMa", "CEN-SAD"): mostly capitals, one word."""
    letters = [c for c in form if c.isalpha()]
    if " " in form.strip() or len(letters) < 2:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper >= len(letters) - 1
