"""The tense of the clause around an expression: past, future or none."""

from __future__ import annotations

import re

from sahel_utils.annotation.timex.vocabulary import FUTURE, PAST, Vocabulary, load_vocabulary


def clause_tense(text: str, start: int, end: int, vocab: Vocabulary | None = None) -> str | None:
    """Tense of the clause around ``text[start:end]``: ``"past"``, ``"future"`` or None.

    The nearest tense cue within eight words on either side, in the same sentence,
    decides: auxiliaries of compound past tenses, imperfect endings, future and
    conditional forms ("se rendrait", "devrait", "prévu").
    """
    vocab = vocab or load_vocabulary()
    left_text = re.split(r"[.!?;\n]", text[max(0, start - 300) : start])[-1]
    right_text = re.split(r"[.!?;\n]", text[end : end + 300])[0]
    left = re.findall(r"\w+", left_text)
    right = re.findall(r"\w+", right_text)
    for distance in range(1, 9):
        for words, i in ((left, len(left) - distance), (right, distance - 1)):
            if not 0 <= i < len(words):
                continue
            tense = _word_tense(words, i, vocab)
            if tense:
                return tense
    return None


def _word_tense(words: list[str], i: int, vocab: Vocabulary) -> str | None:
    word = words[i]
    lower = word.lower()
    if lower in vocab.future_cues:
        return FUTURE
    if lower in vocab.past_cues:
        if i > 0 and words[i - 1].lower() in vocab.future_cues:
            return FUTURE  # "aura été auditionné": future perfect
        return PAST
    if word != lower:  # proper nouns carry no tense
        return None
    if len(lower) >= 6 and lower.endswith(vocab.future_suffixes):
        return FUTURE
    if lower in vocab.past_auxiliaries_with_participle and i + 1 < len(words):
        if words[i + 1].lower().endswith(vocab.past_participle_endings):
            return PAST
    if len(lower) >= 6 and lower.endswith(vocab.imperfect_endings):
        return PAST
    return None
