"""A person's country: gazetteer, role phrases, other phrases of the text, host country.

Every mention of a person is read for role phrases (``affiliation_context``); when
every phrase contradicts the gazetteer, the text wins (a namesake). Without gazetteer or
role phrase, the other affiliation rules of the text (``annotation.affiliation``) decide;
failing them, an office named without a country takes the article's own country (the
host). Role phrases naming no one ("le président malien") become mentions of the one
person of that country and role.
"""

from __future__ import annotations

import re
from collections import Counter

from sahel_utils.annotation import affiliation
from sahel_utils.annotation.entities.context import DocContext
from sahel_utils.annotation.entities.model import (
    INSTITUTION,
    Mention,
    PersonCluster,
    entry_country,
)
from sahel_utils.annotation.entities.view import DocView
from sahel_utils.core.lexicon import compile_phrases
from sahel_utils.core.normalize import fold

#: Characters after a name read for an office serving no state.
_APPOSITION = 120


def affiliate(
    ctx: DocContext,
    clusters: list[PersonCluster],
    mentions: list[Mention],
) -> None:
    """Give every cluster a country, canonical id and roles; write them on its mentions.

    Args:
        ctx: The Doc's context.
        clusters: The people of the Doc.
        mentions: Its other mentions (countries, blocs, organisations, places).

    """
    signals = sorted(
        (m for m in mentions if m.entity_type == "country" and m.entity_id),
        key=lambda m: m.start,
    )
    people_spans = [(m.start, m.end) for c in clusters for m in c.mentions]
    anchors = sorted(
        (m for m in mentions if m.entity_type in ("country", "bloc", "organization")),
        key=lambda m: m.start,
    )
    hosts = host_countries(ctx.view, mentions)
    places = sorted(
        (m for m in mentions if m.entity_type in ("country", "place") and m.country),
        key=lambda m: m.start,
    )
    ctx.known_starts = {m.start for m in places} | {m.start for m in mentions if m.national}
    for cluster in clusters:
        _affiliate_cluster(ctx, cluster, signals, anchors, people_spans, hosts, places)
    _same_office(ctx, clusters, hosts)
    _allies(ctx, clusters, people_spans)


def _office_fields(ctx: DocContext, roles: set[str]) -> set[str]:
    """The ministries' fields of a person's offices ("ministre de la defense" -> defense).

    A role of ``role_equivalents`` ("chef de la diplomatie") brings its equivalents.
    """
    rules = ctx.view.rules
    fields: set[str] = set()
    for role in roles:
        fields |= {m.group(0) for m in compile_phrases(rules.portfolios).finditer(role)}
        for key, words in rules.role_equivalents.items():
            if role.startswith(key):
                fields |= set(words)
    return fields


def _same_office(ctx: DocContext, clusters: list[PersonCluster], hosts: list[str]) -> None:
    """A host country is not that of someone else holding the same office.

    "le chef de la diplomatie hongroise, X … Y, le ministre des Affaires étrangères":
    two foreign ministers in one story serve two states, so Y, given the host country
    for want of a phrase, cannot be Hungarian; Y takes the next country of the article.
    """
    named = [
        (c.country, _office_fields(ctx, c.roles))
        for c in clusters
        if c.country and any(m.country_source not in ("host", "inherited") for m in c.mentions)
    ]
    for cluster in clusters:
        sources = {m.country_source for m in cluster.mentions}
        if not cluster.country or not sources <= {"host", "inherited"}:
            continue
        fields = _office_fields(ctx, cluster.roles)
        if not fields:
            continue
        excluded = {country for country, other in named if fields & other}
        if cluster.country not in excluded:
            continue
        host = next((iso for iso in hosts if iso not in excluded), None)
        cluster.country = host
        affiliation.label_sources(cluster.mentions, host, "host", {})
        for mention in cluster.mentions:
            mention.country = host


def _allies(
    ctx: DocContext, clusters: list[PersonCluster], people_spans: list[tuple[int, int]]
) -> None:
    """A person without a country on the side of someone named before ("son compatriote X")."""
    by_span = {(m.start, m.end): c for c in clusters for m in c.mentions}
    for cluster in clusters:
        if cluster.country is not None:
            continue
        found = affiliation.ally_of(ctx.view, cluster.mentions, people_spans)
        owner = by_span.get(found[0]) if found is not None else None
        if found is None or owner is None or owner is cluster or not owner.country:
            continue
        cluster.country = owner.country
        ally = {id(found[1]): (owner.country, "role")}
        affiliation.label_sources(cluster.mentions, cluster.country, None, ally)
        for mention in cluster.mentions:
            mention.country = cluster.country


