"""Time expressions scored on the French TimeBank, as TempEval-3 scores them.

The French TimeBank (``data/gold/frtimebank/``, Est Républicain news of 1999-2003
annotated in ISO-TimeML by André Bittar, LGPL-LR, licence beside the files) gives
each document a creation time (DCT) and inline ``TIMEX3`` gold with ``type`` and
``value``. Each document's plain text is run through ``extract_timex(text, DCT)``,
the function the pipeline's tagging stage calls, and scored: span P/R/F1 with
relaxed matching (a predicted and a gold expression match when their spans
overlap, one-to-one), and value P/R/F1 (a matched pair whose values are equal as
strings counts), over all types and over DATE+TIME only. Every row is scored as
is: TimeML has no range expression, and neither has the suite, which gives a range
("de 1982 à 1990") as its two points (rules ``range_start`` / ``range_end``, each
carrying ``range_value`` ``1982/1990``). The documents are split in two: every
third one in file-name order (the 3rd, 6th, 9th …) is held aside and only reported;
rules are tuned on the others.
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from sahel_utils.core import paths

FRTIMEBANK = paths.GOLD / "frtimebank"
POINT_TYPES = ("DATE", "TIME")


@dataclass
class Document:
    """One TimeML document: plain text, creation date and gold expressions."""

    name: str
    text: str
    dct: str
    gold: list[dict[str, Any]] = field(default_factory=list)


def parse_tml(path: Path) -> Document:
    """Read a ``.tml`` file: the text of ``<TEXT>``, the DCT and the TIMEX3 spans in it."""
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    dct = dct_node.get("value", "") if dct_node is not None else ""
    body = root.find("TEXT")
    pieces: list[str] = []
    gold: list[dict[str, Any]] = []
    length = 0

    def walk(node: ET.Element) -> None:
        nonlocal length
        start = length
        if node.text:
            pieces.append(node.text)
            length += len(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)
                length += len(child.tail)
        if node.tag == "TIMEX3" and node is not body:
            gold.append(
                {
                    "start": start,
                    "end": length,
                    "type": node.get("type"),
                    "value": node.get("value"),
                    "tid": node.get("tid"),
                }
            )

    if body is not None:
        walk(body)
    text = "".join(pieces)
    for g in gold:
        g["text"] = text[g["start"] : g["end"]]
    return Document(path.stem, text, dct[:10], sorted(gold, key=lambda g: g["start"]))


def load_documents(directory: Path | None = None) -> list[Document]:
    """Every ``.tml`` document of ``directory`` (default ``data/gold/frtimebank``), sorted."""
    return [parse_tml(p) for p in sorted(Path(directory or FRTIMEBANK).glob("*.tml"))]


def split(documents: list[Document]) -> tuple[list[Document], list[Document]]:
    """``(tuned, held_aside)``: every third document (3rd, 6th, …) is held aside."""
    tuned = [d for i, d in enumerate(documents, 1) if i % 3]
    held = [d for i, d in enumerate(documents, 1) if not i % 3]
    return tuned, held


def _predicted_type(row: dict[str, Any]) -> str:
    kind = row.get("type")
    if kind:
        return str(kind)
    value = str(row.get("value") or "")
    return "DURATION" if value.startswith("P") else ("TIME" if "T" in value else "DATE")


def predict(doc: Document) -> list[dict[str, Any]]:
    """Our expressions for one document (``extract_timex`` with the DCT as publication)."""
    from sahel_utils.annotation.timex import extract_timex

    rows = [dict(r) for r in extract_timex(doc.text, doc.dct or None)]
    for r in rows:
        r["type"] = _predicted_type(r)
    return rows


def _match(gold: list[dict], pred: list[dict]) -> list[tuple[dict, dict]]:
    """One-to-one pairs of overlapping spans, largest overlap first."""
    pairs = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                pairs.append((overlap, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((gold[i], pred[j]))
    return out


def _prf(correct: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = correct / n_pred if n_pred else 0.0
    r = correct / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def details(
    tables: dict[str, pd.DataFrame] | None = None,  # noqa: ARG001 - the scorers' interface
    documents: list[Document] | None = None,
) -> pd.DataFrame:
    """One row per gold expression and per unmatched prediction.

    ``tables`` is ignored (the French TimeBank is scored from its own texts); by
    default only the tuned part is shown, so the held-aside part stays unseen.
    """
    if documents is None:
        documents = split(load_documents())[0]
    rows = []
    for doc in documents:
        pred = predict(doc)
        pairs = _match(doc.gold, pred)
        matched_g = {id(g) for g, _ in pairs}
        matched_p = {id(p) for _, p in pairs}
        for g, p in pairs:
            rows.append(_row(doc, g, p))
        rows += [_row(doc, g, None) for g in doc.gold if id(g) not in matched_g]
        rows += [_row(doc, None, p) for p in pred if id(p) not in matched_p]
    return pd.DataFrame(rows)


def _row(doc: Document, g: dict | None, p: dict | None) -> dict[str, Any]:
    return {
        "doc": doc.name,
        "dct": doc.dct,
        "gold_text": g["text"] if g else None,
        "gold_type": g["type"] if g else None,
        "gold_value": g["value"] if g else None,
        "pred_text": p["text"] if p else None,
        "pred_type": p["type"] if p else None,
        "pred_value": p["value"] if p else None,
        "rule": p.get("rule") if p else None,
        "start": (g or p or {}).get("start"),
    }


def score_documents(documents: list[Document]) -> dict[str, float]:
    """Span and value P/R/F1 (all types and DATE+TIME) and documents per second."""
    counts = {k: 0 for k in ("gold", "pred", "span", "value", "gold_dt", "pred_dt", "span_dt")}
    counts["value_dt"] = 0
    if documents:
        predict(documents[0])  # patterns compiled and vocabulary loaded before timing
    began = time.perf_counter()
    predictions = [predict(doc) for doc in documents]
    elapsed = time.perf_counter() - began
    for doc, pred in zip(documents, predictions, strict=True):
        pairs = _match(doc.gold, pred)
        counts["gold"] += len(doc.gold)
        counts["pred"] += len(pred)
        counts["span"] += len(pairs)
        counts["value"] += sum(g["value"] == p["value"] for g, p in pairs)
        gold_dt = [g for g in doc.gold if g["type"] in POINT_TYPES]
        pred_dt = [p for p in pred if p["type"] in POINT_TYPES]
        pairs_dt = _match(gold_dt, pred_dt)
        counts["gold_dt"] += len(gold_dt)
        counts["pred_dt"] += len(pred_dt)
        counts["span_dt"] += len(pairs_dt)
        counts["value_dt"] += sum(g["value"] == p["value"] for g, p in pairs_dt)
    out: dict[str, float] = {}
    for name, key, n_pred, n_gold in (
        ("span", "span", "pred", "gold"),
        ("value", "value", "pred", "gold"),
        ("span_date_time", "span_dt", "pred_dt", "gold_dt"),
        ("value_date_time", "value_dt", "pred_dt", "gold_dt"),
    ):
        p, r, f = _prf(counts[key], counts[n_pred], counts[n_gold])
        out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = p, r, f
    out["n_documents"] = len(documents)
    out["n_gold"] = counts["gold"]
    out["n_predicted"] = counts["pred"]
    out["n_documents_per_second"] = len(documents) / elapsed if elapsed else float("inf")
    return out


def score(tables: dict[str, pd.DataFrame] | None = None) -> dict[str, float]:  # noqa: ARG001
    """Scores on the tuned part, the held-aside part and all documents (prefixed)."""
    documents = load_documents()
    if not documents:
        return {}
    tuned, held = split(documents)
    out: dict[str, float] = {}
    for prefix, docs in (("tuned", tuned), ("held_aside", held), ("all", documents)):
        for metric, value in score_documents(docs).items():
            name = f"n_{prefix}_{metric[2:]}" if metric.startswith("n_") else f"{prefix}_{metric}"
            out[name] = value
    return out


def bench_line(repeat: int = 5) -> str:
    """Documents per second of ``extract_timex`` on the 54 FTB texts (best of ``repeat``)."""
    documents = load_documents()
    predict(documents[0])
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        for doc in documents:
            predict(doc)
        best = min(best, time.perf_counter() - began)
    words = sum(len(doc.text.split()) for doc in documents)
    return (
        f"Time expressions (extract_timex, French TimeBank dev, {len(documents)} documents, "
        f"{words:,} words): {len(documents) / best:,.0f} documents/s, "
        f"{words / best:,.0f} words/s"
    )


def main() -> None:
    """Print the scores (``python -m sahel_utils.evaluation.frtimebank``)."""
    for metric, value in score().items():
        print(f"{metric:45s} {value:.3f}" if isinstance(value, float) else f"{metric:45s} {value}")


if __name__ == "__main__":
    main()
