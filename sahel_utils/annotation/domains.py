"""Cooperation domains: the taxonomy and sentence-level cue tagging.

The 15 domain ids and their descriptions live in ``resources/fr/domains.yaml``; the French
cue patterns (lemma-based spaCy ``span_ruler`` patterns, one JSON object per line) live in
``resources/fr/domain_cues.jsonl`` so that an analyst can extend them without code. A cue
labelled with the blocker label (``none``) is matched but never reported: because
overlapping matches are resolved longest-first, a blocker such as "formation du
gouvernement" hides the shorter training cue "formation".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sahel_utils.core import paths
from sahel_utils.core.lexicon import Lexicon, load_lexicon, register_schema

if TYPE_CHECKING:  # the taxonomy is read by notebooks, which need no spaCy import
    from spacy.language import Language
    from spacy.tokens import Doc

DOMAINS_FILE = paths.ANNOTATION_RESOURCES / "domains.yaml"
CUES_FILE = paths.ANNOTATION_RESOURCES / "domain_cues.jsonl"
RULER_NAME = "domain_ruler"
SPANS_KEY = "domain_cues"


class Domain(Lexicon):
    """One cooperation domain of the taxonomy."""

    id: str
    label: str
    description: str


@register_schema("annotation", "domains.yaml")
class DomainsFile(Lexicon):
    """Schema of ``domains.yaml``: the blocker label and the domains in order."""

    blocker_label: str
    domains: list[Domain]


class DomainCue(Lexicon):
    """One ``span_ruler`` pattern of ``domain_cues.jsonl``: a phrase or token specs."""

    label: str
    pattern: str | list[dict[str, Any]]


@register_schema("annotation", "domain_cues.jsonl")
class DomainCuesFile(Lexicon):
    """Schema of ``domain_cues.jsonl`` (one cue per line, ``//`` lines are comments)."""

    rows: list[DomainCue]


def _load_taxonomy(path: Path) -> DomainsFile:
    return load_lexicon(path, DomainsFile)


def load_domains(path: Path | None = None) -> list[dict[str, str]]:
    """The domain taxonomy: a list of ``{"id", "label", "description"}`` in file order."""
    return [d.model_dump() for d in _load_taxonomy(path or DOMAINS_FILE).domains]


def domain_ids(path: Path | None = None) -> list[str]:
    """The domain ids, in taxonomy order."""
    return [d["id"] for d in load_domains(path)]


def blocker_label(path: Path | None = None) -> str:
    """The pattern label whose matches hide shorter cues but are never reported."""
    return str(_load_taxonomy(path or DOMAINS_FILE).blocker_label)


def load_domain_patterns(path: Path | None = None) -> list[dict[str, Any]]:
    """Read the cue patterns (JSON Lines; blank lines and ``//`` comments are skipped).

    Raises:
        ValueError: If a line is not valid JSON, breaks the schema or uses a label
            outside the taxonomy.

    """
    path = path or CUES_FILE
    allowed = set(domain_ids()) | {blocker_label()}
    patterns = []
    for number, cue in enumerate(load_lexicon(path, DomainCuesFile).rows, start=1):
        if cue.label not in allowed:
            raise ValueError(f"{path.name}: cue {number}: unknown domain {cue.label!r}")
        patterns.append(cue.model_dump())
    return patterns


def add_domain_ruler(nlp: Language, patterns_path: Path | None = None) -> None:
    """Add spaCy's ``span_ruler`` that writes domain cues to ``doc.spans["domain_cues"]``.

    Call it after the lemmatizer (the patterns match on ``LEMMA`` and ``LOWER``).
    Overlapping matches are resolved longest-first. Does nothing if the ruler exists.

    Args:
        nlp: The pipeline to extend.
        patterns_path: Another cue file (default ``resources/fr/domain_cues.jsonl``).

    """
    if RULER_NAME in nlp.pipe_names:
        return
    ruler: Any = nlp.add_pipe(  # a SpanRuler
        "span_ruler",
        name=RULER_NAME,
        config={
            "spans_key": SPANS_KEY,
            "phrase_matcher_attr": "LOWER",
            "spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"},
            "validate": True,
            "overwrite": True,
        },
    )
    ruler.add_patterns(load_domain_patterns(patterns_path))


def domain_rows(doc: Doc) -> list[dict[str, Any]]:
    """One row per domain cue of ``doc``: the sentence it is in, the domain and the cue.

    Sentences are numbered in ``doc.sents`` order from 0, as in the sentences table.

    Args:
        doc: A document processed by a pipeline with :func:`add_domain_ruler`.

    Returns:
        Dicts with keys ``sent_index``, ``start``, ``end`` (the sentence's character
        offsets in the doc), ``domain`` and ``cue`` (the text of the cue that fired).

    """
    spans = doc.spans.get(SPANS_KEY, [])
    if not spans:
        return []
    blocked = blocker_label()
    sent_starts = []
    sentences = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
    for sent in sentences:
        sent_starts.append(sent.start)
    rows = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.label_ == blocked:
            continue
        index = _sentence_of(sent_starts, span.start)
        sent = sentences[index]
        rows.append(
            {
                "sent_index": index,
                "start": sent.start_char,
                "end": sent.end_char,
                "domain": span.label_,
                "cue": span.text,
            }
        )
    return rows


def _sentence_of(sent_starts: list[int], token_index: int) -> int:
    """Index of the sentence holding token ``token_index`` (binary search on starts)."""
    low, high = 0, len(sent_starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if sent_starts[middle] <= token_index:
            low = middle
        else:
            high = middle - 1
    return low