def _affiliate_cluster(
    ctx: DocContext,
    cluster: PersonCluster,
    signals: list[Mention],
    anchors: list[Mention],
    people_spans: list[tuple[int, int]],
    hosts: list[str],
    places: list[Mention],
) -> None:
    """One person's country (gazetteer, role phrases, other phrases, host), id and roles."""
    context_countries: list[str] = []
    found: dict[int, tuple[str, str]] = {}  # id(mention) -> (country, country_source)
    institutional = False
    for mention in cluster.mentions:
        country, roles = ctx.affiliations.context_affiliation(
            mention, signals, anchors, people_spans
        )
        institutional = institutional or country == INSTITUTION
        # "son homologue" says nothing about the office itself
        cluster.roles.update(r for r in roles if r not in ctx.view.rules.relational_roles)
        if country:
            context_countries.append(country)
            found[id(mention)] = (country, "role")
    _choose_country(
        ctx, cluster, context_countries, found, institutional, signals, people_spans, hosts, places
    )
    source = "gazetteer" if cluster.entry is not None else None
    for mention in cluster.mentions:
        mention.entity_id = cluster.canonical
        mention.country = cluster.country
        if source:
            mention.source = source
        elif mention.source == "gazetteer":
            mention.source = "model"


def _choose_country(
    ctx: DocContext,
    cluster: PersonCluster,
    context_countries: list[str],
    found: dict[int, tuple[str, str]],
    institutional: bool,
    signals: list[Mention],
    people_spans: list[tuple[int, int]],
    hosts: list[str],
    places: list[Mention],
) -> None:
    """The cluster's country and the ``country_source`` of its mentions.

    The host is the article's most named country that the person does not stand
    across from (a counterpart's country, a country visited: ``other_parties``).
    """
    gaz_country = entry_country(cluster.entry)
    if cluster.entry is not None and getattr(cluster.entry, "role", None):
        cluster.roles.add(fold(str(cluster.entry.role)))
    if gaz_country and context_countries and gaz_country not in context_countries:
        # every phrase around the name gives another country: a namesake
        cluster.entry = None
        gaz_country = None
    if not (gaz_country or context_countries or institutional):
        # other phrases of the text: apposition, nationality, "noun du Pays, X"
        found = affiliation.text_affiliation(ctx.view, cluster.mentions, signals, people_spans)
    how = "gazetteer" if gaz_country else None
    if gaz_country:
        cluster.country = gaz_country
    elif context_countries:
        cluster.country = Counter(context_countries).most_common(1)[0][0]
    elif found:
        cluster.country = affiliation.chain_country(found)
    elif not institutional and (host := _host_for(ctx, cluster, hosts, places, people_spans)):
        how = "host"
        cluster.country = host
    else:
        cluster.country = None
    affiliation.label_sources(cluster.mentions, cluster.country, how, found)


def _host_for(
    ctx: DocContext,
    cluster: PersonCluster,
    hosts: list[str],
    places: list[Mention],
    people_spans: list[tuple[int, int]],
) -> str | None:
    """The host country a person takes, else None.

    An office named without its country or a local witness (``_takes_host``), or a
    person with a counterpart ("X … son homologue russe"), takes the most named country
    of the article that the person does not stand across from.
    """
    if cluster.entry is not None:
        return None
    excluded, counterpart = affiliation.other_parties(
        ctx.view, cluster.mentions, places, people_spans
    )
    if _private_employer(ctx, cluster):
        return None
    if not (
        _takes_host(ctx, cluster, people_spans)
        or (counterpart and not _international(ctx, cluster))
    ):
        return None
    return next((iso for iso in hosts if iso not in excluded), None)


def _takes_host(
    ctx: DocContext, cluster: PersonCluster, people_spans: list[tuple[int, int]]
) -> bool:
    """An office named without its country, or a local witness, takes the host country.

    "le ministre de la Défense, X" is most often one of the country where the
    event takes place; so is "le survivant X" or "X, qui fait partie des déplacés".
    An analyst or a researcher ("l'analyste régional X") is not.
    """
    if cluster.entry is not None or _international(ctx, cluster):
        return False
    return bool(cluster.roles - ctx.view.rules.independent_roles) or affiliation.local_person(
        ctx.view, cluster.mentions, people_spans=people_spans
    )


