"""Score the ``quotes`` table against the gold quotes of ``seed_articles.yaml``.

Matching rules (the gold gives quote texts and speakers, not offsets):

- Texts are compared in :func:`sahel_utils.core.normalize.fold` form (NFC, one space
  for any whitespace run, ``'`` apostrophes, no accents, lower case), with the
  outer punctuation trimmed.
- A gold quote is **found** when a predicted quote of the same article
  contains it (the prediction may be longer: a quote cut at a different
  place, "Aujourd'hui, nous sommes … fiers de nous-mêmes parce que …"), or
  when the prediction lies inside the gold text and covers at least
  ``MIN_COVERAGE`` of its characters.
- Its **speaker is right** when one of the matching predictions names the gold
  speaker. People are compared by family name with
  :func:`sahel_utils.core.names.same_person` (spelling variants of one family
  name are one person). An institution described by a common noun ("autorités
  maliennes", "gouvernement de la République du Mali") has no family name: two
  descriptions are one institution when they have the same head noun, name the
  same countries (by name, capital or demonym: "du Mali" and "malien" are one)
  and the other words of one are among the other's, the shorter saying more than
  its head noun (:func:`same_institution`). A gold quote appearing twice in an
  article (title and body) is right when either occurrence is attributed.
- Gold quotes marked ``optional: true`` count neither as found nor as missed.
- Only gold articles that list ``quotes`` are scored.

``recall`` = found / required gold quotes; ``speaker_accuracy`` = speaker right
/ found; ``speaker_recall`` = speaker right / required gold quotes.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from sahel_utils.annotation.gazetteer import load_gazetteer
from sahel_utils.core.names import name_particles, same_person
from sahel_utils.core.normalize import fold
from sahel_utils.evaluation.gold import load_gold_articles

MIN_COVERAGE = 0.6
_TRIM = " .,;:!?…\"'«»“”()-"

__all__ = [
    "details",
    "quote_key",
    "same_institution",
    "same_person",
    "score",
    "speaker_agrees",
    "text_matches",
]
#: Longest country name looked up, in words ("République du Mali").
_COUNTRY_WORDS = 3


def quote_key(text: str) -> str:
    """Comparison form of a quote text (folded, outer punctuation trimmed)."""
    return fold(text).strip(_TRIM)


def text_matches(gold_text: str, predicted_text: str) -> bool:
    """Whether a predicted quote matches a gold quote (see the module rules)."""
    gold_key, pred_key = quote_key(gold_text), quote_key(predicted_text)
    if not gold_key or not pred_key:
        return False
    if gold_key in pred_key:
        return True
    return pred_key in gold_key and len(pred_key) >= MIN_COVERAGE * len(gold_key)


def _institution_parts(name: str) -> tuple[str, frozenset[str], frozenset[str]] | None:
    """Head noun, countries and other words of a description; None for a proper name."""
    tokens = [t for t in re.split(r"[\s'’(),;]+", name.strip()) if t]  # punctuation is no word
    particles = name_particles()
    while tokens and (fold(tokens[0]) in particles or len(tokens[0]) == 1):
        tokens.pop(0)
    if not tokens or not tokens[0][:1].islower():
        return None  # "la Hongrie", "Quai d'Orsay": a name, compared as a name
    gazetteer = load_gazetteer()
    countries: set[str] = set()
    words: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(_COUNTRY_WORDS, len(tokens) - i), 0, -1):
            phrase = " ".join(tokens[i : i + n])
            iso3 = gazetteer.country_from_name(phrase) or (
                gazetteer.country_from_adjective(phrase) if n == 1 else None
            )
            if iso3 and (n > 1 or i > 0):
                countries.add(iso3)
                i += n
                break
        else:
            word = fold(tokens[i])
            if word not in particles and len(word) > 1:
                words.append(word.rstrip("sx") or word)
            i += 1
    if not words:
        return None
    return words[0], frozenset(countries), frozenset(words[1:])


def same_institution(a: str | None, b: str | None) -> bool:
    """Whether two descriptions by a common noun name one institution (see module rules).

    Args:
        a: A description ("autorités maliennes", "gouvernement malien").
        b: Another ("autorités maliennes de la transition", "gouvernement de la
            République du Mali").

    Returns:
        True for the same head noun and countries, the other words of one among the
        other's, and more than a head noun in the shorter; False for proper names.

    """
    if not a or not b:
        return False
    parts_a, parts_b = _institution_parts(a), _institution_parts(b)
    if parts_a is None or parts_b is None:
        return False
    (head_a, countries_a, rest_a), (head_b, countries_b, rest_b) = parts_a, parts_b
    if head_a != head_b or countries_a != countries_b:
        return False
    if not (rest_a <= rest_b or rest_b <= rest_a):
        return False
    return min(len(countries_a) + len(rest_a), len(countries_b) + len(rest_b)) > 0


def speaker_agrees(gold_speaker: str | None, predicted_speaker: Any) -> bool:
    """Whether a predicted speaker is the gold one (both none counts as agreement).

    Args:
        gold_speaker: The gold speaker, None when the text does not say.
        predicted_speaker: The pipeline's speaker (None, NaN or empty when none).

    Returns:
        True for the same person (:func:`same_person`) or institution
        (:func:`same_institution`), or for no speaker on both sides.

    """
    predicted = predicted_speaker if isinstance(predicted_speaker, str) else None
    if not gold_speaker:
        return not (predicted and predicted.strip())
    return same_person(gold_speaker, predicted) or same_institution(gold_speaker, predicted)


def details(tables: dict[str, pd.DataFrame], gold: dict[str, Any] | None = None) -> pd.DataFrame:
    """One row per gold quote with what the pipeline found for it.

    Args:
        tables: Built tables; uses ``quotes``.
        gold: Gold articles keyed by article id (default: ``load_gold_articles()``).

    Returns:
        Columns ``article_id``, ``gold_text``, ``gold_speaker``, ``optional``,
        ``found``, ``speaker_ok``, ``predicted_text``, ``predicted_speaker``, ``cue``.

    """
    gold = gold if gold is not None else load_gold_articles()
    quotes = tables.get("quotes")
    if quotes is None:
        quotes = pd.DataFrame(columns=["article_id", "text", "speaker", "cue"])
    rows = []
    for article_id, article in gold.items():
        if "quotes" not in article:
            continue
        predicted = quotes[quotes["article_id"] == article_id]
        for item in article.get("quotes") or []:
            rows_of_article: list[Any] = list(predicted.itertuples())
            matches = [row for row in rows_of_article if text_matches(item["text"], row.text)]
            right = [row for row in matches if speaker_agrees(item.get("speaker"), row.speaker)]
            shown = right[0] if right else (matches[0] if matches else None)
            rows.append(
                {
                    "article_id": article_id,
                    "gold_text": item["text"],
                    "gold_speaker": item.get("speaker"),
                    "optional": bool(item.get("optional", False)),
                    "found": bool(matches),
                    "speaker_ok": bool(right),
                    "predicted_text": None if shown is None else shown.text,
                    "predicted_speaker": None if shown is None else shown.speaker,
                    "cue": None if shown is None else shown.cue,
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "article_id", "gold_text", "gold_speaker", "optional", "found", "speaker_ok",
            "predicted_text", "predicted_speaker", "cue",
        ],
    )  # fmt: skip


def score(tables: dict[str, pd.DataFrame], gold: dict[str, Any] | None = None) -> dict[str, float]:
    """Quote recall and speaker accuracy on the gold articles.

    Args:
        tables: Built tables; uses ``quotes``.
        gold: Gold articles keyed by article id (default: ``load_gold_articles()``).

    Returns:
        ``recall``, ``speaker_accuracy``, ``speaker_recall`` (0–1) and the counts
        ``n_gold``, ``n_found``, ``n_speaker_ok`` and ``n_predicted`` (quotes the
        pipeline found in the scored articles; the gold is not exhaustive, so no
        precision is computed).

    """
    gold = gold if gold is not None else load_gold_articles()
    table = details(tables, gold)
    required = table[~table["optional"]]
    quotes = tables.get("quotes")
    scored = {a for a, article in gold.items() if "quotes" in article}
    n_predicted = 0 if quotes is None else int(quotes["article_id"].isin(scored).sum())
    n_gold = len(required)
    n_found = int(required["found"].sum())
    n_right = int(required["speaker_ok"].sum())
    return {
        "recall": n_found / n_gold if n_gold else 1.0,
        "speaker_accuracy": n_right / n_found if n_found else 0.0,
        "speaker_recall": n_right / n_gold if n_gold else 1.0,
        "n_gold": float(n_gold),
        "n_found": float(n_found),
        "n_speaker_ok": float(n_right),
        "n_predicted": float(n_predicted),
    }
