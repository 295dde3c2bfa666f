"""Cooperation domains: the taxonomy and sentence-level cue tagging.

The 15 domain ids and their descriptions live in ``resources/fr/domains.yaml``; the French
cue patterns (lemma-based spaCy ``span_ruler`` patterns, one JSON object per line) live in
``resources/fr/domain_cues.jsonl`` so that an analyst can extend them without code. A cue
labelled with the blocker label (``none``) is matched but never reported: because
overlapping matches are resolved longest-first, a blocker such as "formation du
gouvernement" hides the shorter training cue "formation".
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.language import Language
from spacy.tokens import Doc

from sahel_utils.core import paths

DOMAINS_FILE = paths.ANNOTATION_RESOURCES / "domains.yaml"
CUES_FILE = paths.ANNOTATION_RESOURCES / "domain_cues.jsonl"
RULER_NAME = "domain_ruler"
SPANS_KEY = "domain_cues"


@lru_cache(maxsize=4)
def _load_taxonomy(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_domains(path: Path | None = None) -> list[dict[str, str]]:
    """The domain taxonomy: a list of ``{"id", "label", "description"}`` in file order."""
    return list(_load_taxonomy(path or DOMAINS_FILE)["domains"])


def domain_ids(path: Path | None = None) -> list[str]:
    """The domain ids, in taxonomy order."""
    return [d["id"] for d in load_domains(path)]


def blocker_label(path: Path | None = None) -> str:
    """The pattern label whose matches hide shorter cues but are never reported."""
    return str(_load_taxonomy(path or DOMAINS_FILE).get("blocker_label", "none"))


def load_domain_patterns(path: Path | None = None) -> list[dict[str, Any]]:
    """Read the cue patterns (JSON Lines; blank lines and ``//`` comments are skipped).

    Raises:
        ValueError: If a line is not valid JSON or uses a label outside the taxonomy.

    """
    path = path or CUES_FILE
    allowed = set(domain_ids()) | {blocker_label()}
    patterns = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            pattern = json.loads(line)
        except json.JSONDecodeError as err:
            raise ValueError(f"{path.name}:{number}: not valid JSON ({err.msg})") from err
        if pattern.get("label") not in allowed:
            raise ValueError(f"{path.name}:{number}: unknown domain {pattern.get('label')!r}")
        patterns.append(pattern)
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
    ruler = nlp.add_pipe(
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
