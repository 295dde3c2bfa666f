"""Every custom spaCy attribute the suite uses, declared in one place.

Values are plain lists and dicts of strings and integers so that they survive the
serialisation spaCy applies to Docs coming back from worker processes
(``nlp.pipe(..., n_process=2)``).
"""

from __future__ import annotations

from spacy.tokens import Doc

#: Doc extensions: name -> description.
DOC_EXTENSIONS: dict[str, str] = {
    "mentions": (
        "Resolved entity mentions: list of dicts with keys start, end (character offsets), "
        "entity_type, entity_id, country, source."
    ),
}

#: Span groups the suite writes (``doc.spans[key]``): key -> description.
SPAN_GROUPS: dict[str, str] = {
    "gazetteer": "Gazetteer matches in any case; label COUNTRY/BLOC/ORG/PERSON/PLACE/DEMONYM, id.",
    "gazetteer_cased": "Gazetteer matches of capitalised forms (kept when the text has a capital).",
    "gazetteer_exact": "Gazetteer matches of exact-case forms (acronyms).",
    "mentions": (
        "Resolved mentions for display (displaCy style='span'); label = entity_type, "
        "kb_id = entity_id."
    ),
    "domain_cues": "Cooperation-domain cues (sahel_utils.annotation.domains); label = domain id.",
}


def register_extensions() -> None:
    """Declare the suite's Doc extensions (safe to call any number of times)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
