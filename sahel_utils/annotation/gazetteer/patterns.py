"""Token patterns of the gazetteer's forms for spaCy's ``span_ruler``.

Tokens match on ``LOWER`` against the accented and the accent-free spelling; acronyms
and exact-case forms on ``ORTH``; a token capitalised in the data must not be all lower
case in the text ("Maurice" the country, not "réunion" the meeting); an article that is
part of a name ("Le Caire") is optional.
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sahel_utils.annotation.gazetteer.forms import (
    RULER_LABELS,
    form_key,
    name_key,
    strip_article,
)
from sahel_utils.annotation.gazetteer.grammar import grammar
from sahel_utils.core.normalize import fold

if TYPE_CHECKING:
    from sahel_utils.annotation.gazetteer.index import Gazetteer


def ruler_patterns(
    gaz: Gazetteer,
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
        gaz: The gazetteer.
        tokenizer: The pipeline's tokenizer (default: ``spacy.blank("fr")``'s),
            so that patterns split words exactly as the pipeline does.
        adjectives: Also emit demonym/adjective patterns labelled ``DEMONYM``
            with the country's ISO3 as id.

    Returns:
        Patterns, longest forms first.

    """
    tokenize = tokenizer or _blank_tokenizer()
    items = _pattern_items(gaz, adjectives)
    patterns = []
    emitted: set[str] = set()
    for label, entity_id, spelling in items:
        tokens = [t.text for t in tokenize(spelling) if not t.is_space]
        if not tokens:
            continue
        exact = spelling in gaz.exact_case
        optional_article = grammar().name_article.match(spelling) is not None and len(tokens) > 1
        pattern = [_token_pattern(t, exact) for t in tokens]
        if optional_article:
            pattern[0] = {**pattern[0], "OP": "?"}
        signature = json.dumps([label, entity_id, pattern], sort_keys=True)
        if signature not in emitted:
            emitted.add(signature)
            patterns.append({"label": label, "pattern": pattern, "id": entity_id})
    # A total order (not only by length) so that the ruler's choice between equal
    # overlapping matches never depends on set iteration order (hash seed).
    patterns.sort(key=lambda p: (-len(p["pattern"]), p["label"], p["id"], json.dumps(p["pattern"])))
    return patterns


def _pattern_items(gaz: Gazetteer, adjectives: bool) -> list[tuple[str, str, str]]:
    """``(label, id, spelling)`` of every form a ruler pattern is made of."""
    items: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for entity_id, entity_type, spelling in gaz.spellings:
        if gaz.owner(form_key(spelling)) != (entity_id, entity_type):
            continue
        label = RULER_LABELS[entity_type]
        variant = _pattern_spelling(spelling)
        if (label, variant) not in seen:
            seen.add((label, variant))
            items.append((label, entity_id, variant))
    for name, surname in gaz.people.surname_spellings:
        key = name_key(surname)
        if (
            " " not in key
            and gaz.people.surnames.get(key) == [name]
            and gaz.people.surname_alone[name]
            and gaz.owner(form_key(surname)) is None
            and ("PERSON", surname) not in seen
        ):
            seen.add(("PERSON", surname))
            items.append(("PERSON", name, surname))
    if adjectives:
        for iso3, form in gaz.adjective_spellings:
            items.append(("DEMONYM", iso3, form))
    return items


def _pattern_spelling(spelling: str) -> str:
    """The spelling a pattern matches: without a lower-case article ("le Kremlin")."""
    stripped = strip_article(spelling)
    if stripped and stripped != spelling and spelling[:1].islower():
        return stripped
    return spelling


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


@functools.lru_cache(maxsize=1)
def _blank_tokenizer() -> Any:
    import spacy

    return spacy.blank("fr").tokenizer