def _private_employer(ctx: DocContext, cluster: PersonCluster) -> bool:
    """An office in a named body that is no state's ("X, secrétaire général d'Alternative …").

    After the name, a comma, a role and its link word, a capitalised name that is no
    country, place, ministry's field or common word: the person works for that body,
    whose country the text does not give (no host country).
    """
    view = ctx.view
    rules = view.rules
    starts = ctx.known_starts
    for mention in cluster.mentions:
        after = view.folded[mention.end : mention.end + 80]
        comma = re.match(r"\s*,\s*", after)
        if comma is None:
            continue
        role = rules.role_regex.match(after, comma.end())
        if role is None:
            continue
        pos = role.end()
        link = next(
            (
                w
                for w in (*rules.country_links, *rules.geographic_links)
                if after.startswith(" " + w, pos)
            ),
            None,
        )
        if link is None:
            continue
        pos += 1 + len(link)
        while pos < len(after) and after[pos] == " ":
            pos += 1
        char = mention.end + pos
        word = re.match(r"[\w-]+", view.text[char : char + 30])
        if word is None or not word.group(0)[:1].isupper() or char in starts:
            continue
        if fold(word.group(0)) in rules.not_names or rules.portfolio_regex.match(
            view.folded, mention.end + role.end() + 1
        ):
            continue
        return True
    return False


def _international(ctx: DocContext, cluster: PersonCluster) -> bool:
    """True for an office serving no state after a name ("X, directeur … mondial …").

    Such a person (staff of an international body) takes no host country.
    """
    view = ctx.view
    for mention in cluster.mentions:
        if not view.text[mention.end : mention.end + 3].lstrip().startswith(","):
            continue
        right = re.split(
            r"[.;:!?«»\"“”()\n]", view.folded[mention.end : mention.end + _APPOSITION].lower()
        )[0]
        if view.rules.international_regex.search(right):
            return True
    return False


def nominal_people(
    ctx: DocContext,
    clusters: list[PersonCluster],
    mentions: list[Mention],
    people: list[Mention],
) -> list[Mention]:
    """Role phrases naming no one ("le président malien") linked to the named person.

    Args:
        ctx: The Doc's context.
        clusters: The people of the Doc, with their countries and roles.
        mentions: Its other mentions (the countries after a role are read from them).
        people: Every person mention (a role phrase next to a name describes it).

    Returns:
        One person mention per role phrase that fits exactly one person.

    """
    out: list[Mention] = []
    signals = [m for m in mentions if m.entity_type == "country" and m.entity_id]
    for match in ctx.view.rules.role_regex.finditer(ctx.view.folded):
        role = match.group(0)
        if role in ctx.view.rules.vague_roles:
            continue
        country_mention = ctx.roles.country_right_after(match.start(), match.end(), signals)
        if country_mention is None:
            continue
        start, end = match.start(), country_mention.end
        if "\n" in ctx.view.text[start:end]:
            continue
        if ctx.roles.describes_named_person(start, end, people):
            continue
        iso = country_mention.entity_id
        candidates = [c for c in clusters if c.country == iso]
        fitting = [
            c
            for c in candidates
            if any(_role_matches(role, r, ctx.view.rules.role_equivalents) for r in c.roles)
        ]
        unknown = [c for c in candidates if not c.roles]
        if fitting:
            candidates = fitting
        elif unknown:
            candidates = unknown
        else:
            continue
        if len(candidates) != 1:
            continue
        cluster = candidates[0]
        nominal = Mention(start, end, "person", cluster.canonical, cluster.country, "rule")
        nominal.country_source = "inherited" if cluster.country else None
        out.append(nominal)
    return out


def _role_matches(
    nominal: str, role: str, equivalents: dict[str, tuple[str, ...]] | None = None
) -> bool:
    """True when a role phrase ("president") fits a person's known role.

    A nominal with ``role_equivalents`` (``entity_rules.yaml``) fits a role holding one
    of its equivalents ("chef de l'etat" fits "president de la transition").
    """
    if equivalents and nominal in equivalents:
        return any(word in role for word in equivalents[nominal])
    return compile_phrases([nominal]).search(role) is not None


def host_countries(view: DocView, mentions: list[Mention]) -> list[str]:
    """The article's own country first, then the other countries it names, by votes.

    The most frequent country among country mentions (names, capitals, adjectives)
    and places after a locative preposition ("à Bangui"), outside quotations; ties go
    to the country named first. Empty when the article names no country; the first is
    the one an office named without country belongs to.
    """
    from sahel_utils.annotation.quotes import find_quote_spans

    quoted = [(q.start, q.end) for q in find_quote_spans(view.text)]
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for mention in mentions:
        if not mention.country or mention.entity_type not in ("place", "country"):
            continue
        if mention.entity_type == "place" and not view.after_locative(mention.start):
            continue
        if any(a <= mention.start < b for a, b in quoted):
            continue
        votes[mention.country] += 1
        first_seen.setdefault(mention.country, mention.start)
    return sorted(votes, key=lambda iso: (-votes[iso], first_seen[iso]))
