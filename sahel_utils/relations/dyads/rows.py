"""Articles to dyad rows: sentences prepared, pairs from context (list, paragraph, main pair)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from sahel_utils.core.tables import SCHEMAS, empty_table
from sahel_utils.relations.dyads import options
from sahel_utils.relations.dyads.anaphora import (
    _add_anaphoric_subjects,
    _add_bloc_references,
    _add_pronoun_subjects,
    focus_actors,
)
from sahel_utils.relations.dyads.cues import DyadCues, load_dyad_cues
from sahel_utils.relations.dyads.dates import _add_dates, _drop_anachronisms
from sahel_utils.relations.dyads.domains import _add_domains
from sahel_utils.relations.dyads.model import (
    _BULLET,
    _WORD,
    Binding,
    _first_date,
    _Locator,
    _Sentence,
    _sides,
    fold_same_length,
)
from sahel_utils.relations.dyads.parse import _attach_parse
from sahel_utils.relations.dyads.parties import _add_actors
from sahel_utils.relations.dyads.relations import (
    _context_binding,
    _has_cooperation,
    _sentence_relations,
)


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
    published = dict(
        zip(articles.get("article_id", []), articles.get("published", []), strict=False)
    )
    parsed = tables.get("predicates") if options.USE_PARSE else None
    parsed_by_article = (
        dict(tuple(parsed.groupby("article_id"))) if parsed is not None and not parsed.empty else {}
    )

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
        _attach_parse(prepared, parsed_by_article.get(article_id), published.get(article_id))
        for sentence in prepared:
            _drop_anachronisms(sentence)  # once the article's date is known
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
    prepared = _split_sentences(sents, article_text)
    locate = _Locator(prepared)
    if mentions is not None:
        _add_actors(prepared, mentions, locate, cues)
    if domains is not None:
        _add_domains(domains, locate)
    if timex is not None:
        _add_dates(timex, locate)
    return prepared


def _split_sentences(sents: pd.DataFrame, article_text: str | None) -> list[_Sentence]:
    """The article's sentences in text order, numbered by paragraph (a newline between)."""
    prepared: list[_Sentence] = []
    paragraph = 0
    previous_end = None
    row: Any
    for row in sents.sort_values("start").itertuples(index=False):
        start, end = int(row.start), int(row.end)
        if previous_end is not None and article_text is not None:
            if "\n" in article_text[previous_end:start]:
                paragraph += 1
        previous_end = end
        prepared.append(
            _Sentence(int(row.sent_index), start, end, str(row.text), paragraph=paragraph)
        )
    return prepared


def _article_dyads(
    article_id: str, sentences: list[_Sentence], cues: DyadCues
) -> list[dict[str, Any]]:
    """Dyad rows of one article."""
    _add_bloc_references(sentences, cues)
    if options.ANAPHORIC_SUBJECTS:
        _add_anaphoric_subjects(sentences, cues)
        _add_pronoun_subjects(sentences, cues)
    focus = focus_actors(sentences)
    evidence: dict[tuple[str, str], list[int]] = {}
    for position, sentence in enumerate(sentences):
        _sentence_relations(sentence, cues, focus)
        for pair in sorted(sentence.pairs):
            evidence.setdefault(pair, []).append(position)
    main = _main_pair(evidence)
    _resolve_pair_references(sentences, evidence, main, cues)
    rows: list[dict[str, Any]] = []
    lists = _ListContext(main, cues)
    for position, sentence in enumerate(sentences):
        if not _WORD.search(sentence.text):
            continue  # a stray bullet or punctuation mark
        lists.update(sentences, position)
        date = _first_date(sentence)
        rows.extend(_own_rows(article_id, sentence, date, cues))
        if sentence.pairs:
            continue
        if not sentence.domains or sentence.has_adversary or not options.CONTEXT_DOMAINS:
            continue
        if lists.in_list and lists.pairs:
            actor_ids = {a.actor for a in sentence.actors}
            targets = {p for p in lists.pairs if actor_ids <= _sides(p, cues)}
            date = date or lists.date
        else:
            targets = _context_targets(sentences, position, main, cues)
        targets = _own_exclusions(sentence, targets, cues)
        context = _context_binding(sentence, cues)
        for pair in sorted(targets):
            rows.extend(_rows(article_id, pair, sentence, list(context.domains), date, context))
    return rows


def _own_exclusions(
    sentence: _Sentence, targets: set[tuple[str, str]], cues: DyadCues
) -> set[tuple[str, str]]:
    """Context pairs less those the sentence itself rules out.

    A pair the sentence states as tension takes no cooperation from context; nor does a
    pair one side of which is the sentence's source while it names the other.
    """
    targets = targets - {p for p, b in sentence.bindings.items() if b.relation == "tension"}
    if options.SOURCE_IS_NO_CONTEXT_PARTY:
        targets = {p for p in targets if not _source_speaks_of_other(sentence, p, cues)}
    return targets


