"""One answer to "are these two names the same person?".

The pipeline (clustering the mentions of one article, matching a name to the
gazetteer), the claim clustering and the scorers all decide it here:

- :func:`family_name`: the comparison key of a name, its last word folded (accents,
  case, apostrophes) with a leading particle dropped and punctuation removed
  ("Abdel Fattah Al-Sissi" -> ``"sissi"``, "Denis Sassou N'Guesso" -> ``"guesso"``,
  "Nana Akufo-Addo" -> ``"akufo-addo"``).
- :func:`similar_spelling`: two words are one spelling of a name when equal, or
  when both have at least :data:`MIN_FUZZY_LENGTH` letters and their rapidfuzz
  ratio reaches :data:`NAME_SIMILARITY` ("Touadéra" / "Touedera").
- :func:`same_person`: the family names are similar spellings and the given names,
  when both names have some, share a word (:func:`given_names_agree`), or, for a short
  family name one letter apart ("Modi" / "Mody"), the whole names with the same
  first name reach :data:`NAME_SIMILARITY`.

The name particles ("al", "ould", "ben", …) come from one place,
``core/resources/fr/name_particles.yaml`` (:func:`name_particles`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from sahel_utils.core import vocabulary
from sahel_utils.core.lexicon import phrase_alternation
from sahel_utils.core.normalize import fold

#: The one similarity threshold (rapidfuzz ratio, 0-100) from which two spellings
#: are one name: one letter replaced in a name of six letters ("Lavrof" / "Lavrov",
#: "Mamady" / "Mamadi", "Sagado" / "Sagabo": 83.3), or one letter added or
#: dropped ("Touedera" / "Touadéra": 87.5); not two letters ("Boungou" /
#: "Bougouma": 80.0, "Tourané" / "Touray": 76.9, "Traoré" / "Touré": 72.7).
NAME_SIMILARITY = 83.0
#: Shorter words must be equal to match: one letter changes a short name ("Sall" /
#: "Ball", "Tiani" / "Tiana"); for a short family name the whole names decide.
MIN_FUZZY_LENGTH = 6


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """Folded words that may stand inside a person's name ("al", "ould", "ben", "de").

    The one list is ``core/resources/fr/name_particles.yaml``
    (:func:`sahel_utils.core.vocabulary.name_particles`).
    """
    return frozenset(fold(w) for w in vocabulary.name_particles())


@lru_cache(maxsize=1)
def _particle_prefix() -> re.Pattern[str]:
    # a particle glued to the family name ("Al-Sissi", "Ould-Abdallah"); "N'" too
    # ("N'Guesso" and "NGuesso" are one key)
    return re.compile(rf"^(?:{phrase_alternation(name_particles())}|n)[-']+")


@lru_cache(maxsize=100_000)
def family_name(name: str | None) -> str:
    """Comparison key of a person: the last word of the name, folded, particle removed.

    Args:
        name: A full or partial name ("Abdel Fattah Al-Sissi", "Goïta"); None is allowed.

    Returns:
        E.g. ``"sissi"``, ``"goita"``; ``""`` when the name has no word.

    """
    if not name or not isinstance(name, str):
        return ""
    words = fold(name).replace("\u2019", "'").split()
    if not words:
        return ""
    last = _particle_prefix().sub("", words[-1])
    return re.sub(r"[^\w-]", "", last).strip("-")


def similar_spelling(a: str, b: str) -> bool:
    """Whether two folded name words are spellings of one name (see the module rules)."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY_LENGTH:
        return False
    return fuzz.ratio(a, b) >= NAME_SIMILARITY


def name_words(name: str) -> list[str]:
    """Folded words of a name, split at spaces, hyphens and apostrophes, particles dropped."""
    particles = name_particles()
    words = re.split(r"[\s\-']+", fold(name).replace("\u2019", "'"))
    return [w for w in words if w and w not in particles]


def given_names_agree(a: str, b: str) -> bool:
    """False when two names with the same family name have different given names.

    A name without given name ("Zerbo") agrees with any; "Aminata Zerbo" does not
    agree with "Émile Zerbo"; one shared given name is enough ("Mahamat Déby",
    "Mahamat Idriss Déby Itno").
    """
    given_a, given_b = name_words(a)[:-1], name_words(b)[:-1]
    if not given_a or not given_b:
        return True
    return any(similar_spelling(x, y) for x in given_a for y in given_b)


def _unhyphenated(name: str) -> str:
    """The folded name with hyphens as spaces (where a hyphen sits varies by outlet)."""
    return " ".join(fold(name).replace("-", " ").split())


def same_person(a: str | None, b: str | None) -> bool:
    """Whether two names denote one person (see the module rules).

    Args:
        a: A name as written ("Faustin-Archange Touadéra", "Touedera"); None is no one.
        b: Another name.

    Returns:
        True when the family names are spellings of one name and the given names
        (when both have some) share one, or when two whole names with the same
        first name differ by one letter of a short family name.

    """
    fa, fb = family_name(a), family_name(b)
    if not fa or not fb:
        return False
    if _unhyphenated(a or "") == _unhyphenated(b or ""):
        return True  # "Iounous Bek-Evkourov" and "Iounous-Bek Evkourov": one name, hyphen moved
    if similar_spelling(fa, fb):
        return given_names_agree(a or "", b or "")
    if min(len(fa), len(fb)) >= MIN_FUZZY_LENGTH:
        return False  # long family names that differ are two names
    full_a, full_b = fold(a or "").split(), fold(b or "").split()
    return (
        len(full_a) >= 2
        and len(full_b) >= 2
        and full_a[0] == full_b[0]
        and fuzz.ratio(" ".join(full_a), " ".join(full_b)) >= NAME_SIMILARITY
    )
