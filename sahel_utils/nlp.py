"""The spaCy pipeline of the suite, assembled in one place.

``build_nlp()`` loads ``fr_core_news_md`` without the components the suite does not
use (the dependency parser: sentences come from the faster ``senter``), and adds:

1. ``paragraph_breaks`` (first): a line break always starts a sentence;
2. ``gazetteer_ruler``: spaCy's ``span_ruler`` with the gazetteer patterns, writing
   ``doc.spans["gazetteer"]`` (labels COUNTRY, BLOC, ORG, PERSON, PLACE; ``id`` = entity id);
3. ``sahel_entities``: resolved mentions in ``doc._.mentions`` (``sahel_utils.entities``);
4. the domain-cue ruler from ``sahel_utils.domains`` (``doc.spans["domain_cues"]``).
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from sahel_utils import entities  # noqa: F401  (registers the component factories)
from sahel_utils.entities import GAZETTEER_SPANS_KEY
from sahel_utils.extensions import register_extensions

MODEL = "fr_core_news_md"
#: Components of the model the suite never uses.
EXCLUDED = ("parser",)
#: Components shipped disabled that the suite turns on.
ENABLED = ("senter",)


def build_nlp() -> Language:
    """Build the suite's French pipeline (loads the model: a few seconds).

    Returns:
        The pipeline: model components without the parser, ``senter`` enabled, then
        ``gazetteer_ruler``, ``sahel_entities`` and the domain-cue ruler.

    """
    from sahel_utils.domains import add_domain_ruler
    from sahel_utils.gazetteer import load_gazetteer

    register_extensions()
    nlp = spacy.load(MODEL, exclude=list(EXCLUDED))
    for name in ENABLED:
        if name in nlp.disabled:
            nlp.enable_pipe(name)
    nlp.add_pipe("paragraph_breaks", first=True)
    ruler = nlp.add_pipe(
        "span_ruler",
        name="gazetteer_ruler",
        after="ner",
        config={"spans_key": GAZETTEER_SPANS_KEY, "validate": False, "overwrite": True},
    )
    ruler.add_patterns(load_gazetteer().ruler_patterns(tokenizer=nlp.tokenizer, adjectives=True))
    nlp.add_pipe("sahel_entities", after="gazetteer_ruler")
    add_domain_ruler(nlp)
    return nlp


@lru_cache(maxsize=1)
def shared_nlp() -> Language:
    """The pipeline built once per process (use this instead of calling ``build_nlp`` twice)."""
    return build_nlp()
