"""French grammar around the gazetteer's names: ``gazetteer.yaml`` and its regexes.

Articles before a name that are not part of it ("au Caire"), articles that are
("Le Caire"), and how pycountry's inverted names are put back in reading order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sahel_utils.core import paths
from sahel_utils.core.lexicon import (
    Lexicon,
    Word,
    load_lexicon,
    phrase_alternation,
    register_schema,
)

GRAMMAR_FILE = paths.ANNOTATION_RESOURCES / "gazetteer.yaml"


class InversionRules(Lexicon):
    """The ``inversion`` section of ``gazetteer.yaml``."""

    prepositions: list[Word]
    elisions: dict[str, Word]
    vowels: Word
    adjective_heads: list[Word]
    list_words: list[Word]


class InflectionRule(Lexicon):
    """One rule of ``adjective_inflection``: the endings it fits, the forms it makes."""

    endings: list[Word]
    forms: list[Word]


@register_schema("annotation", "gazetteer.yaml")
class GazetteerGrammarFile(Lexicon):
    """Schema of ``gazetteer.yaml``."""

    leading_articles: list[Word]
    leading_elisions: list[Word]
    name_articles: list[Word]
    inversion: InversionRules
    adjective_inflection: list[InflectionRule]


@dataclass(frozen=True)
class Grammar:
    """The compiled grammar of ``gazetteer.yaml``."""

    #: articles and prepositions before a name, repeated ("de la", "l'"), any case
    leading_article: re.Pattern[str]
    #: an article that is part of a name, at the start of a spelling ("Le Caire")
    name_article: re.Pattern[str]
    inversion: InversionRules
    adjective_inflection: tuple[InflectionRule, ...]


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The grammar read from ``gazetteer.yaml`` (once per process).

    Returns:
        The compiled :class:`Grammar`.

    """
    data = load_lexicon(GRAMMAR_FILE, GazetteerGrammarFile)
    articles = phrase_alternation(data.leading_articles, flexible_spaces=True)
    elisions = phrase_alternation(data.leading_elisions, flexible_spaces=True).replace("'", "['’]")
    leading = re.compile(rf"^(?:(?:{articles}\s+)|(?:{elisions}\s*))+", re.IGNORECASE)
    name_article = re.compile(rf"^{phrase_alternation(data.name_articles)}\s*(?=\S)")
    inflection = tuple(data.adjective_inflection)
    return Grammar(leading, name_article, data.inversion, inflection)