def _source_speaks_of_other(sentence: _Sentence, pair: tuple[str, str], cues: DyadCues) -> bool:
    """Whether one side is the sentence's source and the other is named in it.

    "Khartoum affirme que les Émirats sont responsables …": what one side says of the
    other is not their cooperation ("Ces appareils renforcent notre capacité, a déclaré
    le général X" still is: it names no other side).
    """
    sources = set(sentence.sources)
    named = {a.actor for a in sentence.actors}
    for side, other in (pair, pair[::-1]):
        if _sides((side, side), cues) & sources and _sides((other, other), cues) & named:
            return True
    return False


def _own_rows(
    article_id: str, sentence: _Sentence, date: str | None, cues: DyadCues
) -> list[dict[str, Any]]:
    """Rows of the pairs a sentence states itself: its tension pairs, then its partners."""
    rows: list[dict[str, Any]] = []
    for pair, binding in sorted(sentence.bindings.items()):
        if binding.relation == "tension":
            rows.extend(_rows(article_id, pair, sentence, list(binding.domains), date, binding))
    for pair, binding in sorted(sentence.ended.items()):
        rows.extend(_rows(article_id, pair, sentence, list(binding.domains), date, binding))
    for pair in sorted(sentence.pairs):
        binding = sentence.bindings.get(pair) or _context_binding(sentence, cues)
        rows.extend(_rows(article_id, pair, sentence, list(binding.domains), date, binding))
    return rows


def _resolve_pair_references(
    sentences: list[_Sentence],
    evidence: dict[tuple[str, str], list[int]],
    main: tuple[str, str] | None,
    cues: DyadCues,
) -> None:
    """A pair reference ("les deux pays") stands for the main pair where actors allow.

    It does so in a sentence without a pair of its own whose actors belong to that pair.
    The main pair of two states is preferred to one with a bloc.
    """
    states_only = {p: e for p, e in evidence.items() if not set(p) & set(cues.blocs)}
    referred = _main_pair(states_only) or main
    if referred is None:
        return
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


class _ListContext:
    """Whether a sentence is an item of a list introduced by "…:", and that list's pairs."""

    def __init__(self, main: tuple[str, str] | None, cues: DyadCues) -> None:
        self.main = main
        self.cues = cues
        self.in_list = False
        self.pairs: set[tuple[str, str]] = set()
        self.date: str | None = None

    def update(self, sentences: list[_Sentence], position: int) -> None:
        """Follow the list state up to the sentence at ``position``."""
        sentence = sentences[position]
        previous = _previous_with_words(sentences, position)
        is_item = bool(_BULLET.match(sentence.text)) or (
            previous is not None
            and (
                not _WORD.search(sentences[position - 1].text) or previous.text.rstrip()[-1] in ",;"
            )
        )
        if previous is not None and previous.text.rstrip().endswith(":"):
            self.in_list = True
            intro_ids = {a.actor for a in previous.actors}
            if previous.pairs:
                self.pairs = set(previous.pairs)
            elif self.main is not None and intro_ids <= _sides(self.main, self.cues):
                self.pairs = {self.main}
            else:
                self.pairs = set()
            self.date = _first_date(previous)
        elif not is_item:
            self.in_list = False


def _context_targets(
    sentences: list[_Sentence], position: int, main: tuple[str, str] | None, cues: DyadCues
) -> set[tuple[str, str]]:
    """The pair a sentence without one of its own gives its domains to (paragraph, main)."""
    sentence = sentences[position]
    actor_ids = {a.actor for a in sentence.actors}
    earlier = _paragraph_pairs(sentences, position)
    targets = {p for p in earlier if actor_ids <= _sides(p, cues)}
    cooperation = _has_cooperation(sentence, cues)
    if options.CONTEXT_NEEDS_COOPERATION and not cooperation:
        return set()  # a domain cue alone ("l'insécurité au Mali") says nothing of a partnership
    if options.CONTEXT_NEEDS_ANCHOR and not actor_ids and not cooperation:
        return set()  # a sentence naming nobody and no cooperation is about something else
    if options.CONTEXT_NEEDS_MENTION and not actor_ids and not _refers_back(sentence, cues):
        return set()  # "il faut investir énormément de ressources": about no pair in particular
    if cues.collective.search(fold_same_length(sentence.text)):
        return set()  # "ses échanges avec le continent africain": not the pair's cooperation
    if len(targets) > 1 and main in targets:
        targets = {main}
    if (
        not targets
        and (actor_ids or (options.MAIN_PAIR_FOR_ANONYMOUS and _refers_back(sentence, cues)))
        and main is not None
        and actor_ids <= set(main)
        and cooperation
    ):
        targets = {main}
    return targets


def _refers_back(sentence: _Sentence, cues: DyadCues) -> bool:
    """Whether the sentence holds a demonstrative ("ces appareils", "cette coopération")."""
    return bool(cues.refers_back.search(fold_same_length(sentence.text)))


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
    binding: Binding | None = None,
) -> list[dict[str, Any]]:
    a, b = sorted(pair)
    binding = binding or Binding(None)
    if binding.dated:
        date = binding.date
    if date is None and binding.present:
        date = sentence.published  # a present-tense report: the article's date
    source = ",".join(s for s in sentence.sources if s not in pair) or None
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
            "relation": binding.relation,
            "modality": binding.modality,
            "source": source,
            "predicate": binding.predicate,
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
