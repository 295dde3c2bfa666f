"""Every custom spaCy attribute the suite uses, declared in one place.

Values are plain lists and dicts of strings and integers so that they survive the
serialisation spaCy applies to Docs coming back from worker processes
(``nlp.pipe(..., n_process=2)``).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

#: Doc extensions: name -> description.
DOC_EXTENSIONS: dict[str, str] = {
    "mentions": (
        "Resolved entity mentions: list of dicts with keys start, end (character offsets), "
        "entity_type, entity_id, country, source."
    ),
}

#: Span extensions: name -> description.
SPAN_EXTENSIONS: dict[str, str] = {
    "country": "ISO 3166-1 alpha-3 affiliation of a span in doc.spans (None when unknown).",
    "source": "Where a span in doc.spans comes from: gazetteer, model or rule.",
}


def register_extensions() -> None:
    """Declare the suite's Doc and Span extensions (safe to call any number of times)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
