"""A relation's modality: ``denied``, ``planned`` or ``reported``, from its predicate's clause."""

from __future__ import annotations

import re

from sahel_utils.relations.dyads.cues import DyadCues, load_dyad_cues
from sahel_utils.relations.dyads.model import _Cue, fold_same_length

_MODALITY_WINDOW = 80

#: A future or conditional verb ending: "signera", "fournira", and the irregular stems
#: "enverra", "soutiendra", "recevra", "conclura" ("livra", a rare passé simple, too).
_FUTURE = re.compile(r"\w{2,}(?:er|ir|rr|dr|vr|ur)(?:a|ont|ait|aient)$")

_NEXT_WORD = re.compile(r"\s+(\w+)")

_PREVIOUS_WORD = re.compile(r"(?<!\w)(\w+)\s+$")

_FUTURE_WORD = re.compile(r"(?<!\w)\w{2,}(?:er|ir|rr|dr|vr|ur)(?:a|ont)(?!\w)")

_NEGATION_BEFORE = re.compile(r"(?:\bne\s+|\bn')(?:\w+\s+){0,1}$")

_NEGATION_AFTER = re.compile(r"\s+(?:\w+\s+)?(?:pas|jamais|plus|nullement|aucun\w*)\b")

_CLAUSE_END = re.compile(r"[;.!?]\s|[;!?]$")


def _modality(text: str, predicate: _Cue) -> str:
    """``denied``, ``planned`` or ``reported`` from the predicate's clause.

    Planned: see :func:`_planned`.
    """
    cues = load_dyad_cues()
    folded = fold_same_length(text)
    window_start = max(0, predicate.start - _MODALITY_WINDOW)
    ends = list(_CLAUSE_END.finditer(folded, window_start, predicate.start))
    if ends:
        window_start = ends[-1].end()
    before = folded[window_start : predicate.end]
    if cues.denial.search(folded[window_start : predicate.end + 12]):
        return "denied"
    if _NEGATION_BEFORE.search(before[: predicate.start - window_start]) and _NEGATION_AFTER.match(
        folded, predicate.end
    ):
        return "denied"
    return "planned" if _planned(folded, predicate, window_start, cues) else "reported"


def _planned(folded: str, predicate: _Cue, window_start: int, cues: DyadCues) -> bool:
    """Whether the predicate's clause (from ``window_start``) makes it planned.

    A planned cue in the clause before the predicate or just after it; a future or
    conditional predicate verb; a purpose infinitive governing it ("se réunissent pour
    accroître leur collaboration") or the predicate itself an infinitive of aim or of a
    next step ("pour aider le Mali", "avant de se rendre en Gambie"); an occasion ("en
    marge d'un sommet") in a clause whose verb is future; a future auxiliary next to it
    ("sera signé", "un accord sera signé").
    """
    after = folded[predicate.end : predicate.end + 30]
    stop = _CLAUSE_END.search(after)
    if stop:
        after = after[: stop.start()]
    if cues.planned.search(folded[window_start : predicate.end]) or cues.planned.search(after):
        return True
    if cues.purpose.search(folded[window_start : predicate.start]):
        return True  # "pour renforcer leur coopération"
    if cues.aim.search(folded[window_start : predicate.start]):
        return True  # "pour aider le Mali", "avant de se rendre en Gambie": an aim, a next step
    if _FUTURE.search(folded[predicate.start : predicate.end]):
        return True  # "signera", "livreront", "aiderait"
    if cues.occasion.search(folded[window_start : predicate.start]) and _future_clause(
        folded, predicate.end, cues
    ):
        return True  # "en marge d'un sommet entre X et Y, un hommage sera rendu"
    # a future auxiliary right before the predicate ("sera signé", "seront livrés") or
    # right after a predicate noun ("un accord sera signé"; not "un accord qui sera …",
    # nor any future verb: "l'accord permettra de …" is about an accord that exists)
    preceding = _PREVIOUS_WORD.search(folded, window_start, predicate.start)
    following = _NEXT_WORD.match(folded, predicate.end)
    return any(
        word is not None and cues.future_forms.fullmatch(word[1]) is not None
        for word in (preceding, following)
    )


def _future_clause(folded: str, start: int, cues: DyadCues) -> bool:
    """Whether the rest of the clause from ``start`` has a future verb.

    An occasion ("en marge d'un sommet entre X et Y, un hommage sera rendu") is as
    future as the clause it sets. The conditional does not count ("auraient combattu"
    reports a rumour).
    """
    stop = _CLAUSE_END.search(folded, start)
    rest = folded[start : stop.start() if stop else len(folded)]
    return bool(cues.future_forms.search(rest) or _FUTURE_WORD.search(rest))
