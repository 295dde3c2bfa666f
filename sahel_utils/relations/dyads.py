"""Partner pairs (dyads): which states an article reports as cooperating, in what, and when.

The stage reads the tagging tables and works sentence by sentence:

1. **Actors** of a sentence are its country and bloc mentions (capitals and demonyms are
   already countries in the mentions table) and the affiliations of its people,
   organisations and places ("Wagner" -> RUS, "FAMa" -> MLI). Historical states count as
   their successor ("URSS" -> RUS). In an article that names a bloc, "les trois pays du
   Sahel" & co. stand for the bloc. A mention in a contrast or conflict clause ("a pris
   ses distances avec la France", "l'ex-puissance coloniale française", "Alger accuse
   Bamako", "inférieur à celui du Ghana") is an adversary, not an actor, and so are the
   states listed right after it ("rompu avec la France et le Tchad").
2. **Pairs**: a sentence with at least two sides and a cooperation or domain cue pairs its
   actors. A bloc's members named together are one side (the bloc); a bloc is never paired
   with its members; two members of one bloc are paired only when the text pairs them
   ("Mali-Niger", "entre le Mali et le Niger"). With three sides or more, actors named in
   one list are one side and a pair must include one of the article's main actors. A
   sentence that joins a state with a non-state body ("le dialogue entre la Cedeao et
   l'AES") gives only its explicit pairs: its cue belongs to that state and that body.
3. **Main pair** of the article: the pair with the most evidence sentences. "Les deux
   pays", "les deux parties", "bilatéral" in a sentence whose actors belong to it refer
   to it (to the main pair of two states when there is one).
4. **Domains** come from the sentence's domain cues, and for a sentence without a pair of
   its own (and without an adversary), from close context: list items under an
   introducing sentence ("… plusieurs formes :") take its pair; a sentence whose actors
   (if any) belong to a pair evidenced earlier in its paragraph or in the subheading above
   takes that pair; a sentence with a cooperation cue whose actors all belong to the main
   pair takes the main pair.
5. **Date**: the first resolved time expression of the sentence, else the nearest earlier
   one in its paragraph (or its list's introduction), else none.

Vocabulary (cooperation stems, pair and bloc references, contrast cues, blocs) is data:
``resources/fr/dyad_cues.yaml``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from sahel_utils.core import normalize, paths
from sahel_utils.core.normalize import fold
from sahel_utils.core.tables import SCHEMAS, empty_table

CUES_FILE = paths.RELATIONS_RESOURCES / "dyad_cues.yaml"
_BULLET = re.compile(r"^\s*(?:[-•●▪*–—]|\d{1,2}[.)])\s*")
_WORD = re.compile(r"\w\w")
_LIST_GAP = re.compile(
    r"\s*(?:,|,?\s*et|,?\s*ou|,?\s*ainsi que)\s+"
    r"(?:(?:du|des|de la|de l'|d'|le|la|l'|les|au|aux|a)\s*)?"
)
_CLAUSE_BREAK = re.compile(r"[,;:.!?()«»\"“”]")
_BETWEEN = re.compile(r"\bentre\s+(?:les?\s+|la\s+|l'\s*)?$")
_BETWEEN_AND = re.compile(r"\s+et\s+(?:les?\s+|la\s+|l'\s*)?")
_HYPHENS = {"-", "–", "—", "‑", "‐", "/"}
_ACTOR_TYPES = ("country", "bloc", "person", "organization", "place")


@dataclass(frozen=True)
class DyadCues:
    """Cue vocabulary for pair extraction (see ``resources/fr/dyad_cues.yaml``)."""

    cooperation: re.Pattern[str]
    pair_reference: re.Pattern[str]
    contrast_before: re.Pattern[str]
    contrast_in_clause: re.Pattern[str]
    contrast_after: re.Pattern[str]
    contrast_window: int
    gap_words: frozenset[str]
    successors: dict[str, str]
    blocs: dict[str, frozenset[str]]
    bloc_references: dict[str, re.Pattern[str]]
    hostile_relation: re.Pattern[str] = re.compile(r"(?!x)x")
    media_nouns: re.Pattern[str] = re.compile(r"(?!x)x")


_CONTRACTIONS = {" a": (" au", " aux"), " de": (" du", " des")}


def _with_contractions(words: list[str]) -> list[str]:
    """The phrases plus their contracted forms ("contrairement a" -> "… au", "… aux")."""
    out = list(words)
    for word in words:
        folded = fold(word)
        for ending, forms in _CONTRACTIONS.items():
            if folded.endswith(ending):
                out.extend(folded[: -len(ending)] + form for form in forms)
    return out


def _phrases(words: list[str]) -> str:
    unique = {fold(w) for w in words}
    return "|".join(re.escape(w) for w in sorted(unique, key=len, reverse=True))


@lru_cache(maxsize=4)
def load_dyad_cues(path: Path | None = None) -> DyadCues:
    """Read the dyad cue vocabulary from YAML (default ``resources/fr/dyad_cues.yaml``)."""
    data = yaml.safe_load((path or CUES_FILE).read_text(encoding="utf-8"))
    in_clause = data.get("contrast_in_clause", []) or ["@@"]
    return DyadCues(
        cooperation=re.compile(rf"(?<!\w)(?:{_phrases(data['cooperation_stems'])})"),
        pair_reference=re.compile(rf"(?<!\w)(?:{_phrases(data['pair_references'])})(?!\w)"),
        contrast_before=re.compile(
            rf"(?<!\w)(?:{_phrases(_with_contractions(data['contrast_before']))})(?!\w)"
        ),
        contrast_in_clause=re.compile(
            rf"(?<!\w)(?:{_phrases(_with_contractions(in_clause))})(?!\w)"
        ),
        contrast_after=re.compile(rf"^[\s,]*(?:{_phrases(data['contrast_after'])})(?!\w)"),
        contrast_window=int(data.get("contrast_window", 60)),
        gap_words=frozenset(fold(w) for w in data.get("contrast_gap_words", [])),
        successors=dict(data.get("successor_states", {}) or {}),
        blocs={k: frozenset(v) for k, v in (data.get("blocs", {}) or {}).items()},
        bloc_references={
            bloc: re.compile(rf"(?<!\w)(?:{_phrases(words)})(?!\w)")
            for bloc, words in (data.get("bloc_references", {}) or {}).items()
            if words
        },
        hostile_relation=re.compile(
            rf"(?<!\w)(?:{_gapped_phrases(data.get('hostile_relation', []) or ['@@'])})(?!\w)"
        ),
        media_nouns=re.compile(
            rf"(?<!\w)(?:{_phrases(data.get('media_nouns', []) or ['@@'])})\s+$"
        ),
    )


def _gapped_phrases(words: list[str]) -> str:
    """Phrases where "…" stands for up to six words (any punctuation in between)."""
    parts = []
    for word in sorted({fold(w) for w in words}, key=len, reverse=True):
        pieces = [re.escape(piece.strip()) for piece in re.split(r"…|\.\.\.", word)]
        parts.append(r"\W+(?:\w+\W+){0,6}?".join(pieces))
    return "|".join(parts)


@dataclass(frozen=True)
class Actor:
    """A state (or bloc) standing behind one mention."""

    actor: str
    start: int
    end: int


@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    actors: list[Actor] = field(default_factory=list)
    domains: list[str] = field(default_factory=list)
    dates: list[tuple[int, str]] = field(default_factory=list)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    has_adversary: bool = False
    paired_with_non_state: bool = False
    hostile: bool = False


def actor_of_mention(
    entity_type: str, entity_id: Any, country: Any, cues: DyadCues | None = None
) -> str | None:
    """The state (ISO3) or bloc a mention stands for, or None.

    Countries give their id; blocs their id when they are a dyad side (the ``blocs`` of
    ``dyad_cues.yaml``, e.g. AES; not CEDEAO or the UN); people, organisations and places
    their affiliation. Historical states are mapped to their successor.
    """
    cues = cues or load_dyad_cues()
    if entity_type == "bloc":
        return entity_id if entity_id in cues.blocs else None
    if entity_type == "country":
        value = entity_id if isinstance(entity_id, str) and entity_id else country
    elif entity_type in ("person", "organization", "place"):
        value = country
    else:
        value = None
    if not isinstance(value, str) or not value:
        return None
    return cues.successors.get(value, value)


def is_contrasted(
    sentence_text: str, start: int, end: int, other_spans: list[tuple[int, int]], cues: DyadCues
) -> bool:
    """Whether the mention at ``[start, end)`` of a sentence stands in a contrast clause.

    Args:
        sentence_text: The sentence.
        start: Mention start, relative to the sentence.
        end: Mention end, relative to the sentence.
        other_spans: The other actor mentions of the sentence (relative offsets): a cue
            applies only to the first actor after it.
        cues: The cue vocabulary.

    """
    folded = fold_same_length(sentence_text)
    after = folded[end : end + 40]
    if cues.contrast_after.search(after):
        return True
    window_start = max(0, start - cues.contrast_window)
    before = folded[window_start:start]
    previous_actor_end = max((e for s, e in other_spans if e <= start), default=-1)
    for pattern, tight in ((cues.contrast_before, True), (cues.contrast_in_clause, False)):
        for match in pattern.finditer(before):
            cue_end = window_start + match.end()
            if previous_actor_end > cue_end:
                continue
            gap = folded[cue_end:start]
            if _CLAUSE_BREAK.search(gap):
                continue
            if not tight:
                return True
            words = [w for w in re.split(r"[\s]+|(?<=')", gap) if w]
            if all(w in cues.gap_words or w.endswith("'") for w in words):
                return True
    return False


_WHITESPACE = re.compile(r"\s")


@lru_cache(maxsize=2048)
def fold_same_length(text: str) -> str:
    """:func:`normalize.fold_same_length` with every whitespace character as a space."""
    return _WHITESPACE.sub(" ", normalize.fold_same_length(text))


def extract_dyads(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Partner pairs with domain and evidence, one row per (article, pair, domain, sentence).

    Args:
        tables: The tagging tables: ``articles``, ``sentences``, ``mentions``, ``domains``
            and ``timex`` (missing tables are taken as empty).

    Returns:
        A DataFrame with the columns of ``tables.SCHEMAS["dyads"]``; ``actor_a`` <=
        ``actor_b``; ``domain`` is None where a sentence evidences a pair but names no
        domain.

    """
    cues = load_dyad_cues()
    sentences = _table(tables, "sentences")
    if sentences.empty:
        return empty_table("dyads")
    mentions = _table(tables, "mentions")
    domains = _table(tables, "domains")
    timex = _table(tables, "timex")
    articles = _table(tables, "articles")
    texts = dict(zip(articles.get("article_id", []), articles.get("text", []), strict=False))

    by_article = {
        "mentions": dict(tuple(mentions.groupby("article_id"))) if not mentions.empty else {},
        "domains": dict(tuple(domains.groupby("article_id"))) if not domains.empty else {},
        "timex": dict(tuple(timex.groupby("article_id"))) if not timex.empty else {},
    }
    rows: list[dict[str, Any]] = []
    for article_id, sents in sentences.groupby("article_id", sort=False):
        prepared = _prepare_sentences(
            sents,
            by_article["mentions"].get(article_id),
            by_article["domains"].get(article_id),
            by_article["timex"].get(article_id),
            texts.get(article_id),
            cues,
        )
        rows.extend(_article_dyads(str(article_id), prepared, cues))
    if not rows:
        return empty_table("dyads")
    out = pd.DataFrame(rows, columns=list(SCHEMAS["dyads"].columns))
    out = out.drop_duplicates().sort_values(["article_id", "start", "actor_a", "actor_b"])
    return out.reset_index(drop=True)


