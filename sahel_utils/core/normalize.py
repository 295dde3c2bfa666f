"""Typographic normalisation that never moves an offset.

The NLP stages see text where curly apostrophes, guillemets, no-break spaces and
bullets are replaced one character for one character, so every offset found in
the normalised text is also an offset in ``articles.text``.
"""

from __future__ import annotations

import re
import unicodedata

# One character in, one character out: offsets stay valid.
_SAME_LENGTH = str.maketrans(
    {
        "\u2019": "'",  # right single quotation mark
        "\u2018": "'",  # left single quotation mark
        "\u02bc": "'",  # modifier letter apostrophe
        "\u00b4": "'",  # acute accent used as apostrophe
        "\u201b": "'",
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\u2007": " ",
        "\u200a": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2022": "-",  # bullet
        "\u25cf": "-",
        "\u25aa": "-",
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2011": "-",  # non-breaking hyphen
        "\u2010": "-",
    }
)

if any(not isinstance(v, int) and (v is None or len(v) != 1) for v in _SAME_LENGTH.values()):
    raise ValueError("_SAME_LENGTH must replace each character by exactly one character")

QUOTE_OPEN = '«“„"'
QUOTE_CLOSE = '»”"'


def normalize_for_nlp(text: str) -> str:
    """Return ``text`` with typographic variants replaced, keeping its length.

    Args:
        text: Article text as stored in ``articles.text``.

    Returns:
        A string of the same length whose character ``i`` stands for character ``i``
        of ``text``.

    """
    return text.translate(_SAME_LENGTH)  # same length: checked on _SAME_LENGTH at import


_WS = re.compile(r"\s+")


def canonical(text: str) -> str:
    """Text as the gold compares it: NFC, whitespace runs as one space, ``'`` apostrophes.

    Args:
        text: Any text.

    Returns:
        The comparison form (also stripped).

    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    return _WS.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lower-case, accent-free, apostrophe-normalised form used to match names."""
    text = unicodedata.normalize("NFKD", canonical(text))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.casefold()


_FOLD_TABLE: dict[int, str] = {}


def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    folded = (base[:1] or char).lower()
    return folded[:1] if folded else char


def fold_same_length(text: str) -> str:
    """Lower-case, accent-free form of ``text`` with one character per character.

    Typographic variants are first replaced as in :func:`normalize_for_nlp`, so
    offsets found in the result are offsets in ``text``. Line breaks are kept.

    Args:
        text: Any text.

    Returns:
        A string of the same length as ``text``.

    """
    text = normalize_for_nlp(text)
    for char in set(text):
        if ord(char) not in _FOLD_TABLE:
            _FOLD_TABLE[ord(char)] = _fold_char(char)
    return text.translate(_FOLD_TABLE)
