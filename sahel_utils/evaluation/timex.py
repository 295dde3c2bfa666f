"""Time expressions on the gold articles: found, and resolved to the right value.

Each gold expression (``timex`` in ``data/gold/seed_articles.yaml``) is located in
the article's text (whitespace, apostrophe and dash variants allowed, case ignored)
and matched one-to-one to a row of the ``timex`` table whose span overlaps one of
its occurrences, preferring a row with the same text (after
``normalize.canonical``). An expression that the reader moved out of the body into
the article's dateline segment ("Publié lundi 23 juin 2025 à 07:31") is matched to
``articles.published``, which is where the suite keeps it. Without the article
text, a row whose canonical text contains the gold text, or is contained in it,
matches. ``recall`` is the share
of gold expressions matched; ``value_accuracy`` the share whose matched row has
exactly the gold value (the README's "time values right" figure).

Ranges follow TimeML: the suite gives "du 11 au 14 novembre" as two points ("11",
"14 novembre", rules ``range_start`` / ``range_end``), each carrying the range in
``range_value`` (``2025-11-11/2025-11-14``); no row stands for the range. A gold
range (value ``START/END``) is matched to an overlapping row that carries that
``range_value`` (preferred to rows of a different text), and its value is then that
``range_value``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast

import pandas as pd

from sahel_utils.core.normalize import canonical
from sahel_utils.evaluation.gold import load_gold_articles

_APOSTROPHES = "'\u2019\u2018\u02bc"
_DASHES = "-\u2010\u2011\u2013\u2014"

COLUMNS = [
    "article_id",
    "gold_text",
    "gold_value",
    "predicted_text",
    "predicted_value",
    "anchor",
    "start",
    "end",
    "found",
    "value_right",
]


def _gold_pattern(text: str) -> re.Pattern[str]:
    """A pattern finding ``text`` in raw article text, tolerant of typographic variants."""
    parts = []
    for char in canonical(text):
        if char == " ":
            parts.append(r"\s+")
        elif char in _APOSTROPHES:
            parts.append(f"[{_APOSTROPHES}]")
        elif char in _DASHES:
            parts.append(f"[{_DASHES}]")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts), re.IGNORECASE)


def _occurrences(gold_text: str, article_text: str | None) -> list[tuple[int, int]] | None:
    if article_text is None:
        return None
    return [(m.start(), m.end()) for m in _gold_pattern(gold_text).finditer(article_text)]


def _candidates(
    gold_text: str,
    spans: list[tuple[int, int]] | None,
    predictions: list[dict[str, Any]],
) -> list[int]:
    """Indexes of predictions that may stand for the gold expression.

    ``spans`` are the gold text's occurrences in the article, or None when the
    article text is unknown (then texts are compared instead).
    """
    gold_canon = canonical(gold_text).lower()
    found = []
    for i, pred in enumerate(predictions):
        if spans is not None:
            if any(pred["start"] < b and a < pred["end"] for a, b in spans):
                found.append(i)
        else:
            pred_canon = canonical(str(pred["text"])).lower()
            if gold_canon in pred_canon or pred_canon in gold_canon:
                found.append(i)
    return found


def _range_value(pred: dict[str, Any]) -> str | None:
    """The range a predicted TimeML point belongs to (``START/END``), or None."""
    value = pred.get("range_value")
    return value if isinstance(value, str) and value else None


def _dateline_match(gold_text: str, datelines: list[str], published: Any) -> dict[str, Any] | None:
    """The article's publication date standing for a gold expression in its dateline."""
    if not isinstance(published, str) or not published:
        return None
    pattern = _gold_pattern(gold_text)
    for line in datelines:
        if pattern.search(line):
            return {"text": line, "value": published, "anchor": None, "start": None, "end": None}
    return None


def details(tables: dict[str, pd.DataFrame], gold: dict[str, dict] | None = None) -> pd.DataFrame:
    """One row per gold time expression, with the row of ``timex`` matched to it.

    Args:
        tables: Tables keyed by name; uses ``articles`` (for locating the gold text)
            and ``timex``.
        gold: Gold articles keyed by id (default: ``load_gold_articles()``).

    Returns:
        Columns ``COLUMNS``: the gold text and value, the matched row's text, value,
        anchor and span (None when not found), ``found`` and ``value_right``.

    """
    gold = gold if gold is not None else load_gold_articles()
    built = _Build.of(tables)
    rows: list[dict[str, Any]] = []
    for article_id, g in sorted(gold.items()):
        predictions = built.timex.get(article_id, [])
        items = list(g.get("timex") or [])
        spans = [_occurrences(item["text"], built.texts.get(article_id)) for item in items]
        matched = _match(items, spans, predictions)
        for k, item in enumerate(items):
            pred = predictions[matched[k]] if k in matched else None
            if pred is None and not spans[k]:
                pred = _dateline_match(
                    item["text"],
                    built.datelines.get(article_id, []),
                    built.published.get(article_id),
                )
            rows.append(_detail_row(article_id, item, pred))
    return pd.DataFrame(rows, columns=COLUMNS)