def _table(tables: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    df = tables.get(name)
    return df if df is not None else empty_table(name)


def _prepare_sentences(
    sents: pd.DataFrame,
    mentions: pd.DataFrame | None,
    domains: pd.DataFrame | None,
    timex: pd.DataFrame | None,
    article_text: str | None,
    cues: DyadCues,
) -> list[_Sentence]:
    """Sentences of one article with their actors, domains, dates and paragraph numbers."""
    sents = sents.sort_values("start")
    prepared: list[_Sentence] = []
    paragraph = 0
    previous_end = None
    for row in sents.itertuples(index=False):
        start, end = int(row.start), int(row.end)
        if previous_end is not None and article_text is not None:
            if "\n" in article_text[previous_end:start]:
                paragraph += 1
        previous_end = end
        prepared.append(
            _Sentence(int(row.sent_index), start, end, str(row.text), paragraph=paragraph)
        )
    starts = [s.start for s in prepared]

    def locate(offset: int) -> _Sentence | None:
        position = _bisect_right(starts, offset) - 1
        if position >= 0 and offset < prepared[position].end:
            return prepared[position]
        return None

    if mentions is not None:
        raw_mentions: dict[int, list[tuple[int, int, str]]] = {}
        non_state: dict[int, list[tuple[int, int, str | None]]] = {}
        for m in mentions.itertuples(index=False):
            if m.entity_type not in _ACTOR_TYPES:
                continue
            actor = actor_of_mention(m.entity_type, m.entity_id, m.country, cues)
            sentence = locate(int(m.start))
            if sentence is None or _names_a_medium(sentence, int(m.start), cues):
                continue
            if actor:
                raw_mentions.setdefault(sentence.index, []).append(
                    (int(m.start), int(m.end), actor)
                )
            elif m.entity_type in ("bloc", "organization"):
                non_state.setdefault(sentence.index, []).append((int(m.start), int(m.end), None))
        for sentence in prepared:
            found = sorted(set(raw_mentions.get(sentence.index, [])))
            relative = [(s - sentence.start, e - sentence.start) for s, e, _ in found]
            contrasted = [
                is_contrasted(
                    sentence.text, rs, re_, [span for span in relative if span != (rs, re_)], cues
                )
                for rs, re_ in relative
            ]
            _spread_along_lists(sentence.text, relative, contrasted)
            for (s, e, actor), is_adversary in zip(found, contrasted, strict=True):
                if is_adversary:
                    sentence.has_adversary = True
                else:
                    sentence.actors.append(Actor(actor, s, e))
            sentence.paired_with_non_state = _joined_with_non_state(
                sentence, found, non_state.get(sentence.index, [])
            )
            sentence.hostile = _is_hostile_relation(sentence, {a for _, _, a in found}, cues)
    by_index = {s.index: s for s in prepared}
    if domains is not None:
        for d in domains.itertuples(index=False):
            sentence = by_index.get(int(d.sent_index)) or locate(int(d.start))
            if sentence is not None and d.domain not in sentence.domains:
                sentence.domains.append(str(d.domain))
    if timex is not None:
        for t in timex.sort_values("start").itertuples(index=False):
            sentence = locate(int(t.start))
            if sentence is not None and isinstance(t.value, str) and t.value:
                sentence.dates.append((int(t.start), t.value))
    return prepared


def _bisect_right(values: list[int], x: int) -> int:
    low, high = 0, len(values)
    while low < high:
        middle = (low + high) // 2
        if x < values[middle]:
            high = middle
        else:
            low = middle + 1
    return low


def _names_a_medium(sentence: _Sentence, start: int, cues: DyadCues) -> bool:
    """Whether a mention qualifies a news medium ("la presse américaine"): not an actor."""
    relative = start - sentence.start
    before = fold_same_length(sentence.text[max(0, relative - 30) : relative])
    return bool(cues.media_nouns.search(before))


def _is_hostile_relation(sentence: _Sentence, actor_ids: set[str], cues: DyadCues) -> bool:
    """Whether the sentence describes a strained relation between its (at most two) sides.

    "La crise diplomatique entre l'Algérie et le Mali", "Le Sénégal a convoqué
    l'ambassadeur d'Ukraine": the states named are at odds, not cooperating. With three
    sides or more the per-mention contrast cues decide who is the adversary.
    """
    if not actor_ids or not cues.hostile_relation.search(fold(sentence.text)):
        return False
    sides = set(actor_ids)
    for bloc, members in cues.blocs.items():
        if bloc in sides or members <= sides:
            sides = (sides - members) | {bloc}
    return len(sides) <= 2


def _spread_along_lists(text: str, spans: list[tuple[int, int]], flags: list[bool]) -> None:
    """Extend a contrast to the actors listed right after it ("avec la France et le Tchad")."""
    folded = fold_same_length(text)
    for i in range(1, len(spans)):
        if flags[i - 1] and not flags[i]:
            gap = folded[spans[i - 1][1] : spans[i][0]]
            # "et"/"ou" joins a list; a comma alone may end a fronted phrase
            # ("Contrairement au Sénégal, le Mali …").
            if _LIST_GAP.fullmatch(gap) and re.search(r"\b(?:et|ou|ainsi que)\b", gap):
                flags[i] = True


def _joined_with_non_state(
    sentence: _Sentence,
    actors: list[tuple[int, int, str]],
    non_state: list[tuple[int, int, str | None]],
) -> bool:
    """Whether the sentence joins an actor with a non-state body ("entre la Cedeao et l'AES").

    The sentence's cooperation is then between that actor and the body, not between the
    actor and the other states it names.
    """
    if not non_state or not actors:
        return False
    folded = fold_same_length(sentence.text)
    spans = sorted([(s, e, True) for s, e, _ in actors] + [(s, e, False) for s, e, _ in non_state])
    for (ls, le, left_actor), (rs, _re, right_actor) in itertools.pairwise(spans):
        if left_actor == right_actor:
            continue
        left, right = ls - sentence.start, rs - sentence.start
        before = folded[max(0, left - 20) : left]
        gap = folded[le - sentence.start : right]
        if _BETWEEN.search(before) and _BETWEEN_AND.fullmatch(gap):
            return True
    return False


def sentence_pairs(
    text: str,
    start: int,
    actors: list[Actor],
    cues: DyadCues,
    has_domain_cue: bool = False,
    focus: set[str] | None = None,
) -> set[tuple[str, str]]:
    """The cooperating pairs one sentence states, from its actors and cues.

    With three sides or more, actors named in one list ("du Mali, du Burkina Faso et du
    Tchad") are one side, and when ``focus`` is given a pair must include a focus actor
    (two partners of a third state are not partners of each other).

    Args:
        text: The sentence.
        start: Offset of the sentence in the article (actor offsets are article offsets).
        actors: The sentence's actors, in text order.
        cues: The cue vocabulary.
        has_domain_cue: Whether the sentence holds a domain cue (which, like a
            cooperation cue, makes co-occurring actors partners).
        focus: The article's main actors (see :func:`focus_actors`).

    Returns:
        Sorted pairs ``(actor_a, actor_b)``.

    """
    ids = {a.actor for a in actors}
    if len(ids) < 2:
        return set()
    explicit = _explicit_pairs(text, start, actors)
    folded = fold_same_length(text)
    if not explicit and not has_domain_cue and not cues.cooperation.search(folded):
        return set()
    sides = set(ids)
    group = _list_groups(text, start, actors)
    for bloc, members in cues.blocs.items():
        if members <= sides:
            sides -= members
            sides.add(bloc)
            member_groups = {group[m] for m in members if m in group}
            if len(member_groups) == 1:
                group[bloc] = member_groups.pop()
    pairs = set()
    for a, b in itertools.combinations(sorted(sides), 2):
        if (a, b) in explicit:
            pairs.add((a, b))
            continue
        if _same_bloc(a, b, cues):
            continue
        if len(sides) >= 3:
            if a in group and group.get(a) == group.get(b):
                continue
            if focus and not ({a, b} & _with_blocs(focus, cues)):
                continue
        pairs.add((a, b))
    for a, b in explicit:
        if a != b:
            pairs.add(tuple(sorted((a, b))))
    return pairs


def _with_blocs(actors: set[str], cues: DyadCues) -> set[str]:
    """``actors`` plus every bloc one of them belongs to."""
    out = set(actors)
    for bloc, members in cues.blocs.items():
        if members & out:
            out.add(bloc)
    return out


def _list_groups(text: str, start: int, actors: list[Actor]) -> dict[str, int]:
    """Actor -> list number, for actors named in one list ("X, Y et Z"; two or more)."""
    ordered = sorted(actors, key=lambda a: a.start)
    group: dict[str, int] = {}
    current = 0
    for left, right in itertools.pairwise(ordered):
        gap = fold_same_length(text[left.end - start : right.start - start])
        if _LIST_GAP.fullmatch(gap) and left.actor != right.actor:
            if left.actor not in group:
                current += 1
                group[left.actor] = current
            group.setdefault(right.actor, group[left.actor])
    return group


def _same_bloc(a: str, b: str, cues: DyadCues) -> bool:
    for bloc, members in cues.blocs.items():
        group = members | {bloc}
        if a in group and b in group:
            return True
    return False


def _explicit_pairs(text: str, start: int, actors: list[Actor]) -> set[tuple[str, str]]:
    """Pairs the text joins explicitly: "Mali-Russie", "entre le Mali et la Russie"."""
    pairs = set()
    ordered = sorted(actors, key=lambda a: a.start)
    folded = fold_same_length(text)
    for left, right in itertools.pairwise(ordered):
        if left.actor == right.actor:
            continue
        gap = text[left.end - start : right.start - start]
        if gap.strip() and set(gap.strip()) <= _HYPHENS and len(gap) <= 3:
            pairs.add(tuple(sorted((left.actor, right.actor))))
            continue
        before = folded[max(0, left.start - start - 20) : left.start - start]
        if _BETWEEN.search(before) and _BETWEEN_AND.fullmatch(fold_same_length(gap)):
            pairs.add(tuple(sorted((left.actor, right.actor))))
    return pairs


def _sides(pair: tuple[str, str], cues: DyadCues) -> set[str]:
    out = set(pair)
    for actor in pair:
        out |= cues.blocs.get(actor, frozenset())
    return out


def _article_dyads(article_id: str, sentences: list[_Sentence], cues: DyadCues) -> list[dict]:
    """Dyad rows of one article."""
    _add_bloc_references(sentences, cues)
    focus = focus_actors(sentences)
    evidence: dict[tuple[str, str], list[int]] = {}
    for position, sentence in enumerate(sentences):
        if sentence.hostile:
            sentence.pairs = set()
            sentence.has_adversary = True
        elif sentence.paired_with_non_state:
            sentence.pairs = _explicit_pairs(sentence.text, sentence.start, sentence.actors)
        else:
            sentence.pairs = sentence_pairs(
                sentence.text, sentence.start, sentence.actors, cues, bool(sentence.domains), focus
            )
        for pair in sorted(sentence.pairs):
            evidence.setdefault(pair, []).append(position)
    main = _main_pair(evidence)
    # "les deux pays" names two states: prefer the main pair without a bloc.
    states_only = {p: e for p, e in evidence.items() if not set(p) & set(cues.blocs)}
    referred = _main_pair(states_only) or main
    if referred is not None:
        referred_sides = _sides(referred, cues)
        for sentence in sentences:
            actor_ids = {a.actor for a in sentence.actors}
            if (
                not sentence.pairs
                and not sentence.hostile
                and actor_ids <= referred_sides
                and cues.pair_reference.search(fold_same_length(sentence.text))
            ):
                sentence.pairs = {referred}
    rows: list[dict[str, Any]] = []
    list_pairs: set[tuple[str, str]] = set()
    list_date: str | None = None
    in_list = False
    for position, sentence in enumerate(sentences):
        actor_ids = {a.actor for a in sentence.actors}
        if not _WORD.search(sentence.text):
            continue  # a stray bullet or punctuation mark
        previous = _previous_with_words(sentences, position)
        is_item = bool(_BULLET.match(sentence.text)) or (
            previous is not None
            and (
                not _WORD.search(sentences[position - 1].text) or previous.text.rstrip()[-1] in ",;"
            )
        )
        if previous is not None and previous.text.rstrip().endswith(":"):
            in_list = True
            intro_ids = {a.actor for a in previous.actors}
            if previous.pairs:
                list_pairs = set(previous.pairs)
            elif main is not None and intro_ids <= _sides(main, cues):
                list_pairs = {main}
            else:
                list_pairs = set()
            list_date = _first_date(previous)
        elif not is_item:
            in_list = False
        date = _first_date(sentence)
        if sentence.pairs:
            date = date or _paragraph_date(sentences, position)
            for pair in sorted(sentence.pairs):
                rows.extend(_rows(article_id, pair, sentence, sentence.domains or [None], date))
            continue
        if not sentence.domains or sentence.has_adversary:
            continue
        targets: set[tuple[str, str]] = set()
        if in_list and list_pairs:
            targets = {p for p in list_pairs if actor_ids <= _sides(p, cues)}
            date = date or list_date
        else:
            earlier = _paragraph_pairs(sentences, position)
            targets = {p for p in earlier if actor_ids <= _sides(p, cues)}
            if len(targets) > 1 and main in targets:
                targets = {main}
            if (
                not targets
                and actor_ids
                and main is not None
                and actor_ids <= set(main)
                and cues.cooperation.search(fold_same_length(sentence.text))
            ):
                targets = {main}
            date = date or _paragraph_date(sentences, position)
        for pair in sorted(targets):
            rows.extend(_rows(article_id, pair, sentence, sentence.domains, date))
    return rows


def focus_actors(sentences: list[_Sentence], share: float = 0.5) -> set[str]:
    """The article's main actors: mentioned at least ``share`` times as often as the top one."""
    counts: dict[str, int] = {}
    for sentence in sentences:
        for actor in sentence.actors:
            counts[actor.actor] = counts.get(actor.actor, 0) + 1
    if not counts:
        return set()
    top = max(counts.values())
    return {actor for actor, n in counts.items() if n >= share * top}


def _add_bloc_references(sentences: list[_Sentence], cues: DyadCues) -> None:
    """Add the bloc as an actor where "les trois pays du Sahel" & co. stand for it.

    Only in an article that names the bloc or all of its members.
    """
    named = {a.actor for s in sentences for a in s.actors}
    for bloc, pattern in cues.bloc_references.items():
        members = cues.blocs.get(bloc, frozenset())
        if bloc not in named and not (members and members <= named):
            continue
        for sentence in sentences:
            folded = fold_same_length(sentence.text)
            taken = [(a.start, a.end) for a in sentence.actors]
            added = False
            for match in pattern.finditer(folded):
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if any(s < end and start < e for s, e in taken):
                    continue
                others = [(s - sentence.start, e - sentence.start) for s, e in taken]
                if is_contrasted(sentence.text, match.start(), match.end(), others, cues):
                    continue
                sentence.actors.append(Actor(bloc, start, end))
                taken.append((start, end))
                added = True
            if added:
                sentence.actors.sort(key=lambda a: a.start)


def _previous_with_words(sentences: list[_Sentence], position: int) -> _Sentence | None:
    """The nearest earlier sentence that holds a word (skipping stray bullets)."""
    for offset in range(position - 1, -1, -1):
        if _WORD.search(sentences[offset].text):
            return sentences[offset]
    return None


def _rows(
    article_id: str,
    pair: tuple[str, str],
    sentence: _Sentence,
    domains: list[str | None],
    date: str | None,
) -> list[dict[str, Any]]:
    a, b = sorted(pair)
    return [
        {
            "article_id": article_id,
            "actor_a": a,
            "actor_b": b,
            "domain": domain,
            "start": sentence.start,
            "end": sentence.end,
            "evidence": sentence.text,
            "date": date,
        }
        for domain in domains
    ]


def _main_pair(evidence: dict[tuple[str, str], list[int]]) -> tuple[str, str] | None:
    """The pair with the most evidence sentences (ties: the earliest)."""
    if not evidence:
        return None
    return min(evidence, key=lambda pair: (-len(evidence[pair]), evidence[pair][0], pair))


def _paragraph_pairs(sentences: list[_Sentence], position: int) -> set[tuple[str, str]]:
    """Pairs evidenced earlier in the paragraph of ``position``, or in the heading above it."""
    paragraph = sentences[position].paragraph
    pairs: set[tuple[str, str]] = set()
    for offset in range(position - 1, -1, -1):
        earlier = sentences[offset]
        if earlier.paragraph != paragraph:
            if _is_heading(sentences, offset):
                pairs |= earlier.pairs
            break
        pairs |= earlier.pairs
    return pairs


def _is_heading(sentences: list[_Sentence], position: int) -> bool:
    """A one-sentence paragraph without final punctuation (a subheading)."""
    sentence = sentences[position]
    alone = all(
        other.paragraph != sentence.paragraph
        for other in sentences[max(0, position - 1) : position + 2]
        if other is not sentence
    )
    text = sentence.text.strip()
    return alone and bool(text) and len(text) <= 150 and text[-1] not in '.!?:;»"”'


def _first_date(sentence: _Sentence) -> str | None:
    return sentence.dates[0][1] if sentence.dates else None


def _paragraph_date(sentences: list[_Sentence], position: int) -> str | None:
    """The nearest time value earlier in the same paragraph."""
    paragraph = sentences[position].paragraph
    for earlier in reversed(sentences[:position]):
        if earlier.paragraph != paragraph:
            break
        if earlier.dates:
            return earlier.dates[-1][1]
    return None
