"""Same person: the mentions of one person in one article grouped together.

Full names first, then shorter forms: "Goïta" joins the person whose name contains it
(up to spelling variants, the rule of ``core.names``), the one mentioned last before it
when several do; a family name alone refers back, never forward. A gazetteer person is
kept only when the given names agree ("Aminata Zerbo" is not "Émile Zerbo"). A family
name used alone after the full name is a mention of that person.
"""

from __future__ import annotations

import re
from typing import Any

from sahel_utils.annotation.entities.context import DocContext
from sahel_utils.annotation.entities.model import Mention, PersonCluster, name_tokens
from sahel_utils.core import names
from sahel_utils.core.normalize import fold

_similar = names.similar_spelling


def _first_names_agree(entry: Any, tokens: list[str]) -> bool:
    """False when a full name shares only its family name with a gazetteer person.

    A family name alone, or a full name whose other words match words of one of the
    entry's names ("Serguei Lavrov", "Mahamat Idriss Déby Itno"), agrees; "Aminata
    Zerbo" does not agree with "Émile Zerbo".
    """
    given = tokens[:-1]
    if not given:
        return True
    names = (getattr(entry, "name", ""), *getattr(entry, "aliases", ()))
    for name in names:
        known = name_tokens(str(name))
        if len(known) < 2:
            continue
        if any(_similar(a, b) for a in given for b in known):
            return True
    return not any(len(name_tokens(str(n))) >= 2 for n in names)


def _tokens_contained(short: list[str], long: list[str]) -> bool:
    """True when every token of ``short`` matches a distinct token of ``long``."""
    remaining = list(long)
    for tok in short:
        hit = next((i for i, other in enumerate(remaining) if _similar(tok, other)), None)
        if hit is None:
            return False
        remaining.pop(hit)
    return True


def cluster_people(
    people: list[Mention], gazetteer: Any, entries: dict[str, Any]
) -> list[PersonCluster]:
    """Group the mentions of one person: full names first, then shorter forms.

    A shorter form ("Goïta", "Touedera") joins the person whose name contains it (up to
    spelling variants); when several do, the one mentioned last before it.

    Args:
        people: Person mentions of one Doc.
        gazetteer: The gazetteer (``match_person``).
        entries: Gazetteer entries by id.

    Returns:
        One cluster per person, its mentions in text order.

    """
    clusters: list[PersonCluster] = []
    order = sorted(people, key=lambda m: (-len(name_tokens(m.name)), m.start))
    for mention in order:
        tokens = name_tokens(mention.name)
        if not tokens:
            continue
        earlier = [c for c in clusters if any(m.start < mention.start for m in c.mentions)]
        known = [c.entry.entity_id for c in earlier if c.entry is not None]
        gazetteer_entry = entries.get(mention.gazetteer_id) if mention.gazetteer_id else None
        entry = gazetteer_entry or gazetteer.match_person(mention.name, context=known)
        if entry is not None and not _first_names_agree(entry, tokens):
            entry = None  # "Aminata Zerbo" is not the gazetteer's "Émile Zerbo"
        candidates = [c for c in clusters if _same_person(c, tokens, entry)]
        if len(tokens) == 1:
            # a family name alone refers back, never forward, to a full name
            # (unless the gazetteer says it is the same person)
            candidates = [
                c for c in candidates if c in earlier or (entry is not None and c.entry is not None)
            ]
        if candidates:
            target = _nearest_before(candidates, mention.start)
        else:
            target = PersonCluster(mentions=[])
            clusters.append(target)
        target.mentions.append(mention)
        full_names = [k for k in target.keys if len(k) > 1]
        if target.entry is None and entry is not None and (len(tokens) > 1 or not full_names):
            target.entry = entry
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.start)
    return clusters


def add_surname_mentions(
    ctx: DocContext,
    clusters: list[PersonCluster],
    fixed: list[Mention],
    others: list[Mention],
) -> set[int]:
    """A family name used alone after the full name ("… Abdoulaye Maïga … Maïga a …").

    The most recent person with that family name before the word gets the mention,
    also when the model read the lone word as a place or an organisation ("…, dit
    Mudibo."): those model mentions are released (their ids are returned).

    Args:
        ctx: The Doc's context.
        clusters: The people of the Doc (mentions are added to them).
        fixed: Gazetteer and rule mentions.
        others: The model's place and organisation mentions.

    Returns:
        The ids of the released model mentions.

    """
    by_surname: dict[str, list[tuple[int, PersonCluster]]] = {}
    for cluster in clusters:
        for mention in cluster.mentions:
            tokens = name_tokens(mention.name)
            if len(tokens) >= 2:
                by_surname.setdefault(tokens[-1], []).append((mention.start, cluster))
    if not by_surname:
        return set()
    released = {
        id(m): m
        for m in others
        if m.source == "model"
        and fold(ctx.view.text[m.start : m.end]) in by_surname
        and any(pos < m.start for pos, _ in by_surname[fold(ctx.view.text[m.start : m.end])])
    }
    taken = fixed + [m for m in others if id(m) not in released]
    occupied = [(m.start, m.end) for m in taken] + [
        (m.start, m.end) for c in clusters for m in c.mentions
    ]
    for token in ctx.view.doc:
        key = fold(token.text)
        if key not in by_surname or not ctx.names.is_name_start(token.idx):
            continue
        start, end = token.idx, token.idx + len(token.text)
        if any(s < end and start < e for s, e in occupied):
            continue
        earlier = [(pos, c) for pos, c in by_surname[key] if pos < start]
        if not earlier:
            continue
        cluster = max(earlier, key=lambda item: item[0])[1]
        mention = Mention(start, end, "person", None, None, "rule")
        mention.name = token.text
        cluster.mentions.append(mention)
        occupied.append((start, end))
    for cluster in clusters:
        cluster.mentions.sort(key=lambda m: m.start)
    return set(released)


