"""Vocabulary shared by several stages, each list in one file of ``core/resources/fr``.

- ``roles.yaml``: role nouns (entity rules and quote attribution);
- ``name_particles.yaml``: lower-case words inside names (entity rules, bylines);
- ``numbers.yaml``: number words and multipliers (claims, time expressions);
- ``stop_words.yaml``: function words left out of compared content words (reuse, claims);
- ``blocs.yaml``: see :mod:`sahel_utils.core.blocs`.
"""

from __future__ import annotations

from sahel_utils.core import paths
from sahel_utils.core.lexicon import Lexicon, Word, load_lexicon, register_schema

ROLES_FILE = paths.CORE_RESOURCES / "roles.yaml"
NAME_PARTICLES_FILE = paths.CORE_RESOURCES / "name_particles.yaml"
NUMBERS_FILE = paths.CORE_RESOURCES / "numbers.yaml"
STOP_WORDS_FILE = paths.CORE_RESOURCES / "stop_words.yaml"


@register_schema("core", "roles.yaml")
class RolesFile(Lexicon):
    """``roles.yaml``: nouns of office or role."""

    roles: list[Word]


@register_schema("core", "name_particles.yaml")
class NameParticlesFile(Lexicon):
    """``name_particles.yaml``: words that may sit in lower case inside a name."""

    name_particles: list[Word]


@register_schema("core", "numbers.yaml")
class NumbersFile(Lexicon):
    """``numbers.yaml``: cardinal words, article-numbers ("un", "une"), multipliers."""

    number_words: dict[str, int]
    article_numbers: dict[str, int]
    multipliers: dict[str, int]


@register_schema("core", "stop_words.yaml")
class StopWordsFile(Lexicon):
    """``stop_words.yaml``: French function words (from spaCy's list, MIT)."""

    stop_words: list[Word]


def stop_words() -> tuple[str, ...]:
    """The French stop words, as written in ``stop_words.yaml``."""
    return tuple(load_lexicon(STOP_WORDS_FILE, StopWordsFile).stop_words)


def role_nouns() -> tuple[str, ...]:
    """The role nouns, as written in ``roles.yaml`` (not folded), in file order."""
    return tuple(load_lexicon(ROLES_FILE, RolesFile).roles)


def name_particles() -> tuple[str, ...]:
    """The name particles, as written in ``name_particles.yaml`` (not folded)."""
    return tuple(load_lexicon(NAME_PARTICLES_FILE, NameParticlesFile).name_particles)


def numbers() -> NumbersFile:
    """The number vocabulary (``numbers.yaml``)."""
    return load_lexicon(NUMBERS_FILE, NumbersFile)
