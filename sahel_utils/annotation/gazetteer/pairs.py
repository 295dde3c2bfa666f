"""Hyphenated pairs of countries or blocs: "Mali-Russie", "maliano-russe", "Russie-AES".

Each side is one to three words next to a dash: a country or bloc name, a country
adjective or a compound prefix ("maliano-"); the longest reading wins, and a span that
is itself one name ("Guinée-Bissau") is no pair.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sahel_utils.annotation.gazetteer.forms import DASHES, PAIR_SPLIT, form_key

if TYPE_CHECKING:
    from sahel_utils.annotation.gazetteer.index import Gazetteer


def _side(gaz: Gazetteer, text: str) -> str | None:
    """One side of a hyphenated pair: country/bloc name, adjective or prefix."""
    text = text.strip()
    if not text:
        return None
    return (
        gaz.country_from_name(text)
        or gaz.bloc_from_name(text)
        or gaz.country_from_adjective(text)
        or gaz.prefixes.get(form_key(text))
    )


def hyphen_pair(gaz: Gazetteer, text: str) -> tuple[str, str] | None:
    """Both sides of a hyphenated pair of countries or blocs.

    Args:
        gaz: The gazetteer.
        text: E.g. ``"Mali-Russie"``, ``"Russie–AES"``, ``"Congo-Guinée Bissau"``,
            ``"maliano-russe"``, ``"russo-maliennes"``.

    Returns:
        ``(left_id, right_id)`` in text order, or ``None`` when the text is
        not a pair of two different known entities.

    """
    if gaz.lookup(text) is not None:
        return None  # one name with a hyphen ("Guinée-Bissau")
    for match in PAIR_SPLIT.finditer(text):
        left = _side(gaz, text[: match.start()])
        right = _side(gaz, text[match.end() :])
        if left and right and left != right:
            return left, right
    return None


def find_hyphen_pairs(gaz: Gazetteer, text: str) -> list[tuple[int, int, str, str]]:
    """Every hyphenated pair in a running text, as ``(start, end, left, right)``.

    Each side is one to three words next to a dash ("Mali-Russie",
    "Congo-Guinée Bissau", "maliano-russe"); the longest reading wins, and a
    span that is itself one name ("Guinée-Bissau") is no pair.

    Args:
        gaz: The gazetteer.
        text: Running text.

    Returns:
        Non-overlapping pairs in text order.

    """
    found: list[tuple[int, int, str, str]] = []
    for dash in re.finditer(rf"(?<=\w)\s?[{DASHES}]\s?(?=\w)", text):
        best: tuple[int, int, str, str] | None = None
        for start in _word_starts(text, dash.start()):
            left = _side(gaz, text[start : dash.start()])
            if not left:
                continue
            for end in _word_ends(text, dash.end()):
                if best is not None and end - start <= best[1] - best[0]:
                    continue
                right = _side(gaz, text[dash.end() : end])
                if right and right != left and gaz.lookup(text[start:end]) is None:
                    best = (start, end, left, right)
        if best and not any(s < best[1] and best[0] < e for s, e, _, _ in found):
            found.append(best)
    return found


def _word_starts(text: str, dash: int, max_words: int = 3) -> list[int]:
    """Start offsets of the 1..max_words words just before ``dash``."""
    starts = []
    pos = dash
    for _ in range(max_words):
        window = max(0, pos - 80)
        match = re.search(r"([\w'’]+)\s*$", text[window:pos])
        if not match:
            break
        pos = window + match.start(1)
        starts.append(pos)
        if pos == 0 or text[pos - 1] not in " " + DASHES:
            break
        pos -= 1
    return starts


def _word_ends(text: str, after: int, max_words: int = 3) -> list[int]:
    """End offsets of the 1..max_words words just after ``after``."""
    ends = []
    pos = after
    for _ in range(max_words):
        match = re.match(r"\s*([\w'’]+)", text[pos:])
        if not match:
            break
        pos += match.end(1)
        ends.append(pos)
        if pos >= len(text) or text[pos] not in " " + DASHES:
            break
        pos += 1
    return ends