def _same_person(cluster: PersonCluster, tokens: list[str], entry: Any) -> bool:
    """True when a name (folded words, gazetteer entry) belongs to ``cluster``."""
    if entry is not None and cluster.entry is not None:
        return bool(cluster.entry.entity_id == entry.entity_id)
    if any(_tokens_contained(tokens, key) for key in cluster.keys):
        return True
    full = " ".join(tokens)
    return any(names.same_person(full, " ".join(k)) for k in cluster.keys)


def _nearest_before(clusters: list[PersonCluster], start: int) -> PersonCluster:
    """The cluster mentioned last before ``start`` (else the first one mentioned)."""

    def last_before(cluster: PersonCluster) -> int:
        return max((m.start for m in cluster.mentions if m.start < start), default=-1)

    best = max(clusters, key=last_before)
    if last_before(best) >= 0:
        return best
    return min(clusters, key=lambda c: min(m.start for m in c.mentions))


def merge_aliases(ctx: DocContext, clusters: list[PersonCluster]) -> list[PersonCluster]:
    """Names given after an alias cue ("X, épouse Y", "surnommé Rambo") join a person.

    A person (not in the gazetteer) every mention of which follows an alias cue is
    another name of the person named last before it; with no one before, a nickname
    of no one in the news, dropped.

    Args:
        ctx: The Doc's context.
        clusters: The people of the Doc.

    Returns:
        The clusters left, the aliases' mentions moved to their person.

    """
    cues = ctx.view.rules.alias_cues
    folded = ctx.view.folded

    def after_cue(mention: Mention) -> bool:
        words = re.findall(r"[\w'-]+", folded[max(0, mention.start - 20) : mention.start])
        return bool(words) and words[-1] in cues

    aliases = [
        c
        for c in clusters
        if c.entry is None and c.mentions and all(after_cue(m) for m in c.mentions)
    ]
    kept = [c for c in clusters if not any(c is a for a in aliases)]
    for alias in aliases:
        first = alias.mentions[0].start
        before = [c for c in kept if any(m.start < first for m in c.mentions)]
        if not before:
            continue
        owner = _nearest_before(before, first)
        name = owner.canonical
        for mention in alias.mentions:
            mention.name = name  # the person keeps the name the article gave first
        owner.mentions.extend(alias.mentions)
        owner.mentions.sort(key=lambda m: m.start)
    return kept


def add_full_name_mentions(
    ctx: DocContext,
    clusters: list[PersonCluster],
    fixed: list[Mention],
    others: list[Mention],
) -> set[int]:
    """A person's full name found again where the model missed or mistyped it.

    One sense per article: "Mohamed Khaleel Idi Issa", a person in one sentence, is
    the same person where the model read it inside a longer place or organisation
    ("… pour les Affaires politiques Mohamed Khaleel Idi Issa"). Names of two words or
    more, matched as whole words; a model place or organisation overlapping the name is
    released (its id returned).

    Args:
        ctx: The Doc's context.
        clusters: The people of the Doc (mentions are added to them).
        fixed: Gazetteer and rule mentions (never overlapped).
        others: The model's place and organisation mentions.

    Returns:
        The ids of the released model mentions.

    """
    text = ctx.view.text
    released: set[int] = set()
    taken = [(m.start, m.end) for m in fixed] + [
        (m.start, m.end) for c in clusters for m in c.mentions
    ]
    for cluster in clusters:
        names = {m.name for m in cluster.mentions if len(name_tokens(m.name)) >= 2}
        for name in sorted(names, key=len, reverse=True):
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                start, end = match.span()
                if any(s < end and start < e for s, e in taken):
                    continue
                for other in others:
                    if other.source == "model" and other.start < end and start < other.end:
                        released.add(id(other))
                mention = Mention(start, end, "person", None, None, "rule")
                mention.name = name
                cluster.mentions.append(mention)
                taken.append((start, end))
        cluster.mentions.sort(key=lambda m: m.start)
    return released