@dataclass
class _Build:
    """What the scorer reads of a build, per article."""

    texts: dict[str, str] = field(default_factory=dict)
    datelines: dict[str, list[str]] = field(default_factory=dict)  # dateline segments
    published: dict[str, Any] = field(default_factory=dict)
    timex: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # rows by start

    @classmethod
    def of(cls, tables: dict[str, pd.DataFrame]) -> _Build:
        """Index ``articles``, ``segments`` and ``timex`` by article."""
        built = cls()
        articles = tables.get("articles")
        if articles is not None and len(articles):
            built.texts = dict(zip(articles["article_id"], articles["text"], strict=False))
            if "published" in articles:
                built.published = dict(
                    zip(articles["article_id"], articles["published"], strict=False)
                )
        segments = tables.get("segments")
        if segments is not None and len(segments):
            kept = segments[segments["segment_type"].astype(str).str.contains("dateline", na=False)]
            for aid, seg_text in zip(kept["article_id"], kept["text"], strict=False):
                built.datelines.setdefault(str(aid), []).append(str(seg_text))
        timex = tables.get("timex")
        if timex is not None and len(timex):
            records = timex.sort_values(["article_id", "start"]).to_dict("records")
            for row in cast("list[dict[str, Any]]", records):
                built.timex.setdefault(row["article_id"], []).append(row)
        return built


def _match(
    items: list[dict[str, Any]],
    spans: list[list[tuple[int, int]] | None],
    predictions: list[dict[str, Any]],
) -> dict[int, int]:
    """Gold item index -> prediction index, one to one: same text first, then any overlap."""
    cands = [
        _candidates(item["text"], s, predictions) for item, s in zip(items, spans, strict=True)
    ]
    matched: dict[int, int] = {}
    used: set[int] = set()
    for same_text in (True, False):
        for k, item in enumerate(items):
            if k in matched:
                continue
            for i in cands[k]:
                if i not in used and (not same_text or _same(item, predictions[i])):
                    matched[k] = i
                    used.add(i)
                    break
    return matched


def _same(item: dict[str, Any], pred: dict[str, Any]) -> bool:
    """The prediction has the gold text (canonical, any case) or stands for its range."""
    same_text = canonical(str(pred["text"])).lower() == canonical(item["text"]).lower()
    return same_text or _range_value(pred) == str(item["value"])


def _detail_row(article_id: str, item: dict[str, Any], pred: dict[str, Any] | None) -> dict:
    """The row of ``details`` for a gold item and the prediction matched to it."""
    value = None if pred is None else pred.get("value")
    if pred is not None and _range_value(pred) == str(item["value"]):
        value = _range_value(pred)  # a range's point stands for the range
    return {
        "article_id": article_id,
        "gold_text": item["text"],
        "gold_value": str(item["value"]),
        "predicted_text": None if pred is None else pred["text"],
        "predicted_value": value,
        "anchor": None if pred is None else pred.get("anchor"),
        "start": None if pred is None or pred["start"] is None else int(pred["start"]),
        "end": None if pred is None or pred["end"] is None else int(pred["end"]),
        "found": pred is not None,
        "value_right": pred is not None and value == str(item["value"]),
    }


def score(tables: dict[str, pd.DataFrame], gold: dict[str, dict] | None = None) -> dict[str, float]:
    """Recall of gold time expressions and share with the right value.

    Returns:
        ``recall`` (gold expressions matched), ``value_accuracy`` (matched with the
        gold value, over all gold expressions), ``value_accuracy_found`` (over the
        matched ones), ``n_gold`` and ``n_predicted`` (rows of ``timex`` in the gold
        articles, for reading: the gold does not list every expression).

    """
    gold = gold if gold is not None else load_gold_articles()
    table = details(tables, gold)
    n_gold = len(table)
    n_found = int(table["found"].sum()) if n_gold else 0
    n_right = int(table["value_right"].sum()) if n_gold else 0
    timex = tables.get("timex")
    n_predicted = (
        int(timex["article_id"].isin(list(gold)).sum()) if timex is not None and len(timex) else 0
    )
    return {
        "recall": n_found / n_gold if n_gold else 0.0,
        "value_accuracy": n_right / n_gold if n_gold else 0.0,
        "value_accuracy_found": n_right / n_found if n_found else 0.0,
        "n_gold": float(n_gold),
        "n_predicted": float(n_predicted),
    }
